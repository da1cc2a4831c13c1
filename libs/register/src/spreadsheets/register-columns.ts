import { formatShortDateFr } from '@vigie/documents';
import {
  NIR_LEGAL_GROUNDS,
  ruleListLabel,
  TRANSFER_DEROGATIONS,
  TRANSFER_SAFEGUARDS,
} from '@vigie/reference-data';
import { dpiaOf } from '../activities/activity-view';
import type { ProcessingActivity } from '../activities/processing-activity.entity';
import {
  ART35_LABELS,
  CNIL_EXEMPTION_SHORT_LABELS,
  CNIL_LIST_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_SUBJECT_LABELS,
  FINAL_FATE_LABELS,
  GDPR_LEGAL_BASIS_NAMES,
  labelOf,
  SPECIAL_CATEGORY_LABELS,
  STATUS_LABELS,
  WP248_LABELS,
} from '../data/register-labels';

/** What the country part of a transfer says for a recipient that is an international organisation. */
export const INTERNATIONAL_ORGANISATION = 'Organisation internationale';

/** Separates the parts of one item inside a cell ("finalité | base légale | précision"). */
export const PART_SEPARATOR = ' | ';

/** One column of the register spreadsheet, after the CNIL model. */
export interface RegisterColumn {
  key: string;
  header: string;
  /** Written on export, ignored on import. */
  exportOnly?: boolean;
  /** May be absent from an imported file (columns added after the first files were made). */
  optional?: boolean;
  /** Former headers, still read on import. */
  aliases?: string[];
  /** Parts of each item (one item per line), for the columns holding structured lists. */
  parts?: string[];
  width: number;
}

export const REGISTER_COLUMNS: RegisterColumn[] = [
  { key: 'id', header: 'Identifiant', exportOnly: true, width: 38 },
  { key: 'name', header: 'Nom du traitement', width: 40 },
  { key: 'description', header: 'Description', width: 50 },
  { key: 'status', header: 'Statut', exportOnly: true, width: 12 },
  { key: 'applications', header: 'Applications', width: 25 },
  {
    key: 'purposes',
    header: 'Finalités et bases légales',
    parts: ['finalité', 'base légale', 'précision', 'hors des missions de service public (intérêt légitime)'],
    width: 60,
  },
  { key: 'dataSubjects', header: 'Personnes concernées', width: 30 },
  {
    key: 'dataCategories',
    header: 'Catégories de données',
    parts: ['catégorie', 'précisions', 'durée de conservation', 'sort final'],
    width: 60,
  },
  {
    key: 'specialCategories',
    header: 'Données sensibles',
    parts: ['catégorie', 'condition', 'texte autorisant (art. 10)'],
    width: 40,
  },
  {
    key: 'nir',
    header: 'NIR (numéro de sécurité sociale)',
    parts: ['utilisé', 'fondement', 'item ou texte'],
    optional: true,
    width: 40,
  },
  { key: 'recipients', header: 'Destinataires', parts: ['destinataire', 'type'], width: 40 },
  {
    key: 'transfers',
    header: "Transferts hors de l'Espace économique européen",
    aliases: ["Transferts hors de l'UE"],
    parts: [
      'destinataire',
      'pays ou « Organisation internationale »',
      'garantie',
      'dérogation (art. 49.1)',
      'précision',
    ],
    width: 40,
  },
  { key: 'securityMeasures', header: 'Mesures de sécurité', width: 50 },
  { key: 'dpiaCriteria', header: 'Critères AIPD (WP248)', width: 40 },
  { key: 'cnilListItems', header: 'Liste CNIL des traitements soumis à AIPD', width: 40 },
  { key: 'art35Cases', header: 'Cas de l’article 35.3', width: 30 },
  { key: 'cnilExemptionItem', header: "Dispense d'AIPD (CNIL 2019-118)", optional: true, width: 30 },
  { key: 'reviewDate', header: 'Date de révision', width: 14 },
  { key: 'dpiaRequired', header: 'AIPD requise', exportOnly: true, width: 12 },
  { key: 'version', header: 'Version', exportOnly: true, width: 8 },
];

