import { unscoped } from '@vigie/authz';
import { PARIS_TIME_ZONE } from '@vigie/core';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { defaultDelivery, Delivery, isLegalKind, NoticeKind } from './notice-kinds';
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
  const notices = unscoped(manager, 'notices are written by the service for their recipients');
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
const stillCurrent = (now: string) =>
  `(m."ends_on" IS NULL OR m."ends_on" >= (${now}::timestamptz AT TIME ZONE '${PARIS_TIME_ZONE}')::date)`;

async function resolveRecipients(
  manager: EntityManager,
  kind: NoticeKind,
  recipients: Recipients,
  now: Date,
): Promise<Recipient[]> {
  const directory = unscoped(
    manager,
    'the recipients of a notice and their delivery choices, chosen by the service, not read for a caller',
  );
  let rows: { id: string }[];
  if ('userIds' in recipients) {
    if (recipients.userIds.length === 0) return [];
    rows = await directory.query(
      `SELECT u."id" FROM "app_user" u WHERE u."id" = ANY($1::uuid[]) AND NOT u."disabled" ORDER BY u."id"`,
      [[...new Set(recipients.userIds)]],
    );
  } else if ('operator' in recipients) {
    rows = await directory.query(
      `SELECT DISTINCT u."id" FROM "membership" m
         JOIN "organisation" o ON o."id" = m."organisation_id" AND o."kind" = 'operator'
         JOIN "app_user" u ON u."id" = m."user_id"
       WHERE m."role" = ANY($1::text[]) AND NOT u."disabled" AND ${stillCurrent('$2')}
       ORDER BY u."id"`,
      [[...recipients.roles], now],
    );
  } else {
    rows = await directory.query(
      `SELECT DISTINCT u."id" FROM "membership" m JOIN "app_user" u ON u."id" = m."user_id"
       WHERE m."organisation_id" = $1 AND m."role" = ANY($2::text[]) AND NOT u."disabled"
         AND ${stillCurrent('$3')} ORDER BY u."id"`,
      [recipients.organisationId, [...recipients.roles], now],
    );
  }
  if (rows.length === 0) return [];
  const preferences: { user_id: string; delivery: string }[] = await directory.query(
    `SELECT "user_id", "delivery" FROM "notification_preference" WHERE "kind" = $1 AND "user_id" = ANY($2::uuid[])`,
    [kind, rows.map((r) => r.id)],
  );
  const chosen = new Map(preferences.map((p) => [p.user_id, p.delivery]));
  return rows.map((r) => ({ id: r.id, delivery: chosen.get(r.id) ?? null }));
}
