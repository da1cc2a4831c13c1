import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { addDays, emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import type { EntityManager } from 'typeorm';
import { AccessReview } from './campaigns/access-review.entity';
import { AccessReviewItem } from './items/access-review-item.entity';
import { RemediationTask } from './remediation/remediation-task.entity';

const SECURITY_OFFICERS = ['security-officer'] as const;

function ofCampaign(campaign: Pick<AccessReview, 'id' | 'organisationId'>) {
  return {
    organisationId: campaign.organisationId,
    entity: { type: 'access-review', id: campaign.id },
    linkPath: WEB_PATHS.accessReview(campaign.id),
  };
}

/**
 * Reviewers of a campaign with accounts still to decide, whoever triggers the notice: system work, read through
 * the all-organisations scope of `RequestContext.system()`.
 */
async function pendingReviewers(manager: EntityManager, campaignId: string): Promise<string[]> {
  const rows = await scoped(manager, RequestContext.system('access-review-notices'))
    .query('AccessReviewItem', AccessReviewItem, 'i')
    .select('i.reviewerId', 'reviewerId')
    .distinct(true)
    .andWhere('i.accessReviewId = :campaignId AND i.reviewerId IS NOT NULL AND i.decision IS NULL', {
      campaignId,
    })
    .andWhere(`NOT ('removed' = ANY(i.flags))`)
    .getRawMany<{ reviewerId: string }>();
  return rows.map((r) => r.reviewerId);
}

/**
 * Accounts were given to reviewers (the campaign opens, or an account is reassigned in an open campaign):
 * each reviewer learns it once per campaign opening, or once per reassignment.
 */
export async function notifyAccountsAssigned(
  manager: EntityManager,
  campaign: AccessReview,
  reviewerIds?: string[],
): Promise<void> {
  await emitNotice(manager, {
    kind: 'access-review.assigned',
    recipients: { userIds: reviewerIds ?? (await pendingReviewers(manager, campaign.id)) },
    ...ofCampaign(campaign),
    threshold: reviewerIds ? undefined : 'opened',
    title: `Comptes à revoir : ${campaign.name}`,
    body: `Des comptes de la revue des accès « ${campaign.name} » vous sont attribués : décidez pour chacun de le conserver, le modifier ou le retirer avant le ${frenchDate(campaign.dueDate)}.`,
  });
}

/** Every account is decided and the campaign closed: the operator's security officers are told. */
export async function notifyCampaignCompleted(manager: EntityManager, campaign: AccessReview): Promise<void> {
  await emitNotice(manager, {
    kind: 'access-review.completed',
    recipients: { operator: true, roles: SECURITY_OFFICERS },
    ...ofCampaign(campaign),
    threshold: 'closed',
    title: `Revue des accès terminée : ${campaign.name}`,
    body: `Tous les comptes de la revue des accès « ${campaign.name} » sont décidés : la revue est close${campaign.status === 'closed' ? ' et ses actions correctives sont à suivre' : ''}.`,
  });
}

/**
 * The security officer reminds the reviewers who still have accounts to decide, at most once a day each
 * (the same notices as the automatic reminders). Answers how many were reminded.
 */
export async function remindReviewers(
  manager: EntityManager,
  campaign: Pick<AccessReview, 'id' | 'organisationId' | 'name' | 'dueDate'>,
  now = new Date(),
): Promise<{ reviewers: number; reminded: number }> {
  const reviewers = await pendingReviewers(manager, campaign.id);
  const today = parisDay(now);
  const overdue = campaign.dueDate < today;
  const reminded = await emitNotice(
    manager,
    {
      kind: overdue ? 'access-review.overdue' : 'access-review.due-soon',
      recipients: { userIds: reviewers },
      ...ofCampaign(campaign),
      threshold: `reminder:${today}`,
      title: overdue
        ? `Relance : revue des accès en retard : ${campaign.name}`
        : `Relance : revue des accès à terminer avant le ${frenchDate(campaign.dueDate)} : ${campaign.name}`,
      body: `Le responsable de la sécurité vous rappelle que des comptes qui vous sont attribués dans la revue des accès « ${campaign.name} » attendent votre décision (échéance : ${frenchDate(campaign.dueDate)}).`,
    },
    now,
  );
  return { reviewers: reviewers.length, reminded };
}

/**
 * Open campaigns due within 7 days or overdue (their reviewers with accounts still to decide), and remediation
 * tasks overdue (the security officers), once per due date.
 */
export const accessReviewReminders: ReminderScanner = {
  name: 'access-reviews',
  async scan(manager, now) {
    const today = parisDay(now);
    let given = 0;
    const scan = scoped(manager, RequestContext.system('access-review-reminders'));
    const campaigns = await scan
      .query('AccessReview', AccessReview, 'r')
      .select('r.id', 'id')
      .addSelect('r.organisationId', 'organisation_id')
      .addSelect('r.name', 'name')
      .addSelect(`to_char(r.due_date, 'YYYY-MM-DD')`, 'due_date')
      .andWhere(`r.status = 'open' AND r.dueDate <= :limit`, { limit: addDays(today, 7) })
      .orderBy('r.dueDate')
      .addOrderBy('r.id')
      .getRawMany<{ id: string; organisation_id: string; name: string; due_date: string }>();
    for (const c of campaigns) {
      const reviewers = await pendingReviewers(manager, c.id);
      const base = { id: c.id, organisationId: c.organisation_id };
      const overdue = c.due_date < today;
      given += await emitNotice(
        manager,
        {
          kind: overdue ? 'access-review.overdue' : 'access-review.due-soon',
          recipients: { userIds: reviewers },
          ...ofCampaign(base),
          threshold: `${overdue ? 'overdue' : 'due'}:${c.due_date}`,
          title: overdue
            ? `Revue des accès en retard : ${c.name}`
            : `Revue des accès à terminer avant le ${frenchDate(c.due_date)} : ${c.name}`,
          body: overdue
            ? `La revue des accès « ${c.name} » devait être terminée le ${frenchDate(c.due_date)} : des comptes qui vous sont attribués attendent votre décision.`
            : `La revue des accès « ${c.name} » est à terminer au plus tard le ${frenchDate(c.due_date)} : des comptes qui vous sont attribués attendent votre décision.`,
        },
        now,
      );
    }
    const late = await scan
      .query('RemediationTask', RemediationTask, 't')
      .innerJoin(AccessReview, 'r', 'r.id = t.accessReviewId')
      .select('r.id', 'id')
      .addSelect('r.organisationId', 'organisation_id')
      .addSelect('r.name', 'name')
      .addSelect(`to_char(t.due_date, 'YYYY-MM-DD')`, 'due_date')
      .addSelect('count(*)::int', 'tasks')
      .andWhere(`t.status = 'to-do' AND t.dueDate < :today`, { today })
      .groupBy('r.id')
      .addGroupBy('r.organisationId')
      .addGroupBy('r.name')
      .addGroupBy('t.dueDate')
      .orderBy('t.dueDate')
      .addOrderBy('r.id')
      .getRawMany<{ id: string; organisation_id: string; name: string; due_date: string; tasks: number }>();
    for (const c of late) {
      given += await emitNotice(
        manager,
        {
          kind: 'remediation.overdue',
          recipients: { operator: true, roles: SECURITY_OFFICERS },
          ...ofCampaign({ id: c.id, organisationId: c.organisation_id }),
          threshold: `overdue:${c.due_date}`,
          title: `Actions correctives en retard : ${c.name}`,
          body: `${c.tasks === 1 ? '1 action corrective' : `${c.tasks} actions correctives`} de la revue des accès « ${c.name} » ${c.tasks === 1 ? 'devait être faite' : 'devaient être faites'} le ${frenchDate(c.due_date)}.`,
        },
        now,
      );
    }
    return given;
  },
};
