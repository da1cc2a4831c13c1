import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AGENT_STATUSES = ['active', 'left', 'suspended'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

/**
 * One agent of a member's directory (its staff, as its human-resources department knows them), imported as a
 * whole from a CSV: an account under review with no matching agent, or matching an agent who has left, is an
 * orphan. The directory is replaced at each import.
 */
@Entity('agent_directory_entry')
@Check('CHK_agent_directory_entry_status', `"status" IN ('active', 'left', 'suspended')`)
@Index('uq_agent_directory_entry_email', ['organisationId', 'email'], { unique: true })
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_agent_directory_entry_organisation' })
export class AgentDirectoryEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  /** Line of the imported CSV file. */
  @Column({ type: 'integer' })
  line: number;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 20 })
  status: AgentStatus;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt: Date;

  @ForeignKey('User', { name: 'FK_agent_directory_entry_importer' })
  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy: string | null;
}
