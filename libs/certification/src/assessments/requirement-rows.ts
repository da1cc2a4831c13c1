import { Subject, scopedQuery } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { todayInParis } from '../dates';
import { FrameworkRequirement } from '../frameworks/framework-requirement.entity';
import type { RequirementAssessmentView } from './assessment.view';
import { anchorKey, anchorStatuses } from './cross-framework';
import { RequirementAssessment } from './requirement-assessment.entity';

export interface RequirementFilter {
  id?: string;
  status?: string;
  theme?: string;
  kind?: string;
}

interface RawRow {
  id: string;
  assessmentId: string;
  organisationId: string;
  requirementId: string;
  ref: string;
  title: string;
  titleEn: string | null;
  kind: string;
  theme: string;
  themeEn: string | null;
  applicable: boolean;
  justification: string | null;
  inclusionReasons: RequirementAssessmentView['inclusionReasons'];
  status: RequirementAssessmentView['status'];
  ownerId: string | null;
  dueDate: string | null;
  notes: string | null;
  version: number;
  updatedAt: Date;
  evidenceCount: number;
  overdue: boolean;
  anchor: string | null;
  anchorFrameworkCode: string | null;
  anchorRef: string | null;
}

/**
 * The requirement assessments of one assessment as the API shows them, with their evidence count and the
 * cross-framework status of their anchor, scoped in SQL for the caller. Ordered as the framework lists them.
 */
export async function requirementRows(
  manager: EntityManager,
  ctx: RequestContext,
  assessmentId: string,
  filter: RequirementFilter,
  page?: { offset: number; limit: number },
  subject: Subject = 'Assessment',
): Promise<{ items: RequirementAssessmentView[]; total: number }> {
  const qb = scopedQuery(manager, ctx, 'read', subject, RequirementAssessment, 'ra')
    .innerJoin(FrameworkRequirement, 'fr', 'fr.id = ra.requirementId')
    .andWhere('ra.assessmentId = :assessmentId', { assessmentId });
  if (filter.id) qb.andWhere('ra.id = :raId', { raId: filter.id });
  if (filter.status) qb.andWhere('ra.status = :status', { status: filter.status });
  // The theme as shown (French) or as the referential names it in English (`Physical controls`).
  if (filter.theme) qb.andWhere('(fr.group = :theme OR fr.groupEn = :theme)', { theme: filter.theme });
  if (filter.kind) qb.andWhere('fr.kind = :kind', { kind: filter.kind });
  const total = page ? await qb.clone().getCount() : 0;
  qb.select('ra.id', 'id')
    .addSelect('ra.assessmentId', 'assessmentId')
    .addSelect('ra.organisationId', 'organisationId')
    .addSelect('ra.requirementId', 'requirementId')
    .addSelect('fr.ref', 'ref')
    .addSelect('fr.title', 'title')
    .addSelect('fr.titleEn', 'titleEn')
    .addSelect('fr.kind', 'kind')
    .addSelect('fr.group', 'theme')
    .addSelect('fr.groupEn', 'themeEn')
    .addSelect('ra.applicable', 'applicable')
    .addSelect('ra.justification', 'justification')
    .addSelect('ra.inclusionReasons', 'inclusionReasons')
    .addSelect('ra.status', 'status')
    .addSelect('ra.ownerId', 'ownerId')
    .addSelect(`to_char(ra.dueDate, 'YYYY-MM-DD')`, 'dueDate')
    .addSelect('ra.notes', 'notes')
    .addSelect('ra.version', 'version')
    .addSelect('ra.updatedAt', 'updatedAt')
    .addSelect('fr.anchor', 'anchor')
    .addSelect('fr.anchorFrameworkCode', 'anchorFrameworkCode')
    .addSelect('fr.anchorRef', 'anchorRef')
    .addSelect(
      '(SELECT count(*)::int FROM evidence_link l WHERE l.requirement_assessment_id = ra.id)',
      'evidenceCount',
    )
    .addSelect(`(ra.dueDate < :today AND ra.applicable AND ra.status <> 'implemented')`, 'overdue')
    .setParameter('today', todayInParis())
    .orderBy('fr.position', 'ASC');
  if (page) qb.offset(page.offset).limit(page.limit);
  const rows = await qb.getRawMany<RawRow>();

  const linked = rows.filter((r) => r.anchorFrameworkCode && r.anchorRef);
  const statuses =
    linked.length > 0
      ? await anchorStatuses(
          manager,
          rows[0].organisationId,
          linked.map((r) => ({ frameworkCode: r.anchorFrameworkCode!, ref: r.anchorRef! })),
        )
      : new Map();
  const items = rows.map((row): RequirementAssessmentView => {
    const { anchor, anchorFrameworkCode, anchorRef, organisationId: _org, ...rest } = row;
    return {
      ...rest,
      anchor: anchor
        ? {
            label: anchor,
            frameworkCode: anchorFrameworkCode,
            ref: anchorRef,
            current:
              anchorFrameworkCode && anchorRef
                ? (statuses.get(anchorKey(anchorFrameworkCode, anchorRef)) ?? null)
                : null,
          }
        : null,
    };
  });
  return { items, total: page ? total : items.length };
}
