import { scoped, unscoped } from '@vigie/authz';
import { PARIS_TIME_ZONE, RequestContext } from '@vigie/core';
import { User } from '@vigie/identity';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { defaultDelivery, Delivery, isLegalKind, NoticeKind } from './notice-kinds';
import { NotificationPreference } from '../preferences/notification-preference.entity';
import { nextDigestAt } from './paris-time';

/**
 * Who receives a notice: the holders of some roles in one organisation (`organisationId`), in the operator
 * (`operator: true`, e.g. the security officers), or named users. Disabled accounts receive nothing.
 */
export type Recipients =
  | { organisationId: string; roles: readonly string[] }
  | { operator: true; roles: readonly string[] }
  | { userIds: readonly string[] };

export interface Notice {
  kind: NoticeKind;
  recipients: Recipients;
  /** The organisation the notice is about. */
  organisationId: string | null;
  entity: { type: string; id: string };
  /**
   * What makes the notice go once: a recipient receives one notice per (kind, entity, threshold), e.g. the due
   * date for `due-soon`. Absent: every call is a new event.
   */
  threshold?: string;
  /** French, never personal data of data subjects (a breach's title, never its description). */
  title: string;
  body: string;
  /** Path of the page in the web application (`WEB_PATHS`). */
  linkPath: string;
}

/**
 * Writes a notice for each recipient and, for the e-mail, an outbox row, in the caller's transaction (the
 * event's own): the notice exists exactly when the event does. A notice already given for this threshold is
 * not given again. Answers the number of recipients newly notified.
 */
export async function emitNotice(manager: EntityManager, notice: Notice, now = new Date()): Promise<number> {
  const recipients = await resolveRecipients(manager, notice.kind, notice.recipients, now);
  if (recipients.length === 0) return 0;
  const threshold = notice.threshold ?? `event:${randomUUID()}`;
  const notices = unscoped(
    manager,
    'writes (no read): the notices and outbox rows of recipients read scoped below, ON CONFLICT on a notice already given',
  );
  const inserted: { id: string; recipient_id: string }[] = await notices.query(
    `INSERT INTO "notification" ("recipient_id", "kind", "organisation_id", "entity_type", "entity_id",
       "threshold", "title", "body", "link_path", "created_at")
     SELECT r, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM unnest($1::uuid[]) AS r
     ON CONFLICT ("recipient_id", "kind", "entity_id", "threshold") DO NOTHING
     RETURNING "id", "recipient_id"`,
    [
      recipients.map((r) => r.id),
      notice.kind,
      notice.organisationId,
      notice.entity.type,
      notice.entity.id,
      threshold,
      notice.title.slice(0, 300),
      notice.body,
      notice.linkPath,
      now,
    ],
  );
  const byId = new Map(recipients.map((r) => [r.id, r]));
  const digestAt = nextDigestAt(now);
  for (const row of inserted) {
    const delivery = effectiveDelivery(notice.kind, byId.get(row.recipient_id)?.delivery ?? null);
    if (delivery === 'off') continue;
    await notices.query(
      `INSERT INTO "notification_outbox" ("notification_id", "recipient_id", "mode", "status", "due_at")
       VALUES ($1, $2, $3, 'pending', $4)`,
      [row.id, row.recipient_id, delivery, delivery === 'immediate' ? now : digestAt],
    );
  }
  return inserted.length;
}

/** The delivery of a kind given a user's stored choice; a legal deadline's e-mail is never off. */
export function effectiveDelivery(kind: NoticeKind, chosen: string | null): Delivery {
  const delivery = (chosen as Delivery | null) ?? defaultDelivery(kind);
  if (delivery === 'off' && isLegalKind(kind)) return 'immediate';
  return delivery;
}

interface Recipient {
  id: string;
  delivery: string | null;
}

/** A membership past its end date (an auditor's limited access) makes no one a recipient. */
const STILL_CURRENT = `(m."ends_on" IS NULL OR m."ends_on" >= (CAST(:now AS timestamptz) AT TIME ZONE '${PARIS_TIME_ZONE}')::date)`;

/**
 * The enabled users a notice goes to, with their delivery choice for its kind, in one query: system work (the
 * service chooses the recipients, no caller reads them), so read through the scope of every organisation.
 */
async function resolveRecipients(
  manager: EntityManager,
  kind: NoticeKind,
  recipients: Recipients,
  now: Date,
): Promise<Recipient[]> {
  if (('userIds' in recipients ? recipients.userIds : recipients.roles).length === 0) return [];
  const qb = scoped(manager, RequestContext.system('notices'))
    .query('User', User, 'u')
    .leftJoin(NotificationPreference, 'p', 'p.userId = u.id AND p.kind = :kind', { kind })
    .select('u.id', 'id')
    .addSelect('p.delivery', 'delivery')
    .andWhere('u.disabled = false')
    .orderBy('u.id');
  if ('userIds' in recipients) {
    qb.andWhere('u.id IN (:...userIds)', { userIds: [...new Set(recipients.userIds)] });
  } else if ('operator' in recipients) {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM "membership" m JOIN "organisation" o ON o."id" = m."organisation_id" AND o."kind" = 'operator'
        WHERE m."user_id" = u."id" AND m."role" IN (:...roles) AND ${STILL_CURRENT})`,
      { roles: [...recipients.roles], now },
    );
  } else {
    qb.andWhere(
      `EXISTS (SELECT 1 FROM "membership" m
        WHERE m."user_id" = u."id" AND m."organisation_id" = :organisationId AND m."role" IN (:...roles)
          AND ${STILL_CURRENT})`,
      { organisationId: recipients.organisationId, roles: [...recipients.roles], now },
    );
  }
  const rows = await qb.getRawMany<{ id: string; delivery: string | null }>();
  return rows.map((r) => ({ id: r.id, delivery: r.delivery ?? null }));
}
