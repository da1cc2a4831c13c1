import { GDPR } from './gdpr';

/**
 * French labels of the GDPR vocabulary shared by the register, the breach register and their documents, as a
 * French DPO and the CNIL word them.
 */
export const DATA_CATEGORY_LABELS_FR: Record<string, string> = Object.fromEntries(
  GDPR.dataCategories.map((category) => [category.key, category.fr ?? category.key]),
);

/** Art. 9 special categories, Art. 10 criminal data, and the French NIR. */
export const SPECIAL_CATEGORY_LABELS_FR: Record<string, string> = {
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

/** Categories of data subjects of the reference list. */
export const DATA_SUBJECT_LABELS_FR: Record<string, string> = {
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
  elderly: 'Personnes âgées',
  'people-with-disabilities': 'Personnes en situation de handicap',
  'protected-adults': 'Majeurs protégés (tutelle, curatelle)',
  'asylum-seekers': "Demandeurs d'asile",
  whistleblowers: "Lanceurs d'alerte et auteurs de signalements",
  'reported-persons': 'Personnes visées par un signalement',
  'passers-by': "Passants et usagers de l'espace public",
};

/** Other French names under which DPOs write some data subjects (read as the key, never shown). */
export const DATA_SUBJECT_ALIASES_FR: Record<string, string[]> = {
  staff: ['Agents et salariés', 'Salariés', 'Employés', 'Personnel', 'Agents publics', 'Fonctionnaires'],
  children: ['Mineurs'],
  elderly: ['Seniors', 'Personnes âgées dépendantes'],
  'people-with-disabilities': ['Personnes handicapées'],
  'protected-adults': ['Majeurs protégés', 'Personnes sous tutelle', 'Personnes sous curatelle'],
  'housing-applicants': ['Demandeurs de logement social'],
  'social-aid-beneficiaries': ["Bénéficiaires de l'aide sociale", 'Bénéficiaires du RSA'],
  whistleblowers: ["Lanceurs d'alerte"],
};

/** Data-subject rights (Art. 7.3, 15 to 22 GDPR). */
export const RIGHT_LABELS_FR: Record<string, string> = {
  access: "Droit d'accès (art. 15)",
  rectification: 'Droit de rectification (art. 16)',
  erasure: "Droit à l'effacement (art. 17)",
  restriction: 'Droit à la limitation du traitement (art. 18)',
  portability: 'Droit à la portabilité (art. 20)',
  objection: "Droit d'opposition (art. 21)",
  'automated-decision': 'Droit de ne pas faire l’objet d’une décision entièrement automatisée (art. 22)',
  'consent-withdrawal': 'Retrait du consentement (art. 7.3)',
};

/** Natures of a personal-data breach (Art. 4.12 GDPR, as the CNIL's notification form words them). */
export const BREACH_NATURE_LABELS_FR: Record<string, string> = {
  confidentiality: 'Perte de confidentialité',
  integrity: "Perte d'intégrité",
  availability: 'Perte de disponibilité',
};
