import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import { dpiaOf } from './activities/activity-view';
import type { ProcessingActivity } from './activities/processing-activity.entity';

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
    const due = await scan.everyOrganisation<{
      id: string;
      organisation_id: string;
      name: string;
      review_date: string;
    }>(
      `SELECT "id", "organisation_id", "name", to_char("review_date", 'YYYY-MM-DD') AS "review_date"
         FROM "processing_activity"
         WHERE "status" <> 'archived' AND "review_date" IS NOT NULL AND "review_date" <= $1::date
         ORDER BY "review_date", "id"`,
      [today],
    );
    for (const row of due) {
      given += await emitNotice(
        manager,
        {
          kind: 'register.review-due',
          recipients: { organisationId: row.organisation_id, roles: DPO },
          organisationId: row.organisation_id,
          entity: { type: 'processing-activity', id: row.id },
          threshold: `review:${row.review_date}`,
          title: `Traitement à revoir : ${row.name}`,
          body: `La date de révision du traitement « ${row.name} » (${frenchDate(row.review_date)}) est atteinte : relisez sa fiche du registre et mettez-la à jour.`,
          linkPath: WEB_PATHS.processingActivity(row.id),
        },
        now,
      );
    }
    // The columns the screening reads, and only those.
    const rows = await scan.everyOrganisation(
      `SELECT "id", "organisation_id", "name", "dpia_criteria", "cnil_list_items", "art35_cases",
              "special_categories", "data_subjects", "data_categories", "cnil_exemption_item", "dpia_decision"
       FROM "processing_activity" WHERE "status" <> 'archived' ORDER BY "id"`,
    );
    for (const row of rows) {
      const activity = {
        id: row.id,
        organisationId: row.organisation_id,
        name: row.name,
        dpiaCriteria: row.dpia_criteria,
        cnilListItems: row.cnil_list_items,
        art35Cases: row.art35_cases,
        specialCategories: row.special_categories,
        dataSubjects: row.data_subjects,
        dataCategories: row.data_categories,
        cnilExemptionItem: row.cnil_exemption_item,
        dpiaDecision: row.dpia_decision,
      } as ProcessingActivity;
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
