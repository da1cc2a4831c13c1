import { unscoped } from '@vigie/authz';
import { EntityManager } from 'typeorm';
import type { AccessReview, CampaignStatus } from './access-review.entity';

/** Decisions and remediation of a campaign, counted. */
export interface AccessReviewCounts {
  /** Accounts under review (the `removed` ones excluded). */
  accounts: number;
  pending: number;
  keep: number;
  revoke: number;
  modify: number;
  /** Accounts of the previous closed campaign no longer in the list. */
  removed: number;
  remediationTasks: number;
  remediationDone: number;
}

/** What the API shows of a campaign. */
export interface AccessReviewView {
  id: string;
  organisationId: string;
  organisationName: string;
  applicationId: string;
  applicationName: string;
  name: string;
  dueDate: string;
  recurrenceMonths: number | null;
  status: CampaignStatus;
  previousCampaignId: string | null;
  openedAt: Date | null;
  closedAt: Date | null;
  remediatedAt: Date | null;
  certificateEvidenceId: string | null;
  /** The directory of agents import the orphan flags come from; null: no directory, orphans not told. */
  agentDirectoryAt: Date | null;
  counts: AccessReviewCounts;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

const EMPTY: AccessReviewCounts = {
  accounts: 0,
  pending: 0,
  keep: 0,
  revoke: 0,
  modify: 0,
  removed: 0,
  remediationTasks: 0,
  remediationDone: 0,
};

/** The views of some campaigns: names and counts in three grouped queries, whatever the number of campaigns. */
export async function toViews(
  manager: EntityManager,
  campaigns: AccessReview[],
): Promise<AccessReviewView[]> {
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);
  const ofCampaigns = unscoped(
    manager,
    'names, item and task counts of campaigns the caller reads (ids from a scoped read)',
  );
  const names: { id: string; organisation: string; application: string }[] = await ofCampaigns.query(
    `SELECT r.id, o.name AS organisation, a.name AS application
     FROM access_review r JOIN organisation o ON o.id = r.organisation_id JOIN application a ON a.id = r.application_id
     WHERE r.id = ANY($1::uuid[])`,
    [ids],
  );
  const counts: (Record<keyof AccessReviewCounts, string> & { id: string })[] = await ofCampaigns.query(
    `SELECT access_review_id AS id,
       count(*) FILTER (WHERE NOT ('removed' = ANY(flags))) AS accounts,
       count(*) FILTER (WHERE decision IS NULL AND NOT ('removed' = ANY(flags))) AS pending,
       count(*) FILTER (WHERE decision = 'keep') AS keep,
       count(*) FILTER (WHERE decision = 'revoke') AS revoke,
       count(*) FILTER (WHERE decision = 'modify') AS modify,
       count(*) FILTER (WHERE 'removed' = ANY(flags)) AS removed
     FROM access_review_item WHERE access_review_id = ANY($1::uuid[]) GROUP BY access_review_id`,
    [ids],
  );
  const tasks: { id: string; total: string; done: string }[] = await ofCampaigns.query(
    `SELECT access_review_id AS id, count(*) AS total, count(*) FILTER (WHERE status = 'done') AS done
     FROM remediation_task WHERE access_review_id = ANY($1::uuid[]) GROUP BY access_review_id`,
    [ids],
  );
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const countOf = new Map(counts.map((c) => [c.id, c]));
  const taskOf = new Map(tasks.map((t) => [t.id, t]));
  return campaigns.map((c) => {
    const count = countOf.get(c.id);
    const task = taskOf.get(c.id);
    return {
      id: c.id,
      organisationId: c.organisationId,
      organisationName: nameOf.get(c.id)?.organisation ?? '',
      applicationId: c.applicationId,
      applicationName: nameOf.get(c.id)?.application ?? '',
      name: c.name,
      dueDate: c.dueDate,
      recurrenceMonths: c.recurrenceMonths,
      status: c.status,
      previousCampaignId: c.previousCampaignId,
      openedAt: c.openedAt,
      closedAt: c.closedAt,
      remediatedAt: c.remediatedAt,
      certificateEvidenceId: c.certificateEvidenceId,
      agentDirectoryAt: c.agentDirectoryAt,
      counts: {
        ...EMPTY,
        ...(count && {
          accounts: Number(count.accounts),
          pending: Number(count.pending),
          keep: Number(count.keep),
          revoke: Number(count.revoke),
          modify: Number(count.modify),
          removed: Number(count.removed),
        }),
        ...(task && { remediationTasks: Number(task.total), remediationDone: Number(task.done) }),
      },
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      version: c.version,
    };
  });
}
