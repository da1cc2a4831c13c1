import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'remediated'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/**
 * An access-review campaign: the accounts of one application used by one member, reviewed once. Status
 * `draft` (accounts imported) → `open` (reviewers decide) → `closed` (every account decided; revocations and
 * modifications become remediation tasks) → `remediated` (every task done).
 */
@Entity('access_review')
@Check('CHK_access_review_status', `"status" IN ('draft', 'open', 'closed', 'remediated')`)
@Check('CHK_access_review_recurrence', `"recurrence_months" IS NULL OR "recurrence_months" BETWEEN 1 AND 36`)
@Index('idx_access_review_organisation', ['organisationId', 'dueDate', 'id'])
@Index('idx_access_review_application', ['applicationId', 'organisationId', 'closedAt'])
@Index('uq_access_review_previous', ['previousCampaignId'], { unique: true })
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_access_review_organisation' })
export class AccessReview extends OrganisationOwnedEntity {
  @ForeignKey('Application', { name: 'FK_access_review_application' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** `YYYY-MM-DD`: the date by which every account should be decided. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** When set, a campaign is created every N months from this one (see the lib README). */
  @Column({ name: 'recurrence_months', type: 'integer', nullable: true })
  recurrenceMonths: number | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: CampaignStatus;

  /** The campaign this one recurs from (unique: a campaign has at most one successor). */
  @ForeignKey('AccessReview', { name: 'FK_access_review_previous', onDelete: 'SET NULL' })
  @Column({ name: 'previous_campaign_id', type: 'uuid', nullable: true })
  previousCampaignId: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'remediated_at', type: 'timestamptz', nullable: true })
  remediatedAt: Date | null;

  @ForeignKey('User', { name: 'FK_access_review_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The evidence (ISO/IEC 27001 control 5.18) made of the last certificate attached. */
  @ForeignKey('Evidence', { name: 'FK_access_review_certificate_evidence', onDelete: 'SET NULL' })
  @Column({ name: 'certificate_evidence_id', type: 'uuid', nullable: true })
  certificateEvidenceId: string | null;

  /**
   * The import of the member's directory of agents the `orphan` flags were computed from (at the account
   * import, then at the opening); null when the member had no directory, so that no orphan could be told.
   */
  @Column({ name: 'agent_directory_at', type: 'timestamptz', nullable: true })
  agentDirectoryAt: Date | null;

  /** The campaign status the attached certificate shows (`closed`, then `remediated`). */
  @Column({ name: 'certificate_evidence_status', type: 'varchar', length: 20, nullable: true })
  certificateEvidenceStatus: CampaignStatus | null;
}
