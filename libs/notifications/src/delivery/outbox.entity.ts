import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'sent', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * An e-mail to send, written in the transaction of the event that caused it, so that no notice is lost. The
 * delivery job sends what is due (`due_at`), marks it `sent` in the database (never twice), and on an SMTP
 * failure counts the attempt and pushes `due_at` back (exponential backoff). `digest` rows of one recipient
 * are sent together, in the daily digest.
 */
@Entity('notification_outbox')
@Index('idx_notification_outbox_due', ['status', 'dueAt'])
@Index('idx_notification_outbox_notification', ['notificationId'])
export class NotificationOutbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Notification', { name: 'FK_notification_outbox_notification', onDelete: 'CASCADE' })
  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @ForeignKey('User', { name: 'FK_notification_outbox_recipient', onDelete: 'CASCADE' })
  @Column({ name: 'recipient_id', type: 'uuid' })
  recipientId: string;

  @Column({ type: 'varchar', length: 10 })
  mode: 'immediate' | 'digest';

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: OutboxStatus;

  /** When it is to be sent next: at once, the next digest (08:00 Paris), or after a failure's backoff. */
  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** A worker holds the row until then while it sends it (another instance skips it). */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
