import { formatDateFr, formatDateTimeFr, formatNumberFr, PdfReport } from '@vigie/documents';
import type { Breach } from '../breaches/breach.entity';
import {
  BREACH_STATUS_LABELS,
  cnilDelayFr,
  DATA_CATEGORY_LABELS,
  labelOf,
  NATURE_LABELS,
  RISK_LABELS,
  SUBJECT_CATEGORY_LABELS,
  WAIVER_LABELS,
} from './breach-labels';
import { processorFields, publicCommunicationFields } from './breach-record.pdf';

/** What the register shows besides its breaches. */
export interface BreachRegisterContext {
  controllerName: string;
  dpoNames: string[];
  generatedAt: Date;
}

const when = (date: Date | null | undefined) => (date ? formatDateTimeFr(date) : '—');
const count = (value: number | null) => (value === null ? 'Inconnu' : `environ ${formatNumberFr(value)}`);
const list = (labels: Record<string, string>, keys: readonly string[], empty: string) =>
  keys.length > 0 ? keys.map((key) => labelOf(labels, key)).join(', ') : empty;

/** The title of the register's PDF. */
export function breachRegisterTitle(controllerName: string): string {
  return `Registre des violations de données personnelles — ${controllerName}`;
}

/** The Art. 34 decision in one line. */
function informationOf(breach: Breach): string {
  if (breach.subjectsInformed === true)
    return `Personnes informées le ${when(breach.subjectsInformedAt)}${breach.subjectsInformationMeans ? ` (${breach.subjectsInformationMeans})` : ''}`;
  if (breach.subjectsInformed === false) return 'Personnes non informées';
  return 'Décision non encore prise';
}

function notificationOf(breach: Breach): string {
  if (breach.cnilNotifiedAt) return `Notifiée le ${formatDateTimeFr(breach.cnilNotifiedAt)}`;
  if (breach.status === 'not-notifiable') return 'Non notifiée (risque improbable)';
  return 'Aucune notification enregistrée';
}

/**
 * A member's whole breach register (Art. 33.5), in order of awareness: a summary table, then each breach with
 * its facts, its effects, the measures taken, the notification to the CNIL and the information of the people,
 * with their dates and delays. Paris time; the member's working notes are not shown.
 */
export function renderBreachRegisterPdf(
  breaches: readonly Breach[],
  context: BreachRegisterContext,
): Promise<Buffer> {
  const title = breachRegisterTitle(context.controllerName);
  return PdfReport.render(
    { title, organisationName: context.controllerName, generatedAt: context.generatedAt },
    (report) => {
      report.title(
        'Registre des violations de données personnelles',
        `Article 33.5 du RGPD — documentation de toute violation, notifiée ou non — arrêté au ${formatDateFr(context.generatedAt)}`,
      );
      report.fields([
        ['Responsable du traitement', context.controllerName],
        ['Délégué à la protection des données', context.dpoNames.join(', ') || 'Non désigné'],
        ['Nombre de violations enregistrées', breaches.length],
        ['Notifiées à la CNIL', breaches.filter((b) => b.cnilNotifiedAt).length],
      ]);

      report.heading('Synthèse');
      report.table(
        [
          { header: 'N°', width: 0.5, align: 'right' },
          { header: 'Violation', width: 3.2 },
          { header: 'Prise de connaissance', width: 1.9 },
          { header: 'Statut', width: 1.6 },
          { header: 'Notification à la CNIL', width: 1.9 },
        ],
        breaches.map((breach, index) => [
          index + 1,
          breach.title,
          formatDateTimeFr(breach.awareAt),
          labelOf(BREACH_STATUS_LABELS, breach.status),
          breach.cnilNotifiedAt ? formatDateTimeFr(breach.cnilNotifiedAt) : '—',
        ]),
        'Aucune violation enregistrée',
      );

      breaches.forEach((breach, index) => {
        report.ensureSpace(160);
        report.heading(`${index + 1}. ${breach.title}`);
        report.fields([
          ['Statut', labelOf(BREACH_STATUS_LABELS, breach.status)],
          ['Date de survenue', breach.occurredAt ? formatDateTimeFr(breach.occurredAt) : 'Inconnue'],
          ['Prise de connaissance', formatDateTimeFr(breach.awareAt)],
          ...processorFields(breach),
        ]);

        report.heading('Faits', 2);
        report.paragraph(breach.description);
        report.fields([
          ['Nature', list(NATURE_LABELS, breach.natures, 'Non encore qualifiée')],
          [
            'Catégories de données',
            list(DATA_CATEGORY_LABELS, breach.dataCategories, 'Non encore identifiées'),
          ],
          [
            'Catégories de personnes',
            list(SUBJECT_CATEGORY_LABELS, breach.subjectCategories, 'Non encore identifiées'),
          ],
          ['Personnes concernées', count(breach.approxSubjects)],
          ['Enregistrements concernés', count(breach.approxRecords)],
        ]);

        report.heading('Effets', 2);
        report.fields([
          ['Conséquences probables', breach.likelyConsequences ?? 'Non renseignées'],
          ['Niveau de risque', breach.riskLevel ? labelOf(RISK_LABELS, breach.riskLevel) : 'Non évalué'],
          ...(breach.riskAssessment
            ? ([['Analyse du risque', breach.riskAssessment]] as [string, string][])
            : []),
        ]);

        report.heading('Mesures prises pour y remédier', 2);
        report.fields([
          ['Mesures prises', breach.measuresTaken ?? '—'],
          ['Mesures envisagées', breach.measuresPlanned ?? '—'],
        ]);

        report.heading('Notification et information', 2);
        report.fields([
          ['Échéance de notification (72 heures)', formatDateTimeFr(breach.notificationDeadline)],
          ['Notification à la CNIL (art. 33)', notificationOf(breach)],
          ...(breach.cnilNotifiedAt
            ? ([
                ['Délai de notification', cnilDelayFr(breach)],
                ['Référence de la notification', breach.cnilReference ?? '—'],
              ] as [string, string][])
            : []),
          ...(breach.notificationDelayReason
            ? ([['Motifs du retard', breach.notificationDelayReason]] as [string, string][])
            : []),
          ...breach.complementaryNotifications.map(
            (n) =>
              [
                `Notification complémentaire du ${formatDateTimeFr(n.at)}`,
                `${n.reference ? `${n.reference} — ` : ''}${n.summary}`,
              ] as [string, string],
          ),
          ...(breach.notNotifiableReason
            ? ([['Justification de l’absence de notification', breach.notNotifiableReason]] as [
                string,
                string,
              ][])
            : []),
          ['Information des personnes (art. 34)', informationOf(breach)],
          ...(breach.waiverGround
            ? ([
                ['Motif de la dérogation', labelOf(WAIVER_LABELS, breach.waiverGround)],
                ['Justification de la dérogation', breach.waiverJustification ?? '—'],
              ] as [string, string][])
            : []),
          ...publicCommunicationFields(breach),
          ['Clôturée le', when(breach.closedAt)],
        ]);
      });
    },
  );
}
