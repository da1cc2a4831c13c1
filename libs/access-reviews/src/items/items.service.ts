import { notifyAccountsAssigned } from '../access-review-notices';
import { Injectable } from '@nestjs/common';
import { auditedChange, scoped, scopedQuery } from '@vigie/authz';
import {
  ConflictException,
  diffFields,
  NotFoundException,
  Page,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { User } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { AccessReview } from '../campaigns/access-review.entity';
import { assertStatus, loadCampaign } from '../campaigns/campaign-access';
import { memberPeople } from '../people';
import { AccessReviewEvent } from './access-review-event.entity';
import { AccessReviewItem, Decision, Flag, FLAGS } from './access-review-item.entity';
import { keepReasonProblem } from './flags';
import { DecisionDto, ItemListQuery } from './item.dto';

/** What the API shows of an account under review. */
export interface ItemView {
  id: string;
  accessReviewId: string;
  line: number | null;
  username: string;
  displayName: string | null;
  email: string | null;
  role: string | null;
  lastLogin: Date | null;
  flags: Flag[];
  reviewerId: string | null;
  decision: Decision | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  version: number;
}

export interface ItemEventView {
  id: string;
  kind: 'decision' | 'reassignment';
  decision: Decision | null;
  reason: string | null;
  reviewerId: string | null;
  reviewerName: string | null;
  actorId: string | null;
  actorName: string | null;
  at: Date;
}

export function toItemView(item: AccessReviewItem): ItemView {
  return {
    id: item.id,
    accessReviewId: item.accessReviewId,
    line: item.line,
    username: item.username,
    displayName: item.displayName,
    email: item.email,
    role: item.role,
    lastLogin: item.lastLogin,
    flags: FLAGS.filter((flag) => item.flags.includes(flag)),
    reviewerId: item.reviewerId,
    decision: item.decision,
    reason: item.reason,
    decidedBy: item.decidedBy,
    decidedAt: item.decidedAt,
    version: item.version,
  };
}

/**
 * The accounts of a campaign: lists scoped in SQL (an editor or reader sees only the accounts assigned to
 * them), decisions by the assigned reviewer or the member's DPO with their history, reassignment by the
 * security officer.
 */
@Injectable()
export class ItemsService {
  constructor(private readonly tx: Transactions) {}

  async list(ctx: RequestContext, campaignId: string, query: ItemListQuery): Promise<Page<ItemView>> {
    const manager = this.tx.reader;
    await loadCampaign(manager, ctx, campaignId);
    const qb = scopedQuery(manager, ctx, 'read', 'AccessReviewItem', AccessReviewItem, 'i')
      .andWhere('i.accessReviewId = :campaignId', { campaignId })
      // Case-insensitive, unique within a campaign (the order of uq_access_review_item_username), then the id.
      .orderBy('lower(i.username)', 'ASC')
      .addOrderBy('i.id', 'ASC');
    if (query.flag) qb.andWhere(':flag = ANY(i.flags)', { flag: query.flag });
    if (query.decision === 'pending') {
      qb.andWhere("i.decision IS NULL AND NOT ('removed' = ANY(i.flags))");
    } else if (query.decision) {
      qb.andWhere('i.decision = :decision', { decision: query.decision });
    }
    if (query.reviewerId) qb.andWhere('i.reviewerId = :reviewerId', { reviewerId: query.reviewerId });
    const { items, total } = await findPage(qb, query);
    return toPage(items.map(toItemView), total, query);
  }

  /**
   * Records a decision. An item of a campaign the caller sees but that is not theirs to decide answers 403 (a
   * reviewer on another reviewer's account, the security officer); a campaign they do not see, 404.
   */
  async decide(ctx: RequestContext, campaignId: string, itemId: string, dto: DecisionDto): Promise<ItemView> {
    return this.tx.run(async (manager) => {
      // Locked: a decision and the closing of the campaign (which turns decisions into tasks) never interleave.
      const campaign = await loadCampaign(manager, ctx, campaignId, { lock: true });
      await this.assertItemOf(manager, ctx, campaign, itemId);
      const item = await auditedChange(manager, ctx, {
        ...this.itemChange(itemId, 'decide', dto.version),
        audit: {
          action: 'access-review-item.decide',
          entity: 'access-review-item',
          changes: (row, before) => diffFields(decisionOf(before), decisionOf(row)),
        },
        apply: (row) => {
          assertStatus(campaign, ['open'], 'décider');
          if (row.flags.includes('removed')) {
            throw new ConflictException(
              'Ce compte ne figure plus dans la liste : il n’appelle aucune décision',
              'state',
            );
          }
          const problem = dto.decision === 'keep' ? keepReasonProblem(row.flags, dto.reason) : null;
          if (problem) throw ValidationException.field('reason', problem);
          row.decision = dto.decision;
          row.reason = dto.reason ?? null;
          row.decidedBy = ctx.userId;
          row.decidedAt = new Date();
        },
        history: (m, row) => this.addEvent(m, ctx, row, 'decision'),
      });
      return toItemView(item);
    });
  }

  /** Gives an account to another reviewer, a user of the member (security officer; draft or open campaigns). */
  async reassign(
    ctx: RequestContext,
    campaignId: string,
    itemId: string,
    reviewerId: string,
    version: number | undefined,
  ): Promise<ItemView> {
    return this.tx.run(async (manager) => {
      const campaign = await loadCampaign(manager, ctx, campaignId, { lock: true });
      await this.assertItemOf(manager, ctx, campaign, itemId);
      const item = await auditedChange(manager, ctx, {
        ...this.itemChange(itemId, 'update', version),
        audit: {
          action: 'access-review-item.reassign',
          entity: 'access-review-item',
          changes: (row, before) =>
            diffFields({ reviewerId: before.reviewerId }, { reviewerId: row.reviewerId }),
        },
        apply: async (row) => {
          assertStatus(campaign, ['draft', 'open'], 'réattribuer');
          if (row.flags.includes('removed')) {
            throw new ConflictException(
              'Ce compte ne figure plus dans la liste : il n’a pas de relecteur',
              'state',
            );
          }
          const people = await memberPeople(manager, campaign.organisationId);
          if (!people.byId.has(reviewerId)) {
            throw ValidationException.field('reviewerId', 'doit être un utilisateur actif du membre');
          }
          row.reviewerId = reviewerId;
        },
        history: async (m, row) => {
          await this.addEvent(m, ctx, row, 'reassignment');
          if (campaign.status === 'open') await notifyAccountsAssigned(m, campaign, [reviewerId]);
        },
      });
      return toItemView(item);
    });
  }

  async history(
    ctx: RequestContext,
    campaignId: string,
    itemId: string,
  ): Promise<{ items: ItemEventView[] }> {
    const manager = this.tx.reader;
    await loadCampaign(manager, ctx, campaignId);
    const visible = await scopedQuery(manager, ctx, 'read', 'AccessReviewItem', AccessReviewItem, 'i')
      .andWhere('i.id = :itemId AND i.accessReviewId = :campaignId', { itemId, campaignId })
      .getExists();
    if (!visible) throw new NotFoundException('Access review item');
    const rows = await scoped(manager, ctx)
      .query('AccessReviewItem', AccessReviewItem, 'i')
      .innerJoin(AccessReviewEvent, 'e', 'e.itemId = i.id')
      .leftJoin(User, 'r', 'r.id = e.reviewerId')
      .leftJoin(User, 'a', 'a.id = e.actorId')
      .select([
        'e.id AS id',
        'e.kind AS kind',
        'e.decision AS decision',
        'e.reason AS reason',
        'e.reviewer_id AS "reviewerId"',
        'r.display_name AS "reviewerName"',
        'e.actor_id AS "actorId"',
        'a.display_name AS "actorName"',
        'e.at AS at',
      ])
      .andWhere('i.id = :itemId', { itemId })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getRawMany<ItemEventView>();
    return { items: rows };
  }

  /**
   * Checks that the item belongs to the campaign and that the caller may read it, 404 otherwise, like its
   * history: a reviewer learns nothing of the accounts assigned to someone else (not even that they exist).
   */
  private async assertItemOf(
    manager: EntityManager,
    ctx: RequestContext,
    campaign: AccessReview,
    itemId: string,
  ): Promise<void> {
    const visible = await scoped(manager, ctx).exists('AccessReviewItem', AccessReviewItem, {
      id: itemId,
      accessReviewId: campaign.id,
    });
    if (!visible) throw new NotFoundException('Access review item');
  }

  /** What a decision and a reassignment share: the item, locked, its label, the permission and the version. */
  private itemChange(itemId: string, action: 'decide' | 'update', version: number | undefined) {
    return {
      subject: 'AccessReviewItem' as const,
      entity: AccessReviewItem,
      id: itemId,
      label: 'Access review item',
      action,
      version,
    };
  }

  private async addEvent(
    manager: EntityManager,
    ctx: RequestContext,
    item: AccessReviewItem,
    kind: AccessReviewEvent['kind'],
  ): Promise<void> {
    await manager.insert(AccessReviewEvent, {
      organisationId: item.organisationId,
      itemId: item.id,
      kind,
      decision: kind === 'decision' ? item.decision : null,
      reason: kind === 'decision' ? item.reason : null,
      reviewerId: item.reviewerId,
      actorId: ctx.userId,
    });
  }
}

/** The part of an item its decision's audit event records. */
function decisionOf(item: AccessReviewItem): { decision: Decision | null; reason: string | null } {
  return { decision: item.decision, reason: item.reason };
}
