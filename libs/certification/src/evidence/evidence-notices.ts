import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { addDays, emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import { Evidence } from './evidence.entity';

const SECURITY_OFFICERS = ['security-officer'] as const;

/** Evidence expiring within 30 days (or expired): the operator's security officers, once per expiry date. */
export const evidenceReminders: ReminderScanner = {
  name: 'evidence',
  async scan(manager, now) {
    const today = parisDay(now);
    const rows = await scoped(manager, RequestContext.system('evidence-reminders'))
      .query('Evidence', Evidence, 'e')
      .select('e.id', 'id')
      .addSelect('e.organisationId', 'organisation_id')
      .addSelect('e.fileName', 'file_name')
      .addSelect(`to_char(e.expires_at, 'YYYY-MM-DD')`, 'expires_at')
      .andWhere('e.expiresAt IS NOT NULL AND e.expiresAt <= :limit', { limit: addDays(today, 30) })
      .orderBy('e.expiresAt')
      .addOrderBy('e.id')
      .getRawMany<{ id: string; organisation_id: string; file_name: string; expires_at: string }>();
    let given = 0;
    for (const row of rows) {
      const expired = row.expires_at < today;
      given += await emitNotice(
        manager,
        {
          kind: 'evidence.expiring',
          recipients: { operator: true, roles: SECURITY_OFFICERS },
          organisationId: row.organisation_id,
          entity: { type: 'evidence', id: row.id },
          threshold: `expires:${row.expires_at}`,
          title: `Preuve ${expired ? 'expirée' : 'bientôt expirée'} : ${row.file_name}`,
          body: `La preuve « ${row.file_name} » ${expired ? 'a expiré' : 'expire'} le ${frenchDate(row.expires_at)} : remplacez-la par une preuve à jour.`,
          linkPath: WEB_PATHS.evidence(row.id),
        },
        now,
      );
    }
    return given;
  },
};
