import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { AccessReviewItem } from '../items/access-review-item.entity';
import { RemediationTask } from '../remediation/remediation-task.entity';
import { AccessReview as AccessReviewEntity } from './access-review.entity';
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

/**
 * The views of some campaigns: names and counts in three grouped queries, whatever the number of campaigns.
 * Each is scoped on the campaigns (read by `ctx`); the counts cover all their accounts and tasks, also for a
 * reviewer who reads only the accounts assigned to them.
 */
export async function toViews(
  manager: EntityManager,
  ctx: RequestContext,
  campaigns: AccessReview[],
): Promise<AccessReviewView[]> {
  if (campaigns.length === 0) return [];
  const ids = campaigns.map((c) => c.id);
  const db = scoped(manager, ctx);
  const ofCampaigns = () =>
    db.query('AccessReview', AccessReviewEntity, 'r').andWhere('r.id IN (:...ids)', { ids });
  const names = await ofCampaigns()
    .innerJoin('organisation', 'o', 'o.id = r.organisation_id')
    .innerJoin('application', 'a', 'a.id = r.application_id')
    .select('r.id', 'id')
    .addSelect('o.name', 'organisation')
    .addSelect('a.name', 'application')
    .getRawMany<{ id: string; organisation: string; application: string }>();
  const counts = await ofCampaigns()
    .innerJoin(AccessReviewItem, 'i', 'i.accessReviewId = r.id')
    .select('r.id', 'id')
    .addSelect(`count(*) FILTER (WHERE NOT ('removed' = ANY(i.flags)))`, 'accounts')
    .addSelect(`count(*) FILTER (WHERE i.decision IS NULL AND NOT ('removed' = ANY(i.flags)))`, 'pending')
    .addSelect(`count(*) FILTER (WHERE i.decision = 'keep')`, 'keep')
    .addSelect(`count(*) FILTER (WHERE i.decision = 'revoke')`, 'revoke')
    .addSelect(`count(*) FILTER (WHERE i.decision = 'modify')`, 'modify')
    .addSelect(`count(*) FILTER (WHERE 'removed' = ANY(i.flags))`, 'removed')
    .groupBy('r.id')
    .getRawMany<Record<keyof AccessReviewCounts, string> & { id: string }>();
  const tasks = await ofCampaigns()
    .innerJoin(RemediationTask, 't', 't.accessReviewId = r.id')
    .select('r.id', 'id')
    .addSelect('count(*)', 'total')
    .addSelect(`count(*) FILTER (WHERE t.status = 'done')`, 'done')
    .groupBy('r.id')
    .getRawMany<{ id: string; total: string; done: string }>();
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
