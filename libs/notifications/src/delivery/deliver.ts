import { unscoped } from '@vigie/authz';
import type { DataSource } from 'typeorm';
import { digestMail, MailNotice, noticeMail } from './mail-templates';
import type { Mailer, MailMessage } from './mailer';

export interface DeliveryReport {
  sent: number;
  failed: number;
  /** Rows closed without an e-mail: no SMTP configured, or a disabled account. */
  skipped: number;
}

/** The delivery job's one escape hatch: system work over every recipient's outbox, run by no caller. */
function outbox(dataSource: DataSource): DataSource {
  return unscoped(dataSource, 'the delivery job is system work over the outbox of every recipient');
}

/** How long a worker holds the rows it is sending. */
const LOCK_MINUTES = 5;
const BATCH = 200;
const MAX_BATCHES = 50;

/** Delay before the next attempt after `attempts` failures: 1, 2, 4… minutes, at most 6 hours. */
export function backoffMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 360);
}

interface Claimed {
  id: string;
  notification_id: string;
  recipient_id: string;
  mode: 'immediate' | 'digest';
  attempts: number;
  email: string;
  disabled: boolean;
  title: string;
  body: string;
  link_path: string;
}

/**
 * Sends what the outbox holds that is due at `now`: each immediate notice alone, the digest rows of a recipient
 * together. A row is claimed (`locked_until`, `FOR UPDATE SKIP LOCKED`) so that two workers never send it
 * both, and marked `sent` as soon as the SMTP server accepted it: a restart resends nothing. On a failure its
 * attempts are counted and it is retried after a growing delay. Without SMTP, due rows are closed `skipped`
 * (the in-app notice remains).
 */
export async function deliverDue(
  dataSource: DataSource,
  mailer: Mailer | null,
  publicUrl: string,
  now = new Date(),
): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, skipped: 0 };
  if (!mailer) {
    const closed: unknown[] = await outbox(dataSource).query(
      `UPDATE "notification_outbox" SET "status" = 'skipped', "last_error" = 'no SMTP server configured'
       WHERE "status" = 'pending' AND "due_at" <= $1 RETURNING "id"`,
      [now],
    );
    report.skipped = rowsOf(closed).length;
    return report;
  }
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const claimed = await claim(dataSource, now);
    if (claimed.length === 0) break;
    const messages: { rows: Claimed[]; message: MailMessage }[] = [];
    const digests = new Map<string, Claimed[]>();
    for (const row of claimed) {
      if (row.disabled) {
        await close(dataSource, [row.id], 'skipped', now, 'account disabled');
        report.skipped += 1;
      } else if (row.mode === 'immediate') {
        messages.push({
          rows: [row],
          message: { ...noticeMail(row.email, notice(row), publicUrl), messageId: `<${row.id}@vigie>` },
        });
      } else {
        digests.set(row.recipient_id, [...(digests.get(row.recipient_id) ?? []), row]);
      }
    }
    for (const rows of digests.values()) {
      messages.push({
        rows,
        message: {
          ...digestMail(rows[0].email, rows.map(notice), publicUrl),
          messageId: `<${rows[0].id}.digest@vigie>`,
        },
      });
    }
    for (const { rows, message } of messages) {
      try {
        await mailer.send(message);
      } catch (error) {
        report.failed += 1;
        for (const row of rows) {
          await outbox(dataSource).query(
            `UPDATE "notification_outbox" SET "attempts" = "attempts" + 1, "last_error" = $2,
               "due_at" = $3::timestamptz + make_interval(mins => $4), "locked_until" = NULL
             WHERE "id" = $1 AND "status" = 'pending'`,
            [
              row.id,
              String((error as Error)?.message ?? error).slice(0, 500),
              now,
              backoffMinutes(row.attempts + 1),
            ],
          );
        }
        continue;
      }
      // Accepted by the SMTP server: marked sent at once (a database error here is not an SMTP failure to retry).
      await close(
        dataSource,
        rows.map((r) => r.id),
        'sent',
        now,
        null,
      );
      report.sent += 1;
    }
  }
  return report;
}

function notice(row: Claimed): MailNotice {
  return { title: row.title, body: row.body, linkPath: row.link_path };
}

/** `UPDATE … RETURNING` answers `[rows, count]` through TypeORM's plain query on PostgreSQL. */
function rowsOf<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}

async function claim(dataSource: DataSource, now: Date): Promise<Claimed[]> {
  const ids = rowsOf<{ id: string }>(
    await outbox(dataSource).query(
      `UPDATE "notification_outbox" SET "locked_until" = $1::timestamptz + make_interval(mins => $2)
       WHERE "id" IN (
         SELECT "id" FROM "notification_outbox"
         WHERE "status" = 'pending' AND "due_at" <= $1 AND ("locked_until" IS NULL OR "locked_until" <= $1)
         ORDER BY "due_at", "id" LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING "id"`,
      [now, LOCK_MINUTES, BATCH],
    ),
  );
  if (ids.length === 0) return [];
  return outbox(dataSource).query(
    `SELECT o."id", o."notification_id", o."recipient_id", o."mode", o."attempts", u."email", u."disabled",
            n."title", n."body", n."link_path"
     FROM "notification_outbox" o
       JOIN "notification" n ON n."id" = o."notification_id"
       JOIN "app_user" u ON u."id" = o."recipient_id"
     WHERE o."id" = ANY($1::uuid[]) ORDER BY n."created_at", o."id"`,
    [ids.map((r) => r.id)],
  );
}

async function close(
  dataSource: DataSource,
  ids: string[],
  status: 'sent' | 'skipped',
  now: Date,
  reason: string | null,
): Promise<void> {
  await outbox(dataSource).query(
    `UPDATE "notification_outbox" SET "status" = $2::varchar, "sent_at" = $3::timestamptz,
       "locked_until" = NULL, "last_error" = COALESCE($4::varchar, "last_error")
     WHERE "id" = ANY($1::uuid[]) AND "status" = 'pending'`,
    [ids, status, status === 'sent' ? now : null, reason],
  );
}
