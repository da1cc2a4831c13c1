import {
  DATA_CATEGORY_LABELS_FR,
  DATA_SUBJECT_LABELS_FR,
} from '../../../libs/reference-data/src/gdpr-labels';
import { GDPR } from '../../../libs/reference-data/src/gdpr';
import {
  ART10_CONDITION,
  ART35_LABELS,
  ART9_CONDITIONS,
  CNIL_LIST_LABELS,
  CONDITION_LABELS,
  CRIMINAL_DATA,
  SPECIAL_CATEGORIES as SPECIAL_CATEGORY_KEYS,
  SPECIAL_CATEGORY_LABELS,
  WP248_LABELS,
} from '../../../libs/register/src/data/register-labels';

/** French labels of the register's keys, from the same reference data as the API and its PDFs. */
export const LEGAL_BASES: { key: string; label: string }[] = GDPR.legalBases.map((basis) => ({
  key: basis.key,
  label: `${basis.fr ?? basis.key} (art. ${basis.code})`,
}));
export const FINAL_FATES: { key: string; label: string }[] = GDPR.retentionFinalFate.map((fate) => ({
  key: fate.key,
  label: fate.fr ?? fate.key,
}));
export const DATA_CATEGORIES = Object.entries(DATA_CATEGORY_LABELS_FR).map(([key, label]) => ({
  key,
  label,
}));
export const DATA_SUBJECTS = Object.entries(DATA_SUBJECT_LABELS_FR).map(([key, label]) => ({ key, label }));

const byKey = (list: { key: string; label: string }[]) =>
  Object.fromEntries(list.map((i) => [i.key, i.label]));
const LEGAL_BASIS_LABELS = byKey(LEGAL_BASES);
const FINAL_FATE_LABELS = byKey(FINAL_FATES);

export const legalBasisLabel = (key: string): string => LEGAL_BASIS_LABELS[key] ?? key;
export const finalFateLabel = (key: string): string => FINAL_FATE_LABELS[key] ?? key;
export const dataCategoryLabel = (key: string): string => DATA_CATEGORY_LABELS_FR[key] ?? key;
export const specialCategoryLabel = (key: string): string => SPECIAL_CATEGORY_LABELS[key] ?? key;
export const conditionLabel = (key: string): string =>
  CONDITION_LABELS[key] ? `${CONDITION_LABELS[key]} (art. ${key})` : key;
export const dataSubjectLabel = (key: string): string => DATA_SUBJECT_LABELS_FR[key] ?? key;

export const STATUS_LABELS: Record<string, string> = {
  draft: 'Brouillon',
  validated: 'Validé',
  archived: 'Archivé',
};

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrateur',
  'security-officer': 'RSSI',
  auditor: 'Auditeur',
  dpo: 'DPO',
  editor: 'Référent',
  reader: 'Lecteur',
  'vendor-contact': 'Contact fournisseur',
};

const entries = (labels: Record<string, string>) =>
  Object.entries(labels).map(([key, label]) => ({ key, label }));
export const SPECIAL_CATEGORIES = SPECIAL_CATEGORY_KEYS.map((key) => ({
  key,
  label: SPECIAL_CATEGORY_LABELS[key] ?? key,
}));
/** The conditions that may lift the prohibition for a category: Art. 10 for criminal data, Art. 9.2 otherwise. */
export function conditionsFor(category: string): { key: string; label: string }[] {
  const keys = category === CRIMINAL_DATA ? [ART10_CONDITION] : ART9_CONDITIONS;
  return keys.map((key) => ({ key, label: `${CONDITION_LABELS[key] ?? key} (art. ${key})` }));
}
export const WP248_CRITERIA = entries(WP248_LABELS);
export const CNIL_LIST = entries(CNIL_LIST_LABELS);
export const ART35_CASES = entries(ART35_LABELS);
