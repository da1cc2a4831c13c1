import { unscoped } from '@vigie/authz';
import { EntityManager } from 'typeorm';
import type { RequirementStatus } from './requirement-assessment.entity';

export interface AnchorStatus {
  assessmentId: string;
  assessmentName: string;
  requirementAssessmentId: string | null;
  status: RequirementStatus;
}

/** Key of an anchor in the map {@link anchorStatuses} answers. */
export const anchorKey = (frameworkCode: string, ref: string) => `${frameworkCode} ${ref}`;

/**
 * The status of each anchor (framework code + ref) in the organisation's current assessment of that framework
 * (the most recent one not archived), in one query. An anchor that is a parent clause (ISO 9.2) takes the
 * aggregate of its sub-clauses (9.2.1, 9.2.2): implemented when every applicable one is, not applicable when
 * none applies, not started when no applicable one has started, in progress otherwise.
 */
export async function anchorStatuses(
  manager: EntityManager,
  organisationId: string,
  anchors: { frameworkCode: string; ref: string }[],
): Promise<Map<string, AnchorStatus>> {
  const result = new Map<string, AnchorStatus>();
  if (anchors.length === 0) return result;
  const rows: {
    code: string;
    ref: string;
    assessmentId: string;
    assessmentName: string;
    ownId: string | null;
    total: number;
    implemented: number;
    notStarted: number;
    notApplicable: number;
  }[] = await unscoped(
    manager,
    'one measured aggregate (CTE) with its scope in the SQL: the organisation of the assessment the caller found visible, whose current assessments of the anchor frameworks it reads',
  ).query(
    `WITH anchors AS (
       SELECT DISTINCT code, ref FROM unnest($2::text[], $3::text[]) AS t(code, ref)
     ), current_assessment AS (
       SELECT DISTINCT ON (f.code) f.code, a.id, a.name
       FROM assessment a JOIN framework f ON f.id = a.framework_id
       WHERE a.organisation_id = $1 AND NOT a.archived AND f.code IN (SELECT code FROM anchors)
       ORDER BY f.code, a.created_at DESC, a.id DESC
     )
     SELECT an.code, an.ref, c.id AS "assessmentId", c.name AS "assessmentName",
            (array_agg(ra.id) FILTER (WHERE fr.ref = an.ref))[1] AS "ownId",
            count(*)::int AS total,
            count(*) FILTER (WHERE ra.status = 'implemented')::int AS implemented,
            count(*) FILTER (WHERE ra.status = 'not-started')::int AS "notStarted",
            count(*) FILTER (WHERE ra.status = 'not-applicable')::int AS "notApplicable"
     FROM anchors an
     JOIN current_assessment c ON c.code = an.code
     JOIN requirement_assessment ra ON ra.assessment_id = c.id
     JOIN framework_requirement fr ON fr.id = ra.requirement_id
       AND (fr.ref = an.ref OR left(fr.ref, length(an.ref) + 1) = an.ref || '.')
     GROUP BY an.code, an.ref, c.id, c.name`,
    [organisationId, anchors.map((a) => a.frameworkCode), anchors.map((a) => a.ref)],
  );
  for (const row of rows) {
    const applicable = row.total - row.notApplicable;
    const status: RequirementStatus =
      applicable === 0
        ? 'not-applicable'
        : row.implemented === applicable
          ? 'implemented'
          : row.notStarted === applicable
            ? 'not-started'
            : 'in-progress';
    result.set(anchorKey(row.code, row.ref), {
      assessmentId: row.assessmentId,
      assessmentName: row.assessmentName,
      requirementAssessmentId: row.ownId,
      status,
    });
  }
  return result;
}
