import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { Organisation } from '@vigie/identity';
import { addDays, emitNotice, frenchDate, parisDay, ReminderScanner, WEB_PATHS } from '@vigie/notifications';
import { EntityManager, In, LessThanOrEqual } from 'typeorm';
import { Questionnaire } from './questionnaire.entity';

const VENDOR_CONTACTS = ['vendor-contact'] as const;
const SECURITY_OFFICERS = ['security-officer'] as const;

async function vendorName(manager: EntityManager, vendorId: string): Promise<string> {
  const vendor = await scoped(manager, RequestContext.system()).findOne('Organisation', Organisation, {
    select: { id: true, name: true },
    where: { id: vendorId },
  });
  return vendor?.name ?? 'le fournisseur';
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
    const rows = await scoped(manager, RequestContext.system()).find('Questionnaire', Questionnaire, {
      select: { id: true, vendorId: true, dueDate: true },
      where: {
        status: In(['sent', 'in-progress', 'changes-requested']),
        dueDate: LessThanOrEqual(addDays(today, 7)),
      },
      order: { dueDate: 'ASC', id: 'ASC' },
    });
    let given = 0;
    for (const row of rows) {
      const q = { id: row.id, vendorId: row.vendorId };
      const overdue = row.dueDate < today;
      given += await emitNotice(
        manager,
        overdue
          ? {
              kind: 'questionnaire.overdue',
              ...toVendor(q),
              threshold: `overdue:${row.dueDate}`,
              title: 'Questionnaire de sécurité en retard',
              body: `Votre questionnaire de sécurité était à rendre le ${frenchDate(row.dueDate)} : merci de le compléter et de le soumettre.`,
            }
          : {
              kind: 'questionnaire.due-soon',
              ...toVendor(q),
              threshold: `due:${row.dueDate}`,
              title: 'Questionnaire de sécurité à rendre bientôt',
              body: `Votre questionnaire de sécurité est à rendre au plus tard le ${frenchDate(row.dueDate)}.`,
            },
        now,
      );
    }
    return given;
  },
};
