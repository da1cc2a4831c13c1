import { scoped, unscoped } from '@vigie/authz';
import { isDeployedSql } from '@vigie/catalog';
import { dueDateInMonths, recordAudit, RequestContext } from '@vigie/core';
import { DataSource } from 'typeorm';
import { parisDay } from '../dates';
import { AccessReview } from './access-review.entity';

/** Name of the daily job (and queue) that creates the next campaigns. */
export const SCHEDULE_JOB = 'access-reviews.schedule';
/** Every day at 02:15, Paris time. */
export const SCHEDULE_CRON = '15 2 * * *';

export interface CreatedCampaign {
  id: string;
  previousCampaignId: string;
  organisationId: string;
  name: string;
  dueDate: string;
}

/**
 * The next due date of a recurring campaign: N months after the previous one's, or as many periods of N months
 * as it takes to reach `today` (a campaign left behind for a year does not spawn a year of overdue ones). A
 * date on a Saturday, a Sunday or a French public holiday moves to the next working day (Regulation 1182/71,
 * art. 3.4).
 */
export function nextDueDate(previousDue: string, months: number, today: string): string {
  let periods = 1;
  let due = dueDateInMonths(previousDue, months);
  while (due < today) {
    periods += 1;
    due = dueDateInMonths(previousDue, periods * months);
  }
  return due;
}

/**
 * Creates the next campaign of every recurring campaign that is finished (closed or remediated) or past its
 * due date, has no successor yet, and whose application is still deployed for the member: a draft with the
 * same member, application, name and recurrence, linked to its predecessor (the reviewers of its accounts are
 * carried over at import). Idempotent, also between processes: the unique `previous_campaign_id` with
 * `ON CONFLICT DO NOTHING` makes a second run (the CLI, another API instance) create nothing. The candidates are
 * read through the scope of `ctx`: `RequestContext.system()`, every organisation, for the job and the CLI.
 */
export async function createDueRecurrences(
  dataSource: DataSource,
  ctx: RequestContext,
  today: string = parisDay(),
): Promise<CreatedCampaign[]> {
  const candidates = await scoped(dataSource.manager, ctx)
    .query('AccessReview', AccessReview, 'p')
    .select(['p.id', 'p.organisationId', 'p.applicationId', 'p.name', 'p.dueDate', 'p.recurrenceMonths'])
    .andWhere('p.recurrenceMonths IS NOT NULL')
    .andWhere("(p.status IN ('closed', 'remediated') OR p.dueDate < CAST(:today AS date))", { today })
    .andWhere('NOT EXISTS (SELECT 1 FROM access_review n WHERE n.previous_campaign_id = p.id)')
    .andWhere(isDeployedSql('p.application_id', 'p.organisation_id'))
    .orderBy('p.dueDate')
    .addOrderBy('p.id')
    .getMany();
  const created: CreatedCampaign[] = [];
  for (const previous of candidates) {
    const recurrenceMonths = previous.recurrenceMonths!; // IS NOT NULL in the query
    const dueDate = nextDueDate(previous.dueDate, recurrenceMonths, today);
    const campaign = await dataSource.transaction(async (manager) => {
      const rows: { id: string }[] = await unscoped(
        manager,
        'a write: the next campaign of a recurring one (system work), ON CONFLICT on its predecessor',
      ).query(
        `INSERT INTO access_review
           (organisation_id, application_id, name, due_date, recurrence_months, status, previous_campaign_id)
         VALUES ($1, $2, $3, $4, $5, 'draft', $6)
         ON CONFLICT (previous_campaign_id) DO NOTHING
         RETURNING id`,
        [
          previous.organisationId,
          previous.applicationId,
          previous.name,
          dueDate,
          recurrenceMonths,
          previous.id,
        ],
      );
      if (rows.length === 0) return null;
      const next: CreatedCampaign = {
        id: rows[0].id,
        previousCampaignId: previous.id,
        organisationId: previous.organisationId,
        name: previous.name,
        dueDate,
      };
      await recordAudit(manager, ctx, {
        action: 'access-review.recur',
        entity: 'access-review',
        entityId: next.id,
        organisationId: next.organisationId,
        before: null,
        after: { ...next, applicationId: previous.applicationId, status: 'draft' },
      });
      return next;
    });
    if (campaign) created.push(campaign);
  }
  return created;
}
