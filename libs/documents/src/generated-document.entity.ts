import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A PDF as it was served, kept so that it can be listed and downloaded again (what the CNIL or the auditor
 * received). Immutable: no version, no update.
 */
@Entity('generated_document')
@Index('idx_generated_document_organisation_created', ['organisationId', 'createdAt'])
// Unique on (organisation_id, kind, content_key) where content_key is set (partial index, in the migration).
@Index('uq_generated_document_content', { synchronize: false })
export class GeneratedDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Organisation', { name: 'FK_generated_document_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** What kind of record: `register`, `processing-sheet`, `processor-register`, `soa`… */
  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'integer' })
  size: number;

  /**
   * What identifies the content, whatever the moment it was generated (see `DocumentsService.store`): the same
   * kind, organisation and key is the same document. Null on records stored before the key existed.
   */
  @Column({ name: 'content_key', type: 'char', length: 64, nullable: true, select: false })
  contentKey: string | null;

  @Column({ name: 'content_type', type: 'varchar', length: 100, default: 'application/pdf' })
  contentType: string;

  /** The bytes; only selected when downloading. */
  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ForeignKey('User', { name: 'FK_generated_document_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}

export interface GeneratedDocumentView {
  id: string;
  organisationId: string;
  kind: string;
  title: string;
  sha256: string;
  size: number;
  createdAt: Date;
  createdBy: string | null;
}

export function asDocumentView(document: GeneratedDocument): GeneratedDocumentView {
  const { id, organisationId, kind, title, sha256, size, createdAt, createdBy } = document;
  return { id, organisationId, kind, title, sha256, size, createdAt, createdBy };
}
