import { Injectable } from '@nestjs/common';
import { auditedChange, scoped, scopedQuery, unversioned } from '@vigie/authz';
import { ConflictException, Page, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { AccessReview } from '../campaigns/access-review.entity';
import { AccessReviewItem } from '../items/access-review-item.entity';
import { parisDay } from '../dates';
import { RemediationListQuery } from './remediation.dto';
import { CertificateService } from '../certificate/certificate.service';
import { RemediationTask, TaskStatus } from './remediation-task.entity';

/** What the API shows of a remediation task, with the account and the decision behind it. */
export interface RemediationTaskView {
  id: string;
  organisationId: string;
  accessReviewId: string;
  accessReviewName: string;
  itemId: string;
  username: string;
  role: string | null;
  action: 'revoke' | 'modify';
  reason: string | null;
  status: TaskStatus;
  dueDate: string;
  overdue: boolean;
  doneAt: Date | null;
  doneBy: string | null;
  note: string | null;
  version: number;
}

/** The operator's remediation tasks: listed (scoped in SQL, overdue ones on request) and marked done. */
@Injectable()
export class RemediationService {
  constructor(
    private readonly tx: Transactions,
    private readonly certificates: CertificateService,
  ) {}

  async list(ctx: RequestContext, query: RemediationListQuery): Promise<Page<RemediationTaskView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'RemediationTask', RemediationTask, 't')
      .setParameter('today', parisDay())
      .orderBy('t.dueDate', 'ASC')
      .addOrderBy('t.id', 'ASC');
    if (query.overdue === 'true') qb.andWhere(`t.status = 'to-do' AND t.dueDate < :today`);
    if (query.overdue === 'false') qb.andWhere(`NOT (t.status = 'to-do' AND t.dueDate < :today)`);
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.accessReviewId) qb.andWhere('t.accessReviewId = :reviewId', { reviewId: query.accessReviewId });
    if (query.organisationId) qb.andWhere('t.organisationId = :org', { org: query.organisationId });
    const { items, total } = await findPage(qb, query);
    return toPage(
      await this.views(
        this.tx.reader,
        ctx,
        items.map((task) => task.id),
      ),
      total,
      query,
    );
  }

  /**
   * Marks a task done (security officer): by whom and when are kept. When it was the campaign's last task to
   * do, the campaign becomes `remediated`.
   */
  async done(
    ctx: RequestContext,
    id: string,
    note: string | undefined,
    version: number | undefined,
  ): Promise<RemediationTaskView> {
    return this.tx.run(async (manager) => {
      const task = await auditedChange(manager, ctx, {
        subject: 'RemediationTask',
        entity: RemediationTask,
        id,
        label: 'Remediation task',
        action: 'update',
        version,
        audit: { action: 'remediation-task.done', entity: 'remediation-task' },
        apply: (row) => {
          if (row.status === 'done')
            throw new ConflictException('Cette tâche de remédiation est déjà faite', 'state');
          row.status = 'done';
          row.doneAt = new Date();
          row.doneBy = ctx.userId;
          row.note = note ?? null;
        },
      });
      await this.completeCampaign(manager, ctx, task.accessReviewId);
      return (await this.views(manager, ctx, [task.id]))[0];
    });
  }

  private async completeCampaign(
    manager: EntityManager,
    ctx: RequestContext,
    campaignId: string,
  ): Promise<void> {
    let remediated = false;
    const campaign = await auditedChange(manager, ctx, {
      subject: 'AccessReview',
      entity: AccessReview,
      id: campaignId,
      label: 'Access review',
      action: 'update',
      version: unversioned('a system consequence of the task just marked done, whose version was checked'),
      audit: {
        action: 'access-review.remediated',
        entity: 'access-review',
        changes: () => ({ status: { before: 'closed', after: 'remediated' } }),
      },
      apply: async (row) => {
        const left = await scoped(manager, ctx).count('RemediationTask', RemediationTask, {
          accessReviewId: campaignId,
          status: 'to-do',
        });
        if (left > 0 || row.status !== 'closed') return false;
        row.status = 'remediated';
        row.remediatedAt = new Date();
        remediated = true;
      },
    });
    if (remediated) await this.certificates.issue(manager, campaign);
  }

  /** The views of these tasks the caller reads, in the order of `ids`. */
  private async views(
    manager: EntityManager,
    ctx: RequestContext,
    ids: string[],
  ): Promise<RemediationTaskView[]> {
    if (ids.length === 0) return [];
    const rows: RemediationTaskView[] = await scoped(manager, ctx)
      .query('RemediationTask', RemediationTask, 't')
      .innerJoin(AccessReviewItem, 'i', 'i.id = t.itemId')
      .innerJoin(AccessReview, 'r', 'r.id = t.accessReviewId')
      .select([
        't.id AS id',
        't.organisation_id AS "organisationId"',
        't.access_review_id AS "accessReviewId"',
        'r.name AS "accessReviewName"',
        't.item_id AS "itemId"',
        'i.username AS username',
        'i.role AS role',
        't.action AS action',
        'i.reason AS reason',
        't.status AS status',
        `to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate"`,
        `(t.status = 'to-do' AND t.due_date < :today) AS overdue`,
        't.done_at AS "doneAt"',
        't.done_by AS "doneBy"',
        't.note AS note',
        't.version AS version',
      ])
      .andWhere('t.id IN (:...ids)', { ids })
      .setParameter('today', parisDay())
      .getRawMany<RemediationTaskView>();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id)!);
  }
}
