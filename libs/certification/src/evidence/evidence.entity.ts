import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';

/**
 * An evidence file, kept byte for byte in the database (a backup of the database holds everything). Immutable:
 * a new version of a document is a new evidence. `uploadedAt` is when it reached Vigie; `effectiveDate` is the
 * date the document speaks for (a policy's approval, a test's execution), which may be earlier. Its `version`
 * counts the changes of the requirements it supports (links added or removed).
 */
@Entity('evidence')
@Index('idx_evidence_organisation', ['organisationId', 'uploadedAt'])
@Index('idx_evidence_expires_at', { synchronize: false }) // partial index (WHERE expires_at IS NOT NULL), in the migration
@Check('CHK_evidence_expiry', `"expires_at" IS NULL OR "expires_at" >= "effective_date"`)
export class Evidence {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Organisation', { name: 'FK_evidence_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  /** Detected from the content, never taken from the client. */
  @Column({ name: 'content_type', type: 'varchar', length: 150 })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** The bytes; only selected when downloading. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate: string;

  /** `YYYY-MM-DD`; after it the evidence is flagged expired. */
  @Column({ name: 'expires_at', type: 'date', nullable: true })
  expiresAt: string | null;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt: Date;

  @ForeignKey('User', { name: 'FK_evidence_uploader' })
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @VersionColumn({ default: 1 })
  version: number;
}
