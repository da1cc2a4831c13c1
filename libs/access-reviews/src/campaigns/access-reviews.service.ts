import { notifyAccountsAssigned, notifyCampaignCompleted, remindReviewers } from '../access-review-notices';
import { Inject, Injectable } from '@nestjs/common';
import { assertCan, auditedChange, canSomewhere, scoped, scopedQuery, unscoped } from '@vigie/authz';
import { DeploymentsService } from '@vigie/catalog';
import {
  APP_CONFIG,
  AppConfig,
  ConflictException,
  diffFields,
  dueDateInDays,
  ForbiddenActionException,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { isCalendarDate, parisDay } from '../dates';
import { refreshOrphans } from '../directory/orphans';
import { CertificateService } from '../certificate/certificate.service';
import { refreshComparison } from '../items/comparison';
import { AccessReviewListQuery, CreateAccessReviewDto } from './access-review.dto';
import { AccessReview } from './access-review.entity';
import { AccessReviewItem } from '../items/access-review-item.entity';
import { AccessReviewView, toViews } from './access-review.view';
import { assertStatus, loadCampaign } from './campaign-access';
import { memberPeople } from '../people';

/** A possible reviewer of a campaign and their progress. */
export interface ReviewerView {
  userId: string;
  /** null: no longer an active user of the member. */
  displayName: string | null;
  email: string | null;
  role: string | null;
  assigned: number;
  decided: number;
}

/** Campaigns: creation by the security officer, lists and reads scoped in SQL, and the status flow. */
@Injectable()
export class AccessReviewsService {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly certificates: CertificateService,
    private readonly deployments: DeploymentsService,
  ) {}

  async create(ctx: RequestContext, dto: CreateAccessReviewDto): Promise<AccessReviewView> {
    if (!canSomewhere(ctx, 'create', 'AccessReview')) throw new ForbiddenActionException();
    if (!isCalendarDate(dto.dueDate))
      throw ValidationException.field('dueDate', 'n’est pas une date du calendrier');
    if (dto.dueDate < parisDay())
      throw ValidationException.field('dueDate', 'doit être aujourd’hui ou plus tard');
    return this.tx.run(async (manager) => {
      assertCan(ctx, 'create', 'AccessReview', { organisationId: dto.organisationId });
      const deployed = await this.deployments.deployedFor(manager, ctx, dto.organisationId, [
        dto.applicationId,
      ]);
      if (!deployed.has(dto.applicationId)) {
        throw ValidationException.field('applicationId', 'n’est pas une application déployée pour ce membre');
      }
      const campaign = manager.create(AccessReview, {
        organisationId: dto.organisationId,
        applicationId: dto.applicationId,
        name: dto.name,
        dueDate: dto.dueDate,
        recurrenceMonths: dto.recurrenceMonths ?? null,
        status: 'draft',
        createdBy: ctx.userId,
      });
      await manager.save(campaign);
      await recordAudit(manager, ctx, {
        action: 'access-review.create',
        entity: 'access-review',
        entityId: campaign.id,
        organisationId: campaign.organisationId,
        before: null,
        after: campaign,
      });
      return (await toViews(manager, ctx, [campaign]))[0];
    });
  }

  async list(ctx: RequestContext, query: AccessReviewListQuery): Promise<Page<AccessReviewView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'AccessReview', AccessReview, 'r')
      .orderBy('r.dueDate', 'DESC')
      .addOrderBy('r.id', 'ASC');
    if (query.organisationId) qb.andWhere('r.organisationId = :org', { org: query.organisationId });
    if (query.applicationId) qb.andWhere('r.applicationId = :app', { app: query.applicationId });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    const { items, total } = await findPage(qb, query);
    return toPage(await toViews(this.tx.reader, ctx, items), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<AccessReviewView> {
    const campaign = await loadCampaign(this.tx.reader, ctx, id);
    return (await toViews(this.tx.reader, ctx, [campaign]))[0];
  }

  /**
   * The people of the campaign's member who may review accounts, each with the accounts given to them and how
   * many they decided: the reviewer picker and the progress per reviewer.
   */
  async reviewers(ctx: RequestContext, id: string): Promise<{ items: ReviewerView[] }> {
    const manager = this.tx.reader;
    const campaign = await loadCampaign(manager, ctx, id);
    const people = await memberPeople(manager, campaign.organisationId);
    // Scoped on the campaign: the counts cover all its accounts, also for a reviewer who reads only their own.
    const rows = await scoped(manager, ctx)
      .query('AccessReview', AccessReview, 'r')
      .innerJoin(AccessReviewItem, 'i', 'i.accessReviewId = r.id')
      .select('i.reviewerId', 'reviewerId')
      .addSelect('count(*)::int', 'assigned')
      .addSelect('count(*) FILTER (WHERE i.decision IS NOT NULL)::int', 'decided')
      .andWhere(`r.id = :id AND i.reviewerId IS NOT NULL AND NOT ('removed' = ANY(i.flags))`, {
        id: campaign.id,
      })
      .groupBy('i.reviewerId')
      .getRawMany<{ reviewerId: string; assigned: number; decided: number }>();
    const countOf = new Map(rows.map((row) => [row.reviewerId, row]));
    const items: ReviewerView[] = [...people.byId.values()].map((person) => ({
      userId: person.userId,
      displayName: person.displayName,
      email: person.email,
      role: person.role,
      assigned: countOf.get(person.userId)?.assigned ?? 0,
      decided: countOf.get(person.userId)?.decided ?? 0,
    }));
    // A reviewer no longer active in the member still holds accounts: listed under their id.
    for (const row of rows) {
      if (!people.byId.has(row.reviewerId)) {
        items.push({
          userId: row.reviewerId,
          displayName: null,
          email: null,
          role: null,
          assigned: row.assigned,
          decided: row.decided,
        });
      }
    }
    return { items };
  }

  /** Reminds the reviewers with accounts still to decide (open campaigns; once a day each at most). */
  async remind(
    ctx: RequestContext,
    id: string,
    version: number | undefined,
  ): Promise<{ reviewers: number; reminded: number }> {
    return this.tx.run(async (manager) => {
      let result!: { reviewers: number; reminded: number };
      await auditedChange(manager, ctx, {
        subject: 'AccessReview',
        entity: AccessReview,
        id,
        label: 'Access review',
        action: 'update',
        version,
        audit: {
          action: 'access-review.remind',
          entity: 'access-review',
          changes: () => diffFields(null, result),
        },
        apply: async (campaign) => {
          assertStatus(campaign, ['open'], 'relancer les relecteurs');
          result = await remindReviewers(manager, campaign);
        },
        // The campaign itself does not change: its reviewers are reminded.
        save: async () => undefined,
      });
      return result;
    });
  }

  /** `draft` → `open`: reviewers may decide. Dormant and new flags are computed again at this moment. */
  async open(ctx: RequestContext, id: string, version: number | undefined): Promise<AccessReviewView> {
    return this.transition(ctx, id, version, 'access-review.open', async (manager, campaign) => {
      assertStatus(campaign, ['draft'], 'l’ouvrir');
      const accounts = await scoped(manager, ctx)
        .query('AccessReviewItem', AccessReviewItem, 'i')
        .andWhere(`i.accessReviewId = :id AND NOT ('removed' = ANY(i.flags))`, { id: campaign.id })
        .getCount();
      if (accounts === 0)
        throw new ConflictException('Importez les comptes (CSV) avant d’ouvrir la revue', 'rule');
      const now = new Date();
      await refreshComparison(manager, ctx, campaign, now);
      campaign.agentDirectoryAt = await refreshOrphans(manager, campaign);
      campaign.status = 'open';
      campaign.openedAt = now;
      await notifyAccountsAssigned(manager, campaign);
    });
  }

  /**
   * `open` → `closed` once every account is decided (409 otherwise): each revocation or modification becomes a
   * remediation task due `VIGIE_REMEDIATION_DELAY_DAYS` after the campaign's due date. With nothing to
   * remediate, the campaign is remediated at once.
   */
  async close(ctx: RequestContext, id: string, version: number | undefined): Promise<AccessReviewView> {
    return this.transition(ctx, id, version, 'access-review.close', async (manager, campaign) => {
      assertStatus(campaign, ['open'], 'la clore');
      const pending = await scoped(manager, ctx)
        .query('AccessReviewItem', AccessReviewItem, 'i')
        .andWhere(`i.accessReviewId = :id AND i.decision IS NULL AND NOT ('removed' = ANY(i.flags))`, {
          id: campaign.id,
        })
        .getCount();
      if (pending > 0) {
        throw new ConflictException(
          `${pending} compte(s) sans décision : la revue ne peut pas encore être close`,
          'rule',
        );
      }
      const tasks: unknown[] = await unscoped(
        manager,
        'a write: the remediation tasks of a campaign the caller closes, from its items',
      ).query(
        `INSERT INTO remediation_task (organisation_id, access_review_id, item_id, action, due_date)
         SELECT organisation_id, access_review_id, id, decision, $2::date
         FROM access_review_item
         WHERE access_review_id = $1 AND decision IN ('revoke', 'modify')
         RETURNING id`,
        // The remediation delay counts in days; a due date on a non-working day moves (Regulation 1182/71, art. 3.4).
        [campaign.id, dueDateInDays(campaign.dueDate, this.config.remediationDelayDays)],
      );
      const now = new Date();
      campaign.status = tasks.length === 0 ? 'remediated' : 'closed';
      campaign.closedAt = now;
      if (tasks.length === 0) campaign.remediatedAt = now;
      await manager.save(campaign);
      await this.certificates.issue(manager, campaign);
      await notifyCampaignCompleted(manager, campaign);
    });
  }

  /** One status change of a campaign, with the version last read, through the one audited change. */
  private transition(
    ctx: RequestContext,
    id: string,
    version: number | undefined,
    action: string,
    change: (manager: EntityManager, campaign: AccessReview) => Promise<void>,
  ): Promise<AccessReviewView> {
    return this.tx.run(async (manager) => {
      const campaign = await auditedChange(manager, ctx, {
        subject: 'AccessReview',
        entity: AccessReview,
        id,
        label: 'Access review',
        action: 'update',
        version,
        audit: { action, entity: 'access-review' },
        apply: (row) => change(manager, row),
      });
      return (await toViews(manager, ctx, [campaign]))[0];
    });
  }
}
