import { unscoped } from '@vigie/authz';
import { emitNotice } from './emit';
import { addDays, frenchDate, parisDay } from './paris-time';
import type { ReminderScanner } from './reminders';
import { WEB_PATHS } from './web-paths';

/** Days before an access ends at which its holder is told, nearest last: each is given once. */
export const MEMBERSHIP_END_THRESHOLDS = [7, 1] as const;

const ROLE_NAMES: Record<string, string> = { auditor: 'd’auditeur' };

/**
 * Memberships for a limited period (an auditor's) ending within 7 days: their holder is told 7 days before and
 * again the day before (once each; a membership created closer to its end gets the nearest threshold only).
 */
export const membershipEndReminders: ReminderScanner = {
  name: 'memberships',
  async scan(manager, now) {
    const today = parisDay(now);
    const rows: {
      id: string;
      user_id: string;
      organisation_id: string;
      organisation_name: string;
      role: string;
      ends_on: string;
    }[] = await unscoped(manager, 'system reminder scan over every organisation’s ending memberships').query(
      `SELECT m."id", m."user_id", m."organisation_id", o."name" AS "organisation_name", m."role",
              to_char(m."ends_on", 'YYYY-MM-DD') AS "ends_on"
       FROM "membership" m JOIN "organisation" o ON o."id" = m."organisation_id"
       WHERE m."ends_on" IS NOT NULL AND m."ends_on" >= $1::date AND m."ends_on" <= $2::date
       ORDER BY m."ends_on", m."id"`,
      [today, addDays(today, MEMBERSHIP_END_THRESHOLDS[0])],
    );
    let given = 0;
    for (const row of rows) {
      const threshold = [...MEMBERSHIP_END_THRESHOLDS]
        .reverse()
        .find((days) => row.ends_on <= addDays(today, days))!;
      const role = ROLE_NAMES[row.role] ?? `« ${row.role} »`;
      given += await emitNotice(
        manager,
        {
          kind: 'membership.ending',
          recipients: { userIds: [row.user_id] },
          organisationId: row.organisation_id,
          entity: { type: 'membership', id: row.id },
          threshold: `ends-${threshold}:${row.ends_on}`,
          title: `Votre accès ${role} prend fin le ${frenchDate(row.ends_on)}`,
          body: `Votre accès ${role} à ${row.organisation_name} est accordé pour une durée limitée : il prend fin le ${frenchDate(row.ends_on)} au soir. Après cette date, Vigie ne vous donnera plus accès à ses pages ; si votre mission se prolonge, demandez à l’administrateur de renouveler votre accès.`,
          linkPath: WEB_PATHS.account(),
        },
        now,
      );
    }
    return given;
  },
};
