import { Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A user's choice for one kind of notice (absent: the kind's default). */
@Entity('notification_preference')
export class NotificationPreference {
  @ForeignKey('User', { name: 'FK_notification_preference_user', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  delivery: 'immediate' | 'digest' | 'off';

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
