import { formatDateFr, PdfReport } from '@vigie/documents';
import { countryByCode } from '@vigie/reference-data';
import type { ApplicationSummary } from '../activities/activity-view';
import { dpiaOf, inheritedMeasures } from '../activities/activity-view';
import type { ProcessingActivity } from '../activities/processing-activity.entity';
import {
  CONDITION_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_SUBJECT_LABELS,
  FINAL_FATE_LABELS,
  LEGAL_BASIS_LABELS,
  labelOf,
  SPECIAL_CATEGORY_LABELS,
  STATUS_LABELS,
} from '../data/register-labels';

/** « Fiche de traitement validée »: the sheet's status, agreed with « fiche ». */
const SHEET_STATUS: Record<ProcessingActivity['status'], string> = {
  draft: 'Fiche de traitement en brouillon',
  validated: 'Fiche de traitement validée',
  archived: 'Fiche de traitement archivée',
};

/** The controller an activity sheet is about. */
export interface ControllerInfo {
  name: string;
  dpoNames: string[];
}

/** The sections of an activity sheet, after the CNIL model of register (plus DPIA and follow-up). */
export const SHEET_SECTIONS = [
  'Acteurs',
  'Finalités du traitement',
  'Applications utilisées',
  'Catégories de personnes concernées',
  'Catégories de données personnelles',
  'Données sensibles',
  'Destinataires',
  "Transferts hors de l'Union européenne",
  'Mesures de sécurité',
  "Analyse d'impact (AIPD)",
  'Suivi de la fiche',
] as const;

/** Writes one activity's sheet, starting on a new page unless `firstPage`. */
export function writeActivitySheet(
  report: PdfReport,
  activity: ProcessingActivity,
  controller: ControllerInfo,
  applications: Map<string, ApplicationSummary>,
  options: { firstPage?: boolean; index?: number } = {},
): void {
  if (!options.firstPage) report.pageBreak();
  const [
    actors,
    purposes,
    apps,
    subjects,
    categories,
    sensitive,
    recipients,
    transfers,
    security,
    dpiaTitle,
    follow,
  ] = SHEET_SECTIONS;
  report.title(
    `${options.index !== undefined ? `${options.index}. ` : ''}${activity.name}`,
    `${SHEET_STATUS[activity.status]} — version ${activity.version}`,
  );
  if (activity.description) report.paragraph(activity.description);

  report.heading(actors);
  report.fields([
    ['Responsable du traitement', controller.name],
    ['Délégué à la protection des données', controller.dpoNames.join(', ') || 'Non désigné'],
  ]);

  report.heading(purposes);
  report.table(
    [
      { header: 'Finalité', width: 3 },
      { header: 'Base légale', width: 2 },
      { header: 'Précision', width: 2 },
    ],
    activity.purposes.map((p) => [
      p.description,
      labelOf(LEGAL_BASIS_LABELS, p.legalBasis),
      p.legalBasisDetail,
    ]),
  );

  report.heading(apps);
  report.bullets(
    activity.applicationIds.map((id) => applications.get(id)?.name ?? id),
    'Aucune application du catalogue',
  );

  report.heading(subjects);
  report.bullets(activity.dataSubjects.map((s) => labelOf(DATA_SUBJECT_LABELS, s)));

  report.heading(categories);
  report.table(
    [
      { header: 'Catégorie', width: 2.2 },
      { header: 'Précisions', width: 2 },
      { header: 'Durée de conservation', width: 2 },
      { header: 'Sort final', width: 1.4 },
    ],
    activity.dataCategories.map((c) => [
      labelOf(DATA_CATEGORY_LABELS, c.category),
      c.description,
      c.retention,
      labelOf(FINAL_FATE_LABELS, c.finalFate),
    ]),
  );

  report.heading(sensitive);
  report.table(
    [
      { header: 'Catégorie particulière', width: 2 },
      { header: 'Condition (art. 9.2 ou 10)', width: 3 },
    ],
    activity.specialCategories.map((s) => [
      labelOf(SPECIAL_CATEGORY_LABELS, s.category),
      `${s.condition} — ${labelOf(CONDITION_LABELS, s.condition)}`,
    ]),
    'Aucune donnée sensible',
  );

  report.heading(recipients);
  report.table(
    [
      { header: 'Destinataire', width: 3 },
      { header: 'Type', width: 2 },
    ],
    activity.recipients.map((r) => [r.name, r.type]),
    'Aucun destinataire',
  );

  report.heading(transfers);
  report.table(
    [
      { header: 'Destinataire', width: 2 },
      { header: 'Pays', width: 1.5 },
      { header: 'Garantie', width: 2.5 },
    ],
    activity.transfers.map((t) => [
      t.recipient,
      `${countryByCode(t.country)?.fr ?? t.country} (${t.country})`,
      t.safeguard,
    ]),
    "Aucun transfert hors de l'Union européenne",
  );

  report.heading(security);
  report.paragraph('Mesures propres au traitement :');
  report.bullets(activity.securityMeasures, 'Aucune mesure propre déclarée');
  for (const inherited of inheritedMeasures(activity, applications)) {
    report.paragraph(`${inherited.label} :`);
    report.bullets(inherited.measures, 'Aucune mesure déclarée');
  }

  report.heading(dpiaTitle);
  const dpia = dpiaOf(activity);
  report.fields([["Résultat de l'analyse préalable", dpia.required ? 'AIPD requise' : 'AIPD non requise']]);
  // The reasons already name the Art. 35.3 cases that apply: they are not listed a second time.
  report.bullets(dpia.reasons);

  report.heading(follow);
  report.fields([
    ['Statut', STATUS_LABELS[activity.status]],
    ['Version', activity.version],
    ['Créée le', formatDateFr(activity.createdAt)],
    ['Dernière modification', formatDateFr(activity.updatedAt)],
    ['Validée le', activity.validatedAt ? formatDateFr(activity.validatedAt) : 'Non validée'],
    ['Prochaine révision', activity.reviewDate ? formatDateFr(activity.reviewDate) : '—'],
  ]);
}
