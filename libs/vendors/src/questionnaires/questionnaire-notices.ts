import { unscoped } from '@vigie/authz';
import { addDays, emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import type { EntityManager } from 'typeorm';
import type { Questionnaire } from './questionnaire.entity';

const VENDOR_CONTACTS = ['vendor-contact'] as const;
const SECURITY_OFFICERS = ['security-officer'] as const;

async function vendorName(manager: EntityManager, vendorId: string): Promise<string> {
  const [row]: { name: string }[] = await unscoped(
    manager,
    'the vendor name of a notice, in a system scan',
  ).query(`SELECT "name" FROM "organisation" WHERE "id" = $1`, [vendorId]);
  return row?.name ?? 'le fournisseur';
}

function toVendor(q: Pick<Questionnaire, 'id' | 'vendorId'>) {
  return {
    recipients: { organisationId: q.vendorId, roles: VENDOR_CONTACTS },
    organisationId: q.vendorId,
    entity: { type: 'questionnaire', id: q.id },
    linkPath: WEB_PATHS.questionnaire(q.id),
  };
}

/** A questionnaire was sent: the vendor's contacts learn it and its due date. */
export async function notifyQuestionnaireSent(manager: EntityManager, q: Questionnaire): Promise<void> {
  await emitNotice(manager, {
    kind: 'questionnaire.sent',
    ...toVendor(q),
    threshold: 'sent',
    title: 'Nouveau questionnaire de sécurité à remplir',
    body: `Le SIIM94 vous a envoyé un questionnaire de sécurité, à rendre au plus tard le ${frenchDate(q.dueDate)}.`,
  });
}

/** The operator asked for changes: the vendor's contacts are told (the comment is read in Vigie). */
export async function notifyQuestionnaireChangesRequested(
  manager: EntityManager,
  q: Questionnaire,
): Promise<void> {
  await emitNotice(manager, {
    kind: 'questionnaire.changes-requested',
    ...toVendor(q),
    title: 'Compléments demandés sur votre questionnaire',
    body: `Le SIIM94 demande des compléments sur votre questionnaire de sécurité (échéance le ${frenchDate(q.dueDate)}). Le commentaire est à lire dans Vigie.`,
  });
}

/** A vendor submitted its answers: the operator's security officers are told. */
export async function notifyQuestionnaireSubmitted(manager: EntityManager, q: Questionnaire): Promise<void> {
  const vendor = await vendorName(manager, q.vendorId);
  await emitNotice(manager, {
    kind: 'questionnaire.submitted',
    recipients: { operator: true, roles: SECURITY_OFFICERS },
    organisationId: q.vendorId,
    entity: { type: 'questionnaire', id: q.id },
    title: `Questionnaire soumis par ${vendor}`,
    body: `${vendor} a soumis ses réponses au questionnaire de sécurité : elles sont à revoir.`,
    linkPath: WEB_PATHS.questionnaire(q.id),
  });
}

/** Questionnaires still to answer, due within 7 days or overdue: their vendor's contacts, once per due date. */
export const questionnaireReminders: ReminderScanner = {
  name: 'questionnaires',
  async scan(manager, now) {
    const today = parisDay(now);
    const rows: { id: string; vendor_id: string; due_date: string }[] = await unscoped(
      manager,
      'the reminder scan is system work over every vendor’s questionnaires, with no caller',
    ).query(
      `SELECT "id", "vendor_id", to_char("due_date", 'YYYY-MM-DD') AS "due_date" FROM "questionnaire"
       WHERE "status" IN ('sent', 'in-progress', 'changes-requested') AND "due_date" <= $1::date
       ORDER BY "due_date", "id"`,
      [addDays(today, 7)],
    );
    let given = 0;
    for (const row of rows) {
      const q = { id: row.id, vendorId: row.vendor_id };
      const overdue = row.due_date < today;
      given += await emitNotice(
        manager,
        overdue
          ? {
              kind: 'questionnaire.overdue',
              ...toVendor(q),
              threshold: `overdue:${row.due_date}`,
              title: 'Questionnaire de sécurité en retard',
              body: `Votre questionnaire de sécurité était à rendre le ${frenchDate(row.due_date)} : merci de le compléter et de le soumettre.`,
            }
          : {
              kind: 'questionnaire.due-soon',
              ...toVendor(q),
              threshold: `due:${row.due_date}`,
              title: 'Questionnaire de sécurité à rendre bientôt',
              body: `Votre questionnaire de sécurité est à rendre au plus tard le ${frenchDate(row.due_date)}.`,
            },
        now,
      );
    }
    return given;
  },
};
