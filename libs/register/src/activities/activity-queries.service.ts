import { Injectable } from '@nestjs/common';
import { scoped } from '@vigie/authz';
import { Page, pageOffset, PageQuery, RequestContext, toPage } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { ACTIVITY_LABEL, ActivityChanges } from './activity-changes.service';
import { detailedView, ProcessingActivityView, summaryView, todayInParis } from './activity-view';
import { ProcessingActivity } from './processing-activity.entity';

/** The orders a register list may take: a field, descending with a leading `-`. */
export const ACTIVITY_SORTS = [
  'name',
  '-name',
  'status',
  '-status',
  'reviewDate',
  '-reviewDate',
  'updatedAt',
  '-updatedAt',
] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];
/** DPIA filters: the screening requires one, does not, or a DPIA is recorded as done. */
export const ACTIVITY_DPIA_FILTERS = ['required', 'not-required', 'done'] as const;
export type ActivityDpiaFilter = (typeof ACTIVITY_DPIA_FILTERS)[number];

const SORT_COLUMNS: Record<string, string> = {
  name: 'p.name',
  status: 'p.status',
  reviewDate: 'p.reviewDate',
  updatedAt: 'p.updatedAt',
};

export interface ActivityListQuery extends PageQuery {
  status?: string;
  overdue?: boolean;
  /** Text the name contains. */
  q?: string;
  sort?: ActivitySort;
  dpia?: ActivityDpiaFilter;
  /** Entries using this catalog application. */
  applicationId?: string;
}

/** The reads of a member's register: its list (sorted, filtered, paged) and one entry. */
@Injectable()
export class ProcessingActivityQueries {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
  ) {}

  async list(
    ctx: RequestContext,
    organisationId: string,
    query: ActivityListQuery,
  ): Promise<Page<ProcessingActivityView>> {
    this.changes.assertRegister(ctx, organisationId, 'read');
    const today = todayInParis();
    const sort = query.sort ?? 'name';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[descending ? sort.slice(1) : sort] ?? 'p.name';
    const direction = descending ? 'DESC' : 'ASC';
    const qb = scoped(this.tx.reader, ctx)
      .query('ProcessingActivity', ProcessingActivity, 'p')
      .andWhere('p.organisationId = :organisationId', { organisationId })
      // Entries without a review date come last either way; ties in name order, then by id (a stable page).
      .orderBy(column, direction, column === 'p.reviewDate' ? 'NULLS LAST' : undefined);
    if (column !== 'p.name') qb.addOrderBy('p.name', 'ASC');
    qb.addOrderBy('p.id', 'ASC');
    if (query.q?.trim()) {
      const text = query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere("p.name ILIKE :text ESCAPE '\\'", { text: `%${text}%` });
    }
    if (query.overdue) {
      qb.andWhere("p.status = 'validated'").andWhere('p.reviewDate < :today', { today });
    } else if (query.status) {
      qb.andWhere('p.status = :status', { status: query.status });
    } else {
      qb.andWhere("p.status <> 'archived'");
    }
    if (query.applicationId) {
      qb.andWhere('p.applicationIds @> ARRAY[:applicationId]::uuid[]', {
        applicationId: query.applicationId,
      });
    }
    if (query.dpia === 'done') {
      qb.andWhere("p.dpiaAssessment ->> 'status' = 'done'");
    }
    if (query.dpia === 'required' || query.dpia === 'not-required') {
      // Whether a DPIA is required is the screening's conclusion, computed from the entry's content (it is not
      // stored): the member's matching entries are screened, then the page is cut from those that match.
      const wanted = query.dpia === 'required';
      const screened = (await qb.getMany())
        .map((item) => summaryView(item, today))
        .filter((view) => view.dpia.required === wanted);
      const offset = pageOffset(query);
      return toPage(screened.slice(offset, offset + query.pageSize), screened.length, query);
    }
    const [items, total] = await qb.skip(pageOffset(query)).take(query.pageSize).getManyAndCount();
    return toPage(
      items.map((item) => summaryView(item, today)),
      total,
      query,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<ProcessingActivityView> {
    const activity = await scoped(this.tx.reader, ctx).visibleOrFail(
      'ProcessingActivity',
      ProcessingActivity,
      id,
      { label: ACTIVITY_LABEL },
    );
    return detailedView(this.tx.reader, activity);
  }
}
