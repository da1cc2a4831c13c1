import { formatDateTimeFr, formatNumberFr, PdfReport } from '@vigie/documents';
import type { Breach } from '../breaches/breach.entity';
import { isBreachOverdue } from '../breaches/breach-rules';
import { processorDelayMinutes } from '../breaches/breach-view';
import {
  BREACH_STATUS_LABELS,
  cnilDelayFr,
  DATA_CATEGORY_LABELS,
  formatDelayFr,
  labelOf,
  NATURE_LABELS,
  RISK_LABELS,
  SUBJECT_CATEGORY_LABELS,
  WAIVER_LABELS,
} from './breach-labels';

/** What the record shows besides the breach itself. */
export interface BreachRecordContext {
  controllerName: string;
  dpoNames: string[];
  activities: { id: string; name: string }[];
  applications: { id: string; name: string }[];
  incident: { title: string; awareAt: Date } | null;
  generatedAt: Date;
}

/** The processor's part of the chronology (Art. 33.2): its awareness, its notification, and the delay between. */
export function processorFields(breach: Breach): [string, string][] {
  if (!breach.processorNotifiedAt) return [];
  const delay = processorDelayMinutes(breach);
  return [
    ...(breach.processorAwareAt
      ? ([['Connaissance de l’incident par le sous-traitant', formatDateTimeFr(breach.processorAwareAt)]] as [
          string,
          string,
        ][])
      : []),
    ['Notifiée par le sous-traitant (art. 33.2)', formatDateTimeFr(breach.processorNotifiedAt)],
    ...(delay !== null
      ? ([['Délai du sous-traitant (connaissance → notification)', formatDelayFr(delay)]] as [
          string,
          string,
        ][])
      : []),
  ];
}

/** Art. 34.3.c: the public communication made instead of informing each person. */
export function publicCommunicationFields(breach: Breach): [string, string][] {
  if (!breach.publicCommunicationAt && !breach.publicCommunicationMeans) return [];
  return [
    ['Date de la communication publique', when(breach.publicCommunicationAt)],
    ['Moyen de la communication publique', breach.publicCommunicationMeans ?? '—'],
  ];
}

