import { auditedByHand, unscoped } from '@vigie/authz';
import { Injectable } from '@nestjs/common';
import {
  NotFoundException,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager, IsNull } from 'typeorm';
import { NotificationPreference } from '../preferences/notification-preference.entity';
import { effectiveDelivery } from './emit';
import { Delivery, isLegalKind, NOTICE_KIND_NAMES, NOTICE_KINDS, NoticeKind } from './notice-kinds';
import { NotificationListQuery, UpdatePreferencesDto } from './notification.dto';
import { Notification } from './notification.entity';

export interface NotificationView {
  id: string;
  kind: string;
  organisationId: string | null;
  entityType: string;
  entityId: string;
  title: string;
  body: string;
  linkPath: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface PreferenceView {
  kind: string;
  label: string;
  legal: boolean;
  delivery: Delivery;
  /** The deliveries this kind accepts (`off` is not one of a legal deadline's). */
  choices: Delivery[];
}

function view(n: Notification): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    organisationId: n.organisationId,
    entityType: n.entityType,
    entityId: n.entityId,
    title: n.title,
    body: n.body,
    linkPath: n.linkPath,
    createdAt: n.createdAt,
    readAt: n.readAt,
  };
}

/**
 * The escape hatch of this service: notices and preferences are no subject of the role table, each belongs to
 * one user, and every query here names the caller (`recipient_id` / `user_id` = the caller's id).
 */
function ownRows<M extends EntityManager>(manager: M): M {
  return unscoped(manager, 'the caller’s own notifications and preferences (each query names the caller)');
}

/** The caller's own notices (the bell) and notification preferences: nobody reads another's. */
@Injectable()
export class NotificationsService {
  constructor(private readonly tx: Transactions) {}

  async list(ctx: RequestContext, query: NotificationListQuery): Promise<Page<NotificationView>> {
    const { userId } = ctx.requireActor();
    const qb = ownRows(this.tx.reader)
      .createQueryBuilder(Notification, 'n')
      .where('n.recipientId = :userId', { userId })
      .orderBy('n.createdAt', 'DESC')
      .addOrderBy('n.id', 'DESC');
    if (query.unread === 'true') qb.andWhere('n.readAt IS NULL');
    if (query.unread === 'false') qb.andWhere('n.readAt IS NOT NULL');
    const { items, total } = await findPage(qb, query);
    return toPage(items.map(view), total, query);
  }

  async unreadCount(ctx: RequestContext): Promise<{ unread: number }> {
    const { userId } = ctx.requireActor();
    const unread = await ownRows(this.tx.reader)
      .createQueryBuilder(Notification, 'n')
      .where('n.recipientId = :userId AND n.readAt IS NULL', { userId })
      .getCount();
    return { unread };
  }

  /** Marks one of the caller's notices read (idempotent); another user's notice answers 404. */
  async markRead(ctx: RequestContext, id: string): Promise<NotificationView> {
    const { userId } = ctx.requireActor();
    const notification = await ownRows(this.tx.reader).findOne(Notification, {
      where: { id, recipientId: userId },
    });
    if (!notification) throw new NotFoundException('Notification');
    if (!notification.readAt) {
      notification.readAt = new Date();
      await this.tx.reader.update(
        Notification,
        { id, recipientId: userId, readAt: IsNull() },
        { readAt: notification.readAt },
      );
    }
    return view(notification);
  }

  async preferences(ctx: RequestContext): Promise<{ items: PreferenceView[] }> {
    const { userId } = ctx.requireActor();
    const stored = await ownRows(this.tx.reader).find(NotificationPreference, { where: { userId } });
    const chosen = new Map(stored.map((p) => [p.kind, p.delivery]));
    return {
      items: NOTICE_KIND_NAMES.map((kind) => ({
        kind,
        label: NOTICE_KINDS[kind].label,
        legal: isLegalKind(kind),
        delivery: effectiveDelivery(kind, chosen.get(kind) ?? null),
        choices: isLegalKind(kind) ? ['immediate', 'digest'] : ['immediate', 'digest', 'off'],
      })),
    };
  }

  /** Stores the given kinds' choices (the others keep theirs); `off` on a legal deadline answers 400. */
  async updatePreferences(
    ctx: RequestContext,
    dto: UpdatePreferencesDto,
  ): Promise<{ items: PreferenceView[] }> {
    const { userId } = ctx.requireActor();
    const errors = dto.preferences.flatMap((p, index) =>
      p.delivery === 'off' && isLegalKind(p.kind as NoticeKind)
        ? [
            {
              field: `preferences.${index}.delivery`,
              message: 'a legal deadline cannot be switched off (immediate or digest)',
            },
          ]
        : [],
    );
    const kinds = dto.preferences.map((p) => p.kind);
    if (new Set(kinds).size !== kinds.length)
      errors.push({ field: 'preferences', message: 'each kind at most once' });
    if (errors.length > 0) throw new ValidationException('Invalid preferences', errors);
    await this.tx.run(async (manager) => {
      const before = await ownRows(manager).find(NotificationPreference, {
        where: { userId },
      });
      for (const p of dto.preferences) {
        await ownRows(manager).query(
          `INSERT INTO "notification_preference" ("user_id", "kind", "delivery", "updated_at")
           VALUES ($1, $2, $3, now())
           ON CONFLICT ("user_id", "kind") DO UPDATE SET "delivery" = EXCLUDED."delivery", "updated_at" = now()`,
          [userId, p.kind, p.delivery],
        );
      }
      await recordAudit(
        manager,
        ctx,
        auditedByHand('the caller’s own preferences upserted by kind: a set of rows, none versioned', {
          action: 'notification-preference.update',
          entity: 'notification-preference',
          entityId: userId,
          organisationId: null,
          before: Object.fromEntries(before.map((p) => [p.kind, p.delivery])),
          after: {
            ...Object.fromEntries(before.map((p) => [p.kind, p.delivery])),
            ...Object.fromEntries(dto.preferences.map((p) => [p.kind, p.delivery])),
          },
        }),
      );
    });
    return this.preferences(ctx);
  }
}
