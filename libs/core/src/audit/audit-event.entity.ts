import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** Before and after values of each changed field. */
export type AuditChanges = Record<string, { before: unknown; after: unknown }>;

/**
 * One change made to the data, written in the transaction that made it. Events form a hash chain in `seq`
 * order: each `hash` covers the event's content and the previous event's hash, keyed with the audit key.
 */
@Entity('audit_event')
@Index('idx_audit_event_organisation_seq', ['organisationId', 'seq'])
@Index('idx_audit_event_entity_id', ['entityId'])
export class AuditEvent {
  @PrimaryColumn('uuid')
  id: string;

  /** Position in the chain; assigned by the database. */
  @Column({ type: 'bigint', generated: 'increment', unique: true })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  // Named by entity: the audit trail sits below the identity lib that defines users and organisations.
  @ForeignKey('User', { name: 'FK_audit_event_actor' })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ForeignKey('Organisation', { name: 'FK_audit_event_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId: string | null;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ type: 'varchar', length: 100 })
  entity: string;

  @Column({ name: 'entity_id', type: 'uuid' })
  entityId: string;

  @Column({ type: 'jsonb' })
  changes: AuditChanges;

  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId: string;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** Whether `hash` is an HMAC under the audit key (every event since keys exist) or a plain SHA-256. */
  @Column({ type: 'boolean', default: false })
  keyed: boolean;
}
