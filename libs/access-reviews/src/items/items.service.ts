import { notifyAccountsAssigned } from '../access-review-notices';
import { Injectable } from '@nestjs/common';
import { assertCan, scopedQuery, unscoped } from '@vigie/authz';
import {
  ConflictException,
  NotFoundException,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { assertVersion, findPage, Transactions } from '@vigie/db';
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
      const item = await this.itemOf(manager, ctx, campaign, itemId);
      assertCan(ctx, 'decide', 'AccessReviewItem', item);
      assertVersion('Access review item', item.version, dto.version);
      assertStatus(campaign, ['open'], 'décider');
      if (item.flags.includes('removed')) {
        throw new ConflictException(
          'Ce compte ne figure plus dans la liste : il n’appelle aucune décision',
          'state',
        );
      }
      const problem = dto.decision === 'keep' ? keepReasonProblem(item.flags, dto.reason) : null;
      if (problem) throw ValidationException.field('reason', problem);
      const before = { decision: item.decision, reason: item.reason };
      item.decision = dto.decision;
      item.reason = dto.reason ?? null;
      item.decidedBy = ctx.userId;
      item.decidedAt = new Date();
      await manager.save(item);
      await this.addEvent(manager, ctx, item, 'decision');
      await recordAudit(manager, ctx, {
        action: 'access-review-item.decide',
        entity: 'access-review-item',
        entityId: item.id,
        organisationId: item.organisationId,
        before,
        after: { decision: item.decision, reason: item.reason },
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
      const item = await this.itemOf(manager, ctx, campaign, itemId);
      assertCan(ctx, 'update', 'AccessReviewItem', item);
      assertVersion('Access review item', item.version, version);
      assertStatus(campaign, ['draft', 'open'], 'réattribuer');
      if (item.flags.includes('removed')) {
        throw new ConflictException(
          'Ce compte ne figure plus dans la liste : il n’a pas de relecteur',
          'state',
        );
      }
      const people = await memberPeople(manager, campaign.organisationId);
      if (!people.byId.has(reviewerId)) {
        throw ValidationException.field('reviewerId', 'doit être un utilisateur actif du membre');
      }
      const before = { reviewerId: item.reviewerId };
      item.reviewerId = reviewerId;
      await manager.save(item);
      await this.addEvent(manager, ctx, item, 'reassignment');
      if (campaign.status === 'open') await notifyAccountsAssigned(manager, campaign, [reviewerId]);
      await recordAudit(manager, ctx, {
        action: 'access-review-item.reassign',
        entity: 'access-review-item',
        entityId: item.id,
        organisationId: item.organisationId,
        before,
        after: { reviewerId },
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
    const rows = await unscoped(manager, 'the history of an item just found visible')
      .createQueryBuilder(AccessReviewEvent, 'e')
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
      .where('e.itemId = :itemId', { itemId })
      .orderBy('e.at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getRawMany<ItemEventView>();
    return { items: rows };
  }

  /** The item of this campaign, locked for the change (404 when it belongs to another campaign). */
  /**
   * An item of the campaign that the caller may read, locked; 404 otherwise, like its history: a reviewer
   * learns nothing of the accounts assigned to someone else (not even that they exist).
   */
  private async itemOf(
    manager: EntityManager,
    ctx: RequestContext,
    campaign: AccessReview,
    itemId: string,
  ): Promise<AccessReviewItem> {
    const item = await scopedQuery(manager, ctx, 'read', 'AccessReviewItem', AccessReviewItem, 'i')
      .andWhere('i.id = :itemId AND i.accessReviewId = :campaignId', { itemId, campaignId: campaign.id })
      .setLock('pessimistic_write')
      .getOne();
    if (!item) throw new NotFoundException('Access review item');
    return item;
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
