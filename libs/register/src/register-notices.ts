import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import { dpiaOf } from './activities/activity-view';
import { ProcessingActivity } from './activities/processing-activity.entity';

const DPO = ['dpo'] as const;

/**
 * Entries of the register whose review date is reached, and entries whose screening requires a DPIA that is
 * not done (no reasoned decision of the DPO either, or a stale one): the member's DPO, once per review date
 * and once per entry.
 */
export const registerReminders: ReminderScanner = {
  name: 'register',
  async scan(manager, now) {
    const today = parisDay(now);
    let given = 0;
    // System work over every member's register, with no caller.
    const scan = scoped(manager, RequestContext.system('register-reminders'));
    const due = await scan
      .query('ProcessingActivity', ProcessingActivity, 'p')
      .select(['p.id', 'p.organisationId', 'p.name', 'p.reviewDate'])
      .andWhere(
        "p.status <> 'archived' AND p.reviewDate IS NOT NULL AND p.reviewDate <= CAST(:today AS date)",
        {
          today,
        },
      )
      .orderBy('p.reviewDate')
      .addOrderBy('p.id')
      .getMany();
    for (const row of due) {
      const reviewDate = row.reviewDate!; // IS NOT NULL in the query
      given += await emitNotice(
        manager,
        {
          kind: 'register.review-due',
          recipients: { organisationId: row.organisationId, roles: DPO },
          organisationId: row.organisationId,
          entity: { type: 'processing-activity', id: row.id },
          threshold: `review:${reviewDate}`,
          title: `Traitement à revoir : ${row.name}`,
          body: `La date de révision du traitement « ${row.name} » (${frenchDate(reviewDate)}) est atteinte : relisez sa fiche du registre et mettez-la à jour.`,
          linkPath: WEB_PATHS.processingActivity(row.id),
        },
        now,
      );
    }
    // The columns the screening reads, and only those.
    const activities = await scan
      .query('ProcessingActivity', ProcessingActivity, 'p')
      .select(['p.id', 'p.organisationId', 'p.name', 'p.dpiaCriteria', 'p.cnilListItems', 'p.art35Cases'])
      .addSelect([
        'p.specialCategories',
        'p.dataSubjects',
        'p.dataCategories',
        'p.cnilExemptionItem',
        'p.dpiaDecision',
      ])
      .andWhere("p.status <> 'archived'")
      .orderBy('p.id')
      .getMany();
    for (const activity of activities) {
      const dpia = dpiaOf(activity);
      if (!dpia.required || (dpia.decision && !dpia.decision.stale)) continue;
      given += await emitNotice(
        manager,
        {
          kind: 'register.dpia-required',
          recipients: { organisationId: activity.organisationId, roles: DPO },
          organisationId: activity.organisationId,
          entity: { type: 'processing-activity', id: activity.id },
          threshold: 'dpia-required',
          title: `AIPD requise : ${activity.name}`,
          body: `Le traitement « ${activity.name} » requiert une analyse d’impact (article 35 du RGPD) qui n’est pas réalisée : menez-la, ou consignez une décision motivée.`,
          linkPath: WEB_PATHS.processingActivity(activity.id),
        },
        now,
      );
    }
    return given;
  },
};
