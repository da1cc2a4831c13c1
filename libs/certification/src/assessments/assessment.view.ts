import type { Framework } from '../frameworks/framework.entity';
import type { Assessment, AssessmentScope } from './assessment.entity';
import type { InclusionReason, RequirementStatus } from './requirement-assessment.entity';

export interface AssessmentView {
  id: string;
  organisationId: string;
  frameworkCode: string;
  frameworkName: string;
  frameworkEdition: string;
  name: string;
  scope: AssessmentScope;
  archived: boolean;
  requirementCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export function toAssessmentView(
  assessment: Assessment,
  framework: Framework,
  requirementCount: number,
): AssessmentView {
  return {
    id: assessment.id,
    organisationId: assessment.organisationId,
    frameworkCode: framework.code,
    frameworkName: framework.name,
    frameworkEdition: framework.edition,
    name: assessment.name,
    scope: assessment.scope,
    archived: assessment.archived,
    requirementCount,
    version: assessment.version,
    createdAt: assessment.createdAt,
    updatedAt: assessment.updatedAt,
    createdBy: assessment.createdBy,
  };
}

/**
 * Cross-framework view of a requirement anchored in another framework (an HDS EXI anchored to an ISO clause):
 * the anchor's status in the current (most recent non-archived) assessment of that framework.
 */
export interface AnchorView {
  /** As the referential writes it (`6.1.2`, `CSP R.1111-11 1°`). */
  label: string;
  frameworkCode: string | null;
  ref: string | null;
  /** null when the anchor is free text or no current assessment of its framework exists. */
  current: {
    assessmentId: string;
    assessmentName: string;
    /** The anchor's own requirement assessment, when the anchor is itself assessable. */
    requirementAssessmentId: string | null;
    /** For a parent clause (e.g. 9.2), aggregated over its sub-clauses. */
    status: RequirementStatus;
  } | null;
}

export interface RequirementAssessmentView {
  id: string;
  assessmentId: string;
  requirementId: string;
  ref: string;
  /** French for the built-in frameworks. */
  title: string;
  /** The English title of the referential, null when it has none. */
  titleEn: string | null;
  kind: string;
  /** Theme (ISO Annex A), clause group (ISO 4–10) or chapter (HDS), in French for the built-in frameworks. */
  theme: string;
  /** Its English name in the referential, null when it has none. */
  themeEn: string | null;
  applicable: boolean;
  justification: string | null;
  inclusionReasons: InclusionReason[];
  status: RequirementStatus;
  ownerId: string | null;
  dueDate: string | null;
  notes: string | null;
  version: number;
  evidenceCount: number;
  /** Due date past while the status is still short of implemented. */
  overdue: boolean;
  anchor: AnchorView | null;
  updatedAt: Date;
}
