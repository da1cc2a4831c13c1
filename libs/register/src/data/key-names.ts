import { DATA_SUBJECT_ALIASES_FR } from '@vigie/reference-data';
import { namesOf } from './label-keys';
import {
  ART35_LABELS,
  CNIL_EXEMPTION_LABELS,
  CNIL_EXEMPTION_SHORT_LABELS,
  CNIL_LIST_LABELS,
  CONDITION_LABELS,
  DATA_CATEGORY_LABELS,
  DATA_SUBJECT_LABELS,
  FINAL_FATE_LABELS,
  GDPR_LEGAL_BASIS_NAMES,
  LEGAL_BASIS_LABELS,
  SPECIAL_CATEGORY_LABELS,
  WP248_LABELS,
} from './register-labels';

/** The art. 6.1 code of each legal basis ("6.1.e"), as its labels carry it. */
const LEGAL_BASIS_CODES: Record<string, string> = Object.fromEntries(
  Object.entries(LEGAL_BASIS_LABELS).map(([key, label]) => [key, /art\. ([0-9.a-f]+)\)/.exec(label)?.[1] ?? key]),
);

/** Short names of the special categories, as DPOs type them (« Santé », « Biométrie »). */
const SPECIAL_CATEGORY_ALIASES: Record<string, string[]> = {
  health: ['Santé', 'Données médicales'],
  'biometric-for-identification': ['Biométrie', 'Données biométriques'],
  genetic: ['Génétique'],
  'political-opinions': ['Opinions politiques'],
  'religious-or-philosophical-beliefs': ['Religion', 'Convictions religieuses'],
  'trade-union-membership': ['Appartenance syndicale', 'Syndicat'],
  'racial-or-ethnic-origin': ['Origine ethnique', 'Origine raciale'],
  'sex-life-or-orientation': ['Orientation sexuelle', 'Vie sexuelle'],
  'criminal-convictions-and-offences': [
    'Condamnations pénales',
    'Infractions',
    'Données pénales',
    "Données d'infraction",
  ],
  nir: ['NIR', 'Numéro de sécurité sociale'],
};

/** Short names of the data categories of the reference list (« Localisation », « Situation financière »). */
const DATA_CATEGORY_ALIASES: Record<string, string[]> = {
  identity: ['Identité', 'État civil'],
  'personal-life': ['Vie personnelle'],
  'professional-life': ['Vie professionnelle'],
  'economic-financial': ['Situation financière', 'Informations économiques et financières', 'Données bancaires'],
  connection: ['Données de connexion'],
  location: ['Localisation', 'Données de localisation', 'Géolocalisation'],
  internet: ['Données internet'],
  'social-situation': ['Situation sociale'],
};

const EXEMPTION_NUMBERS: Record<string, string[]> = Object.fromEntries(
  Object.keys(CNIL_EXEMPTION_LABELS).map((key) => [key, [`Item ${key}`, `Item n° ${key}`, `n° ${key}`]]),
);

/**
 * For each field that takes keys, every name its values may be written under: the key, its French label(s)
 * and the usual short names.
 */
export const KEY_NAMES = {
  legalBasis: namesOf([GDPR_LEGAL_BASIS_NAMES, LEGAL_BASIS_LABELS, LEGAL_BASIS_CODES]),
  dataSubjects: namesOf([DATA_SUBJECT_LABELS], DATA_SUBJECT_ALIASES_FR),
  dataCategory: namesOf([DATA_CATEGORY_LABELS], DATA_CATEGORY_ALIASES),
  finalFate: namesOf([FINAL_FATE_LABELS]),
  specialCategory: namesOf([SPECIAL_CATEGORY_LABELS], SPECIAL_CATEGORY_ALIASES),
  condition: namesOf([CONDITION_LABELS]),
  dpiaCriteria: namesOf([WP248_LABELS]),
  cnilListItems: namesOf([CNIL_LIST_LABELS]),
  art35Cases: namesOf([ART35_LABELS]),
  cnilExemptionItem: namesOf([CNIL_EXEMPTION_LABELS, CNIL_EXEMPTION_SHORT_LABELS], EXEMPTION_NUMBERS),
};
