import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';

export const DECISIONS = ['keep', 'revoke', 'modify'] as const;
export type Decision = (typeof DECISIONS)[number];

export const FLAGS = ['dormant', 'orphan', 'privileged', 'new', 'removed'] as const;
export type Flag = (typeof FLAGS)[number];

/**
 * One account of the reviewed application, as imported from the CSV, with its flags, its reviewer and the
 * current decision (the decisions made before are in `access_review_event`). An account of the previous closed
 * campaign that is no longer in the list is an item flagged `removed`: listed, with no reviewer and no decision
 * needed.
 */
@Entity('access_review_item')
@Check('CHK_access_review_item_decision', `"decision" IS NULL OR "decision" IN ('keep', 'revoke', 'modify')`)
@Check(
  'CHK_access_review_item_reason',
  `"decision" IS NULL OR "decision" = 'keep' OR length(btrim(coalesce("reason", ''))) > 0`,
)
@Index('uq_access_review_item_username', { synchronize: false }) // unique on (access_review_id, lower(username))
@Index('idx_access_review_item_reviewer', ['reviewerId', 'accessReviewId'])
@Index('idx_access_review_item_organisation', ['organisationId'])
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_access_review_item_organisation' })
export class AccessReviewItem extends OrganisationOwnedEntity {
  @ForeignKey('AccessReview', { name: 'FK_access_review_item_review', onDelete: 'CASCADE' })
  @Column({ name: 'access_review_id', type: 'uuid' })
  accessReviewId: string;

  /** Line of the CSV file the account came from (null for `removed` items). */
  @Column({ type: 'integer', nullable: true })
  line: number | null;

  @Column({ type: 'varchar', length: 200 })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  role: string | null;

  /** Null: never signed in. */
  @Column({ name: 'last_login', type: 'timestamptz', nullable: true })
  lastLogin: Date | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: Flag[];

  @ForeignKey('User', { name: 'FK_access_review_item_reviewer' })
  @Column({ name: 'reviewer_id', type: 'uuid', nullable: true })
  reviewerId: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  decision: Decision | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason: string | null;

  @ForeignKey('User', { name: 'FK_access_review_item_decider' })
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
