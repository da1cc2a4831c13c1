import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { Membership, Organisation } from '@vigie/identity';
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
    // System work: the reminder scan reads every organisation's ending memberships.
    const rows = await scoped(manager, RequestContext.system('reminders'))
      .query('Membership', Membership, 'm')
      .innerJoin(Organisation, 'o', 'o.id = m.organisationId')
      .select('m.id', 'id')
      .addSelect('m.userId', 'user_id')
      .addSelect('m.organisationId', 'organisation_id')
      .addSelect('o.name', 'organisation_name')
      .addSelect('m.role', 'role')
      .addSelect(`to_char(m.endsOn, 'YYYY-MM-DD')`, 'ends_on')
      .andWhere(
        'm.endsOn IS NOT NULL AND m.endsOn >= CAST(:today AS date) AND m.endsOn <= CAST(:last AS date)',
        {
          today,
          last: addDays(today, MEMBERSHIP_END_THRESHOLDS[0]),
        },
      )
      .orderBy('m.endsOn')
      .addOrderBy('m.id')
      .getRawMany<{
        id: string;
        user_id: string;
        organisation_id: string;
        organisation_name: string;
        role: string;
        ends_on: string;
      }>();
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
