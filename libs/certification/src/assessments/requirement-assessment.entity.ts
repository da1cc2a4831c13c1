import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';

export const REQUIREMENT_STATUSES = ['not-started', 'in-progress', 'implemented', 'not-applicable'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

/** Why an Annex A control is included in the Statement of Applicability. */
export const INCLUSION_REASONS = ['legal', 'contractual', 'risk-treatment', 'best-practice'] as const;
export type InclusionReason = (typeof INCLUSION_REASONS)[number];

/**
 * The state of one requirement in one assessment. `applicable = false` goes with status `not-applicable` and
 * a justification (checked by the service and by CHECK constraints).
 */
@Entity('requirement_assessment')
@Index('uq_requirement_assessment', ['assessmentId', 'requirementId'], { unique: true })
@Index('idx_requirement_assessment_organisation', ['organisationId'])
@Index('idx_requirement_assessment_requirement', ['requirementId'])
@Index('idx_requirement_assessment_owner', ['ownerId'])
@Check(
  'CHK_requirement_assessment_status',
  `"status" IN ('not-started', 'in-progress', 'implemented', 'not-applicable')`,
)
@Check('CHK_requirement_assessment_applicability', `("status" = 'not-applicable') = (NOT "applicable")`)
@Check(
  'CHK_requirement_assessment_justification',
  `"applicable" OR length(btrim(coalesce("justification", ''))) > 0`,
)
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_requirement_assessment_organisation' })
export class RequirementAssessment extends OrganisationOwnedEntity {
  @ForeignKey('Assessment', { name: 'FK_requirement_assessment_assessment', onDelete: 'CASCADE' })
  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

  @ForeignKey('FrameworkRequirement', { name: 'FK_requirement_assessment_requirement' })
  @Column({ name: 'requirement_id', type: 'uuid' })
  requirementId: string;

  @Column({ type: 'boolean', default: true })
  applicable: boolean;

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  @Column({ name: 'inclusion_reasons', type: 'jsonb', default: () => "'[]'" })
  inclusionReasons: InclusionReason[];

  @Column({ type: 'varchar', length: 20, default: 'not-started' })
  status: RequirementStatus;

  @ForeignKey('User', { name: 'FK_requirement_assessment_owner' })
  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