const when = (date: Date | null | undefined) => (date ? formatDateTimeFr(date) : '—');
/** « Violation notifiée à la CNIL »: the status agreed with « violation ». */
const statusPhrase = (status: string) => {
  const label = labelOf(BREACH_STATUS_LABELS, status);
  return `Violation ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
};
const count = (value: number | null) => (value === null ? 'Inconnu' : `environ ${formatNumberFr(value)}`);

/**
 * The breach record of the member's register (Art. 33.5): the facts, their effects, the measures, the risk
 * assessment, the notification to the CNIL and the decision on informing the people. Dates in Paris time.
 */
export async function renderBreachRecordPdf(breach: Breach, context: BreachRecordContext): Promise<Buffer> {
  return PdfReport.render(
    {
      title: `Fiche de violation de données — ${breach.title}`,
      organisationName: context.controllerName,
      generatedAt: context.generatedAt,
    },
    (report) => {
      report.title(
        breach.title,
        `Registre des violations de données personnelles (art. 33.5 RGPD) — ${statusPhrase(breach.status)}`,
      );
      report.fields([
        ['Responsable du traitement', context.controllerName],
        ['Délégué à la protection des données', context.dpoNames.join(', ') || 'Non désigné'],
        ['Statut', statusPhrase(breach.status)],
        ['Version de la fiche', breach.version],
      ]);

      report.heading('Chronologie');
      const overdue = isBreachOverdue(breach, context.generatedAt);
      report.fields([
        ['Date de survenue', breach.occurredAt ? formatDateTimeFr(breach.occurredAt) : 'Inconnue'],
        ['Prise de connaissance', formatDateTimeFr(breach.awareAt)],
        ...processorFields(breach),
        ['Échéance de notification à la CNIL (72 heures)', formatDateTimeFr(breach.notificationDeadline)],
        ['Évaluée le', when(breach.assessedAt)],
        ['Clôturée le', when(breach.closedAt)],
      ]);
      if (overdue)
        report.paragraph(
          'En retard : le délai de 72 heures est dépassé et aucune notification à la CNIL n’est enregistrée.',
        );
      if (context.incident)
        report.paragraph(
          `Violation signalée par le sous-traitant à la suite de l'incident « ${context.incident.title} », connu de lui le ${formatDateTimeFr(context.incident.awareAt)}.`,
          { muted: true },
        );

      report.heading('Description de la violation');
      report.paragraph(breach.description);
      report.heading('Nature de la violation', 2);
      report.bullets(
        breach.natures.map((n) => labelOf(NATURE_LABELS, n)),
        'Non encore qualifiée',
      );

      report.heading('Données et personnes concernées');
      report.fields([
        ['Nombre approximatif de personnes concernées', count(breach.approxSubjects)],
        ["Nombre approximatif d'enregistrements concernés", count(breach.approxRecords)],
      ]);
      report.heading('Catégories de données', 2);
      report.bullets(
        breach.dataCategories.map((c) => labelOf(DATA_CATEGORY_LABELS, c)),
        'Non encore identifiées',
      );
      report.heading('Catégories de personnes', 2);
      report.bullets(
        breach.subjectCategories.map((c) => labelOf(SUBJECT_CATEGORY_LABELS, c)),
        'Non encore identifiées',
      );

      report.heading('Traitements et applications concernés');
      report.table(
        [
          { header: 'Type', width: 1 },
          { header: 'Nom', width: 4 },
        ],
        [
          ...context.activities.map((a) => ['Traitement', a.name]),
          ...context.applications.map((a) => ['Application', a.name]),
        ],
        'Aucun traitement ni application liés',
      );

      report.heading('Conséquences probables');
      report.paragraph(breach.likelyConsequences ?? 'Non renseignées', { muted: !breach.likelyConsequences });
      report.heading('Mesures prises ou envisagées');
      report.fields([
        ['Mesures prises', breach.measuresTaken ?? '—'],
        ['Mesures envisagées', breach.measuresPlanned ?? '—'],
      ]);

      report.heading('Évaluation du risque');
      report.fields([
        ['Niveau de risque', breach.riskLevel ? labelOf(RISK_LABELS, breach.riskLevel) : 'Non évalué'],
      ]);
      if (breach.riskAssessment) report.paragraph(breach.riskAssessment);

      report.heading('Notification à la CNIL (art. 33)');
      if (breach.cnilNotifiedAt) {
        report.fields([
          ['Notifiée le', formatDateTimeFr(breach.cnilNotifiedAt)],
          ['Délai de notification', cnilDelayFr(breach)],
          ['Référence de la notification', breach.cnilReference ?? '—'],
          ...(breach.notificationDelayReason
            ? ([['Motifs du retard', breach.notificationDelayReason]] as [string, string][])
            : []),
        ]);
        report.heading('Notifications complémentaires', 2);
        report.table(
          [
            { header: 'Date', width: 2 },
            { header: 'Référence', width: 1.5 },
            { header: 'Objet', width: 4 },
          ],
          breach.complementaryNotifications.map((n) => [
            formatDateTimeFr(n.at),
            n.reference ?? '—',
            n.summary,
          ]),
          'Aucune notification complémentaire',
        );
      } else if (breach.status === 'not-notifiable' || breach.notNotifiableReason) {
        report.paragraph('Violation non notifiée à la CNIL.');
        report.fields([['Justification', breach.notNotifiableReason ?? '—']]);
      } else {
        report.paragraph('Aucune notification enregistrée.', { muted: true });
      }

      report.heading('Information des personnes concernées (art. 34)');
      if (breach.subjectsInformed === true) {
        report.fields([
          ['Personnes informées le', when(breach.subjectsInformedAt)],
          ["Moyen d'information", breach.subjectsInformationMeans ?? '—'],
        ]);
      } else if (breach.subjectsInformed === false) {
        report.fields([
          ['Décision', 'Personnes non informées'],
          ['Motif', breach.waiverGround ? labelOf(WAIVER_LABELS, breach.waiverGround) : '—'],
          ['Justification', breach.waiverJustification ?? '—'],
          ...publicCommunicationFields(breach),
        ]);
      } else {
        report.paragraph('Décision non encore prise.', { muted: true });
      }
    },
  );
}
