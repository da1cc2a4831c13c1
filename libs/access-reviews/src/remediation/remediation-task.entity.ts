import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';

export const TASK_STATUSES = ['to-do', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * What the operator must do in the application after a campaign closes: revoke or modify one account. Owned by
 * the member whose account it is; carried out by the operator's security officer.
 */
@Entity('remediation_task')
@Check('CHK_remediation_task_action', `"action" IN ('revoke', 'modify')`)
@Check('CHK_remediation_task_status', `"status" IN ('to-do', 'done')`)
@Check('CHK_remediation_task_done', `("status" = 'done') = ("done_at" IS NOT NULL)`)
@Index('uq_remediation_task_item', ['itemId'], { unique: true })
@Index('idx_remediation_task_review', ['accessReviewId', 'status'])
@Index('idx_remediation_task_due', ['status', 'dueDate', 'id'])
@Index('idx_remediation_task_organisation', ['organisationId'])
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_remediation_task_organisation' })
export class RemediationTask extends OrganisationOwnedEntity {
  @ForeignKey('AccessReview', { name: 'FK_remediation_task_review', onDelete: 'CASCADE' })
  @Column({ name: 'access_review_id', type: 'uuid' })
  accessReviewId: string;

  @ForeignKey('AccessReviewItem', { name: 'FK_remediation_task_item', onDelete: 'CASCADE' })
  @Column({ name: 'item_id', type: 'uuid' })
  itemId: string;

  @Column({ type: 'varchar', length: 10 })
  action: 'revoke' | 'modify';

  @Column({ type: 'varchar', length: 10, default: 'to-do' })
  status: TaskStatus;

  /** `YYYY-MM-DD`: the campaign's due date plus `VIGIE_REMEDIATION_DELAY_DAYS`. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt: Date | null;

  @ForeignKey('User', { name: 'FK_remediation_task_done_by' })
  @Column({ name: 'done_by', type: 'uuid', nullable: true })
  doneBy: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;
}
