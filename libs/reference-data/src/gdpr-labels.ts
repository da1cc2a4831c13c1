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
};
