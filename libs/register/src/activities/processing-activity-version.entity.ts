import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What happened to an entry at one of its versions. */
export type VersionAction =
  | 'create'
  | 'update'
  | 'validate'
  | 'archive'
  | 'dpia-decision'
  | 'dpia-assessment'
  | 'apply-template'
  | 'import';

/** One version of a register entry, kept forever: who, when, what changed, and the whole entry as it was. */
@Entity('processing_activity_version')
@Index('uq_processing_activity_version', ['activityId', 'version'], { unique: true })
@Index('idx_processing_activity_version_organisation', ['organisationId'])
export class ProcessingActivityVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('ProcessingActivity', { name: 'FK_processing_activity_version_activity', onDelete: 'CASCADE' })
  @Column({ name: 'activity_id', type: 'uuid' })
  activityId: string;

  @ForeignKey('Organisation', { name: 'FK_processing_activity_version_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 30 })
  action: VersionAction;

  @Column({ type: 'varchar', length: 10 })
  status: string;

  @Column({ name: 'changed_fields', type: 'jsonb' })
  changedFields: string[];

  /** A sentence for the reader of the history (e.g. "back to draft: a validated entry was edited"). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** The entry as it was at this version (content, status, validation, DPIA decision, template). */
  @Column({ type: 'jsonb' })
  snapshot: Record<string, unknown>;

  @ForeignKey('User', { name: 'FK_processing_activity_version_actor' })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
