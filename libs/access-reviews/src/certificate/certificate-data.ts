import { unscoped } from '@vigie/authz';
import { EntityManager } from 'typeorm';
import type { AccessReview } from '../campaigns/access-review.entity';
import type { Decision } from '../items/access-review-item.entity';

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

export async function loadCertificateData(
  manager: EntityManager,
  campaign: AccessReview,
): Promise<CertificateData> {
  const campaignRows = unscoped(
    manager,
    'the certificate covers a whole campaign already found visible, whoever completes it: all its items, their reviewers’ and deciders’ names (users belong to no organisation)',
  );
  const [names]: { member: string; application: string }[] = await campaignRows.query(
    `SELECT o.name AS member, a.name AS application FROM organisation o, application a WHERE o.id = $1 AND a.id = $2`,
    [campaign.organisationId, campaign.applicationId],
  );
  const [counts]: Record<keyof CertificateData['counts'], number>[] = await campaignRows.query(
    `SELECT count(*) FILTER (WHERE NOT ('removed' = ANY(flags)))::int AS accounts,
       count(*) FILTER (WHERE decision = 'keep')::int AS keep,
       count(*) FILTER (WHERE decision = 'revoke')::int AS revoke,
       count(*) FILTER (WHERE decision = 'modify')::int AS modify,
       count(*) FILTER (WHERE 'removed' = ANY(flags))::int AS removed,
       count(*) FILTER (WHERE 'dormant' = ANY(flags) AND NOT ('removed' = ANY(flags)))::int AS dormant,
       count(*) FILTER (WHERE 'orphan' = ANY(flags) AND NOT ('removed' = ANY(flags)))::int AS orphan,
       count(*) FILTER (WHERE 'privileged' = ANY(flags) AND NOT ('removed' = ANY(flags)))::int AS privileged,
       count(*) FILTER (WHERE 'new' = ANY(flags))::int AS new
     FROM access_review_item WHERE access_review_id = $1`,
    [campaign.id],
  );
  const reviewers: CertificateReviewer[] = await campaignRows.query(
    `SELECT u.display_name AS name, u.email, count(*)::int AS accounts,
       count(*) FILTER (WHERE i.decision IS NOT NULL)::int AS decided
     FROM access_review_item i JOIN app_user u ON u.id = i.reviewer_id
     WHERE i.access_review_id = $1
     GROUP BY u.id, u.display_name, u.email ORDER BY u.display_name, u.email`,
    [campaign.id],
  );
  const changes: CertificateChange[] = await campaignRows.query(
    `SELECT i.username, i.display_name AS "displayName", i.role, i.decision, i.reason,
       d.display_name AS "decidedByName", i.decided_at AS "decidedAt", t.status AS "taskStatus",
       to_char(t.due_date, 'YYYY-MM-DD') AS "taskDueDate", t.done_at AS "doneAt", b.display_name AS "doneByName"
     FROM access_review_item i
     LEFT JOIN app_user d ON d.id = i.decided_by
     LEFT JOIN remediation_task t ON t.item_id = i.id
     LEFT JOIN app_user b ON b.id = t.done_by
     WHERE i.access_review_id = $1 AND i.decision IN ('revoke', 'modify')
     ORDER BY i.decision DESC, i.username, i.id`,
    [campaign.id],
  );
  const kept: CertificateKept[] = await campaignRows.query(
    `SELECT i.username, i.display_name AS "displayName", i.role, i.flags, i.reason,
       d.display_name AS "decidedByName", i.decided_at AS "decidedAt"
     FROM access_review_item i LEFT JOIN app_user d ON d.id = i.decided_by
     WHERE i.access_review_id = $1 AND i.decision = 'keep'
       AND i.flags && ARRAY['privileged', 'dormant', 'orphan']::text[]
     ORDER BY lower(i.username), i.id`,
    [campaign.id],
  );
  return {
    campaign,
    memberName: names.member,
    applicationName: names.application,
    generatedAt: new Date(),
    counts,
    reviewers,
    changes,
    kept,
  };
}
