import { unscoped } from '@vigie/authz';
import { addDays, emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';

const SECURITY_OFFICERS = ['security-officer'] as const;

/** Evidence expiring within 30 days (or expired): the operator's security officers, once per expiry date. */
export const evidenceReminders: ReminderScanner = {
  name: 'evidence',
  async scan(manager, now) {
    const today = parisDay(now);
    const rows: { id: string; organisation_id: string; file_name: string; expires_at: string }[] =
      await unscoped(
        manager,
        'the reminder scan is system work over every organisation’s evidence, with no caller',
      ).query(
        `SELECT "id", "organisation_id", "file_name", to_char("expires_at", 'YYYY-MM-DD') AS "expires_at"
         FROM "evidence" WHERE "expires_at" IS NOT NULL AND "expires_at" <= $1::date
         ORDER BY "expires_at", "id"`,
        [addDays(today, 30)],
      );
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
