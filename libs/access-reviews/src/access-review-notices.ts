import { unscoped } from '@vigie/authz';
import { addDays, emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import type { EntityManager } from 'typeorm';
import type { AccessReview } from './campaigns/access-review.entity';

const SECURITY_OFFICERS = ['security-officer'] as const;

function ofCampaign(campaign: Pick<AccessReview, 'id' | 'organisationId'>) {
  return {
    organisationId: campaign.organisationId,
    entity: { type: 'access-review', id: campaign.id },
    linkPath: WEB_PATHS.accessReview(campaign.id),
  };
}

/** Reviewers of a campaign with accounts still to decide. */
async function pendingReviewers(manager: EntityManager, campaignId: string): Promise<string[]> {
  const rows: { reviewer_id: string }[] = await unscoped(
    manager,
    'the pending reviewers of a campaign, for a notice (system scan)',
  ).query(
    `SELECT DISTINCT "reviewer_id" FROM "access_review_item"
     WHERE "access_review_id" = $1 AND "reviewer_id" IS NOT NULL AND "decision" IS NULL
       AND NOT ('removed' = ANY("flags"))`,
    [campaignId],
  );
  return rows.map((r) => r.reviewer_id);
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
    const scan = unscoped(
      manager,
      'the reminder scan is system work over every member’s campaigns and remediation, with no caller',
    );
    const campaigns: { id: string; organisation_id: string; name: string; due_date: string }[] =
      await scan.query(
        `SELECT "id", "organisation_id", "name", to_char("due_date", 'YYYY-MM-DD') AS "due_date"
         FROM "access_review" WHERE "status" = 'open' AND "due_date" <= $1::date ORDER BY "due_date", "id"`,
        [addDays(today, 7)],
      );
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
    const late: { id: string; organisation_id: string; name: string; due_date: string; tasks: number }[] =
      await scan.query(
        `SELECT r."id", r."organisation_id", r."name", to_char(t."due_date", 'YYYY-MM-DD') AS "due_date",
                count(*)::int AS "tasks"
         FROM "remediation_task" t JOIN "access_review" r ON r."id" = t."access_review_id"
         WHERE t."status" = 'to-do' AND t."due_date" < $1::date
         GROUP BY r."id", r."organisation_id", r."name", t."due_date" ORDER BY t."due_date", r."id"`,
        [today],
      );
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
