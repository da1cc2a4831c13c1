import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A notice shown to one user (the bell, « À faire ») and, unless the user switched it off, e-mailed through the
 * outbox. `threshold` makes each notice go once: one row per (recipient, kind, entity, threshold), e.g. a
 * questionnaire's `due-soon` notice once per due date.
 */
@Entity('notification')
@Index('uq_notification_once', ['recipientId', 'kind', 'entityId', 'threshold'], { unique: true })
@Index('idx_notification_recipient', ['recipientId', 'createdAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('User', { name: 'FK_notification_recipient', onDelete: 'CASCADE' })
  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ type: 'varchar', length: 60 })
  kind: string;

  /** The organisation the notice is about (the member of a breach, the vendor of a questionnaire…). */
  @ForeignKey('Organisation', { name: 'FK_notification_organisation', onDelete: 'CASCADE' })
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ type: 'varchar', length: 100 })
  threshold: string;

  /** French, without personal data of data subjects. */
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** Path of the page in the web application (see `WEB_PATHS`). */
  @Column({ name: 'link_path', type: 'varchar', length: 300 })
  linkPath: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