const lines = (items: string[]) => items.join('\n');
const item = (...parts: (string | undefined | null)[]) => {
  while (parts.length > 1 && !parts[parts.length - 1]) parts.pop();
  return parts.map((part) => part ?? '').join(PART_SEPARATOR);
};

/** One activity as a spreadsheet row (cells by column key), French labels for the listed values. */
export function exportRow(
  activity: ProcessingActivity,
  applicationNames: Map<string, string>,
): Record<string, string | number> {
  return {
    id: activity.id,
    name: activity.name,
    description: activity.description ?? '',
    status: STATUS_LABELS[activity.status],
    applications: lines(activity.applicationIds.map((id) => applicationNames.get(id) ?? id)),
    purposes: lines(
      activity.purposes.map((p) =>
        item(
          p.description,
          p.legalBasis ? (GDPR_LEGAL_BASIS_NAMES[p.legalBasis] ?? p.legalBasis) : '',
          p.legalBasisDetail,
          p.legitimateInterestsOutsidePublicTasks,
        ),
      ),
    ),
    dataSubjects: lines(activity.dataSubjects.map((s) => labelOf(DATA_SUBJECT_LABELS, s))),
    dataCategories: lines(
      activity.dataCategories.map((c) =>
        item(
          labelOf(DATA_CATEGORY_LABELS, c.category),
          c.description,
          c.retention,
          c.finalFate ? labelOf(FINAL_FATE_LABELS, c.finalFate) : '',
        ),
      ),
    ),
    specialCategories: lines(
      activity.specialCategories.map((s) =>
        item(labelOf(SPECIAL_CATEGORY_LABELS, s.category), s.condition, s.authorisingText),
      ),
    ),
    nir: activity.nir
      ? item(
          activity.nir.used ? 'Oui' : 'Non',
          activity.nir.legalGround ? ruleListLabel(NIR_LEGAL_GROUNDS, activity.nir.legalGround) : '',
          activity.nir.reference,
        )
      : '',
    recipients: lines(activity.recipients.map((r) => item(r.name, r.type))),
    transfers: lines(
      activity.transfers.map((t) =>
        item(
          t.recipient,
          t.internationalOrganisation
            ? `${INTERNATIONAL_ORGANISATION}${t.country ? ` (${t.country})` : ''}`
            : t.country,
          t.safeguard ? ruleListLabel(TRANSFER_SAFEGUARDS, t.safeguard) : '',
          t.derogation ? ruleListLabel(TRANSFER_DEROGATIONS, t.derogation) : '',
          t.safeguardDetail,
        ),
      ),
    ),
    securityMeasures: lines(activity.securityMeasures),
    dpiaCriteria: lines(activity.dpiaCriteria.map((c) => labelOf(WP248_LABELS, c))),
    cnilListItems: lines(activity.cnilListItems.map((c) => labelOf(CNIL_LIST_LABELS, c))),
    art35Cases: lines(activity.art35Cases.map((c) => labelOf(ART35_LABELS, c))),
    cnilExemptionItem: activity.cnilExemptionItem
      ? labelOf(CNIL_EXEMPTION_SHORT_LABELS, activity.cnilExemptionItem)
      : '',
    reviewDate: activity.reviewDate ? formatShortDateFr(`${activity.reviewDate}T12:00:00Z`) : '',
    dpiaRequired: dpiaOf(activity).required ? 'Oui' : 'Non',
    version: activity.version,
  };
}

/**
 * A CSV cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`…) gets a leading apostrophe, which
 * Excel shows as text (CSV injection); the import removes it again.
 */
export function neutraliseFormula(value: string | number): string | number {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function restoreFormulaText(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
