import { scoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import { RequestContext } from '@vigie/core';
import { Organisation, User } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import type { AccessReview } from '../campaigns/access-review.entity';
import { AccessReviewItem, type Decision } from '../items/access-review-item.entity';
import { RemediationTask } from '../remediation/remediation-task.entity';

export interface CertificateReviewer {
  name: string;
  email: string;
  accounts: number;
  decided: number;
}

export interface CertificateChange {
  username: string;
  displayName: string | null;
  role: string | null;
  decision: Exclude<Decision, 'keep'>;
  reason: string;
  decidedByName: string | null;
  decidedAt: Date | null;
  taskStatus: 'to-do' | 'done' | null;
  taskDueDate: string | null;
  doneAt: Date | null;
  doneByName: string | null;
}

/** An account kept although it was flagged privileged, dormant or orphan, with the reason given. */
export interface CertificateKept {
  username: string;
  displayName: string | null;
  role: string | null;
  flags: string[];
  reason: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
}

/** Everything the certificate shows, read in a few grouped queries. */
export interface CertificateData {
  campaign: AccessReview;
  memberName: string;
  applicationName: string;
  generatedAt: Date;
  counts: {
    accounts: number;
    keep: number;
    revoke: number;
    modify: number;
    removed: number;
    dormant: number;
    orphan: number;
    privileged: number;
    new: number;
  };
  reviewers: CertificateReviewer[];
  changes: CertificateChange[];
  kept: CertificateKept[];
}

/**
 * Reads the certificate of a campaign already found visible. The certificate covers the whole campaign whoever
 * completes it (a caller may see only some of its items), so it is read as system work keyed by the campaign;
 * users are joined for their names only (they belong to no organisation).
 */
export async function loadCertificateData(
  manager: EntityManager,
  campaign: AccessReview,
): Promise<CertificateData> {
  const db = scoped(manager, RequestContext.system('access-review-certificate'));
  const member = await db
    .query('Organisation', Organisation, 'o')
    .select(['o.id', 'o.name'])
    .andWhere('o.id = :id', { id: campaign.organisationId })
    .getOneOrFail();
  const application = await db
    .query('Application', Application, 'a')
    .select(['a.id', 'a.name'])
    .andWhere('a.id = :id', { id: campaign.applicationId })
    .getOneOrFail();
  const itemsOf = (alias: string) =>
    db
      .query('AccessReviewItem', AccessReviewItem, alias)
      .andWhere(`${alias}.accessReviewId = :campaignId`, { campaignId: campaign.id });
  const counts = (await itemsOf('i')
    .select(`count(*) FILTER (WHERE NOT ('removed' = ANY(i.flags)))::int`, 'accounts')
    .addSelect(`count(*) FILTER (WHERE i.decision = 'keep')::int`, 'keep')
    .addSelect(`count(*) FILTER (WHERE i.decision = 'revoke')::int`, 'revoke')
    .addSelect(`count(*) FILTER (WHERE i.decision = 'modify')::int`, 'modify')
    .addSelect(`count(*) FILTER (WHERE 'removed' = ANY(i.flags))::int`, 'removed')
    .addSelect(
      `count(*) FILTER (WHERE 'dormant' = ANY(i.flags) AND NOT ('removed' = ANY(i.flags)))::int`,
      'dormant',
    )
    .addSelect(
      `count(*) FILTER (WHERE 'orphan' = ANY(i.flags) AND NOT ('removed' = ANY(i.flags)))::int`,
      'orphan',
    )
    .addSelect(
      `count(*) FILTER (WHERE 'privileged' = ANY(i.flags) AND NOT ('removed' = ANY(i.flags)))::int`,
      'privileged',
    )
    .addSelect(`count(*) FILTER (WHERE 'new' = ANY(i.flags))::int`, 'new')
    .getRawOne<CertificateData['counts']>())!;
  const reviewers = await itemsOf('i')
    .innerJoin(User, 'u', 'u.id = i.reviewerId')
    .select('u.displayName', 'name')
    .addSelect('u.email', 'email')
    .addSelect('count(*)::int', 'accounts')
    .addSelect('count(*) FILTER (WHERE i.decision IS NOT NULL)::int', 'decided')
    .groupBy('u.id')
    .addGroupBy('u.displayName')
    .addGroupBy('u.email')
    .orderBy('u.displayName')
    .addOrderBy('u.email')
    .getRawMany<CertificateReviewer>();
  const changes = await itemsOf('i')
    .leftJoin(User, 'd', 'd.id = i.decidedBy')
    .leftJoin(RemediationTask, 't', 't.itemId = i.id')
    .leftJoin(User, 'b', 'b.id = t.doneBy')
    .select(['i.username AS "username"', 'i.displayName AS "displayName"', 'i.role AS "role"'])
    .addSelect(['i.decision AS "decision"', 'i.reason AS "reason"', 'd.displayName AS "decidedByName"'])
    .addSelect(['i.decidedAt AS "decidedAt"', 't.status AS "taskStatus"'])
    .addSelect(`to_char(t.dueDate, 'YYYY-MM-DD')`, 'taskDueDate')
    .addSelect(['t.doneAt AS "doneAt"', 'b.displayName AS "doneByName"'])
    .andWhere("i.decision IN ('revoke', 'modify')")
    .orderBy('i.decision', 'DESC')
    .addOrderBy('i.username')
    .addOrderBy('i.id')
    .getRawMany<CertificateChange>();
  const kept = await itemsOf('i')
    .leftJoin(User, 'd', 'd.id = i.decidedBy')
    .select(['i.username AS "username"', 'i.displayName AS "displayName"', 'i.role AS "role"'])
    .addSelect(['i.flags AS "flags"', 'i.reason AS "reason"', 'd.displayName AS "decidedByName"'])
    .addSelect('i.decidedAt', 'decidedAt')
    .andWhere("i.decision = 'keep' AND i.flags && ARRAY['privileged', 'dormant', 'orphan']::text[]")
    .orderBy('lower(i.username)')
    .addOrderBy('i.id')
    .getRawMany<CertificateKept>();
  return {
    campaign,
    memberName: member.name,
    applicationName: application.name,
    generatedAt: new Date(),
    counts,
    reviewers,
    changes,
    kept,
  };
}
