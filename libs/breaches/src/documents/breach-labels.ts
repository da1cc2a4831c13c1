import { GDPR } from '@vigie/reference-data';

/** French labels of the breach register, as a French DPO and the CNIL word them. */
export const BREACH_STATUS_LABELS: Record<string, string> = {
  'to-assess': 'À évaluer',
  assessed: 'Évaluée',
  notified: 'Notifiée à la CNIL',
  'not-notifiable': 'Non notifiable',
  closed: 'Clôturée',
};

export const NATURE_LABELS: Record<string, string> = {
  confidentiality: 'Perte de confidentialité',
  integrity: "Perte d'intégrité",
  availability: 'Perte de disponibilité',
};

export const RISK_LABELS: Record<string, string> = {
  none: 'Risque improbable pour les droits et libertés des personnes',
  risk: 'Risque pour les droits et libertés des personnes',
  'high-risk': 'Risque élevé pour les droits et libertés des personnes',
};

export const WAIVER_LABELS: Record<string, string> = {
  '34.3.a': 'Art. 34.3.a : données rendues incompréhensibles pour toute personne non autorisée (chiffrement)',
  '34.3.b':
    "Art. 34.3.b : mesures ultérieures garantissant que le risque élevé n'est plus susceptible de se matérialiser",
  '34.3.c': 'Art. 34.3.c : efforts disproportionnés, communication publique à la place',
};

const SPECIAL_CATEGORY_LABELS: Record<string, string> = {
  'racial-or-ethnic-origin': 'Origine raciale ou ethnique',
  'political-opinions': 'Opinions politiques',
  'religious-or-philosophical-beliefs': 'Convictions religieuses ou philosophiques',
  'trade-union-membership': 'Appartenance syndicale',
  genetic: 'Données génétiques',
  'biometric-for-identification': "Données biométriques aux fins d'identification",
  health: 'Données de santé',
  'sex-life-or-orientation': 'Vie sexuelle ou orientation sexuelle',
  'criminal-convictions-and-offences': 'Condamnations pénales et infractions',
  nir: "Numéro d'inscription au répertoire (NIR)",
};

/** Data categories: the GDPR reference's French labels, the special categories, else the text as typed. */
export const DATA_CATEGORY_LABELS: Record<string, string> = {
  ...Object.fromEntries(GDPR.dataCategories.map((c) => [c.key, c.fr ?? c.key])),
  ...SPECIAL_CATEGORY_LABELS,
};

export const SUBJECT_CATEGORY_LABELS: Record<string, string> = {
  residents: 'Habitants',
  'service-users': 'Usagers',
  children: 'Enfants',
  parents: 'Parents',
  pupils: 'Élèves',
  patients: 'Patients',
  tenants: 'Locataires',
  'housing-applicants': 'Demandeurs de logement',
  'social-aid-beneficiaries': "Bénéficiaires d'aides sociales",
  electors: 'Électeurs',
  staff: 'Agents',
  'applicants-for-jobs': "Candidats à l'emploi",
  'elected-officials': 'Élus',
  'suppliers-contacts': 'Contacts des fournisseurs',
  'vendor-staff': 'Personnel des éditeurs',
};

export function labelOf(labels: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '—';
  return labels[key] ?? key;
}
