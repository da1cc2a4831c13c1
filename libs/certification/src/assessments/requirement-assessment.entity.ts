import { OrganisationOwnedEntity } from '@vigie/db';
import { Column, Entity, Index } from 'typeorm';

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
export class RequirementAssessment extends OrganisationOwnedEntity {
  @Column({ name: 'assessment_id', type: 'uuid' })
  assessmentId: string;

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

  @Column({ name: 'owner_id', type: 'uuid', nullable: true })
  ownerId: string | null;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
