import { scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import {
  addDays,
  emitNotice,
  frenchDate,
  frenchDateTime,
  parisDay,
  ReminderScanner,
  WEB_PATHS,
} from '@vigie/notifications';
import { RIGHT_LABELS_FR } from '@vigie/reference-data';
import type { EntityManager } from 'typeorm';
import { Breach } from './breaches/breach.entity';
import { RightsRequest } from './rights/rights-request.entity';

/** Who follows a member's breaches and rights requests: its DPO and its editors. */
const DPO_AND_EDITORS = ['dpo', 'editor'] as const;
const HOUR_MS = 3_600_000;

/**
 * A breach was recorded by the member, or received from its processor's incident: the member's DPO and editors
 * learn its title and the deadline of Art. 33 (never its description: no personal data in an e-mail).
 */
export async function notifyBreachRecorded(manager: EntityManager, breach: Breach): Promise<void> {
  const fromIncident = breach.incidentId !== null;
  await emitNotice(manager, {
    kind: fromIncident ? 'breach.incident-notified' : 'breach.recorded',
    recipients: { organisationId: breach.organisationId, roles: DPO_AND_EDITORS },
    organisationId: breach.organisationId,
    entity: { type: 'breach', id: breach.id },
    threshold: 'recorded',
    title: fromIncident
      ? `Incident signalé par le SIIM94 : ${breach.title}`
      : `Violation de données enregistrée : ${breach.title}`,
    body: `${
      fromIncident
        ? 'Le SIIM94, votre sous-traitant, vous signale un incident qui peut constituer une violation de données personnelles.'
        : 'Une violation de données personnelles a été enregistrée.'
    } Si elle doit être notifiée, la CNIL doit l’être au plus tard le ${frenchDateTime(breach.notificationDeadline)} (article 33 du RGPD).`,
    linkPath: WEB_PATHS.breach(breach.id),
  });
}

/** Breaches whose 72 hours run out (24 h, then 12 h left) while the CNIL is not notified. */
export const breachReminders: ReminderScanner = {
  name: 'breaches',
  async scan(manager, now) {
    // System work over every member's breaches, with no caller.
    const rows = await scoped(manager, RequestContext.system('breach-reminders'))
      .query('Breach', Breach, 'b')
      .select(['b.id', 'b.organisationId', 'b.title', 'b.notificationDeadline'])
      .andWhere("b.status IN ('to-assess', 'assessed') AND b.cnilNotifiedAt IS NULL")
      .andWhere('b.notificationDeadline > :now AND b.notificationDeadline <= :until', {
        now,
        until: new Date(now.getTime() + 24 * HOUR_MS),
      })
      .orderBy('b.notificationDeadline')
      .addOrderBy('b.id')
      .getMany();
    let given = 0;
    for (const row of rows) {
      const deadline = row.notificationDeadline;
      const twelve = deadline.getTime() - now.getTime() <= 12 * HOUR_MS;
      given += await emitNotice(
        manager,
        {
          kind: twelve ? 'breach.deadline-12h' : 'breach.deadline-24h',
          recipients: { organisationId: row.organisationId, roles: DPO_AND_EDITORS },
          organisationId: row.organisationId,
          entity: { type: 'breach', id: row.id },
          threshold: `${twelve ? '12h' : '24h'}:${deadline.toISOString()}`,
          title: `Moins de ${twelve ? '12' : '24'} heures pour notifier la CNIL : ${row.title}`,
          body: `La CNIL n’est pas notifiée de la violation « ${row.title} » : le délai de 72 heures de l’article 33 du RGPD expire le ${frenchDateTime(deadline)}. Notifiez-la, ou consignez pourquoi elle n’a pas à l’être.`,
          linkPath: WEB_PATHS.breach(row.id),
        },
        now,
      );
    }
    return given;
  },
};

/** Rights requests not answered, due within 7 days or overdue: the member's DPO and editors, once per due date. */
export const rightsRequestReminders: ReminderScanner = {
  name: 'rights-requests',
  async scan(manager, now) {
    const today = parisDay(now);
    // System work over every member's rights requests, with no caller.
    const rows = await scoped(manager, RequestContext.system('rights-request-reminders'))
      .query('RightsRequest', RightsRequest, 'r')
      .select(['r.id', 'r.organisationId', 'r.right', 'r.dueDate'])
      .andWhere("r.status NOT IN ('answered', 'refused')")
      .andWhere('r.dueDate <= CAST(:until AS date)', { until: addDays(today, 7) })
      .orderBy('r.dueDate')
      .addOrderBy('r.id')
      .getMany();
    let given = 0;
    for (const row of rows) {
      const overdue = row.dueDate < today;
      const right = (RIGHT_LABELS_FR[row.right] ?? row.right).toLowerCase();
      given += await emitNotice(
        manager,
        {
          kind: overdue ? 'rights-request.overdue' : 'rights-request.due-soon',
          recipients: { organisationId: row.organisationId, roles: DPO_AND_EDITORS },
          organisationId: row.organisationId,
          entity: { type: 'rights-request', id: row.id },
          threshold: `${overdue ? 'overdue' : 'due'}:${row.dueDate}`,
          title: overdue
            ? 'Demande d’exercice de droits en retard'
            : `Demande d’exercice de droits à traiter avant le ${frenchDate(row.dueDate)}`,
          body: overdue
            ? `Une demande au titre du ${right} devait recevoir une réponse au plus tard le ${frenchDate(row.dueDate)} (article 12.3 du RGPD).`
            : `Une demande au titre du ${right} doit recevoir une réponse au plus tard le ${frenchDate(row.dueDate)} (article 12.3 du RGPD).`,
          linkPath: WEB_PATHS.rightsRequest(row.id),
        },
        now,
      );
    }
    return given;
  },
};
