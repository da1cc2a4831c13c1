import { formatDateFr, PdfReport } from '@vigie/documents';
import {
  countryByCode,
  NIR_LEGAL_GROUNDS,
  ruleListLabel,
  TRANSFER_DEROGATIONS,
  TRANSFER_SAFEGUARDS,
} from '@vigie/reference-data';
import type { Transfer } from '../activities/activity-content';
import { dpiaAssessmentFields, dpiaAssessmentWarnings } from '../activities/dpia-assessment';
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
import { dpoText, OrganisationParty } from './controller-block';

/** « Fiche de traitement validée »: the sheet's status, agreed with « fiche ». */
const SHEET_STATUS: Record<ProcessingActivity['status'], string> = {
  draft: 'Fiche de traitement en brouillon',
  validated: 'Fiche de traitement validée',
  archived: 'Fiche de traitement archivée',
};

/**
 * The controller an activity sheet is about: its details (contact, representative, designated DPO) and the
 * names of the Vigie accounts holding the DPO role in it.
 */
export interface ControllerInfo extends OrganisationParty {
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
  "Transferts hors de l'Espace économique européen",
  'Mesures de sécurité',
  "Analyse d'impact (AIPD)",
  'Suivi de la fiche',
] as const;

/** The country of a transfer, or « Organisation internationale » (with its seat when given). */
export function transferDestination(transfer: Transfer): string {
  const country = transfer.country
    ? `${countryByCode(transfer.country)?.fr ?? transfer.country} (${transfer.country})`
    : '';
  if (transfer.internationalOrganisation)
    return country ? `Organisation internationale, siège : ${country}` : 'Organisation internationale';
  return country;
}

/** The safeguard's French label, the Art. 49.1 case of a derogation and the precision. */
export function transferSafeguard(transfer: Transfer): string {
  const parts = [
    transfer.safeguard === 'derogation' && transfer.derogation
      ? ruleListLabel(TRANSFER_DEROGATIONS, transfer.derogation)
      : ruleListLabel(TRANSFER_SAFEGUARDS, transfer.safeguard),
    transfer.safeguardDetail,
  ];
  return parts.filter(Boolean).join(' — ');
}

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
  if (activity.status === 'draft')
    report.paragraph(
      'Brouillon : fiche non validée par le délégué à la protection des données, hors du registre officiel.',
    );
  if (activity.description) report.paragraph(activity.description);

  report.heading(actors);
  report.fields([
    ['Responsable du traitement', controller.name],
    ['Délégué à la protection des données', dpoText(controller.dpo)],
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
      p.legalBasis ? labelOf(LEGAL_BASIS_LABELS, p.legalBasis) : 'À préciser',
      [
        p.legalBasisDetail,
        p.legitimateInterestsOutsidePublicTasks
          ? `Hors des missions de service public : ${p.legitimateInterestsOutsidePublicTasks}`
          : undefined,
      ]
        .filter(Boolean)
        .join(' — '),
    ]),
    'Aucune finalité renseignée',
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
      c.retention ?? 'À préciser',
      c.finalFate ? labelOf(FINAL_FATE_LABELS, c.finalFate) : 'À préciser',
    ]),
    'Aucune catégorie renseignée',
  );

  report.heading(sensitive);
  report.table(
    [
      { header: 'Catégorie particulière', width: 2 },
      { header: 'Condition (art. 9.2 ou 10)', width: 3 },
    ],
    activity.specialCategories.map((s) => [
      labelOf(SPECIAL_CATEGORY_LABELS, s.category),
      `${s.condition} — ${labelOf(CONDITION_LABELS, s.condition)}` +
        (s.authorisingText ? ` : ${s.authorisingText}` : ''),
    ]),
    'Aucune donnée sensible',
  );
  const nir = activity.nir;
  if (nir?.used) {
    report.fields([
      ['NIR (numéro de sécurité sociale)', 'Utilisé'],
      [
        'Fondement (loi n° 78-17, art. 30)',
        nir.legalGround ? ruleListLabel(NIR_LEGAL_GROUNDS, nir.legalGround) : 'À préciser',
      ],
      ...(nir.reference ? ([['Item ou texte', nir.reference]] as [string, string][]) : []),
    ]);
  } else if (nir) {
    report.fields([['NIR (numéro de sécurité sociale)', 'Non utilisé']]);
  }

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
    activity.transfers.map((t) => [t.recipient, transferDestination(t), transferSafeguard(t)]),
    "Aucun transfert hors de l'Espace économique européen",
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
  if (activity.dpiaAssessment) {
    report.fields(dpiaAssessmentFields(activity.dpiaAssessment, (ymd) => formatDateFr(ymd)));
    for (const warning of dpiaAssessmentWarnings(activity.dpiaAssessment)) report.paragraph(warning.message);
  } else if (dpia.required && !dpia.decision) {
    report.fields([['AIPD menée', 'Aucune AIPD enregistrée']]);
  }

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
