/**
 * What an entry implies for the DPIA screening, kept as data so that a DPO can read and amend the rules.
 * Keys of data subjects are those of `GDPR.dataSubjectExamples`, keys of data categories those of
 * `GDPR.dataCategories`, special categories those of the register.
 */

/** WP248 criterion 4, "sensitive data or data of a highly personal nature". */
export const SENSITIVE_DATA_CRITERION = 'sensitive-data';

/**
 * Data categories that are of a highly personal nature (WP248 criterion 4, as the CNIL reads it): location,
 * financial situation, social situation; `nir` and `biometric` when written as data categories.
 */
export const SENSITIVE_DATA_CATEGORIES: Record<string, string> = {
  location: 'données de localisation',
  'economic-financial': "informations d'ordre économique et financier",
  'social-situation': 'situation sociale',
  nir: 'NIR (numéro de sécurité sociale)',
  biometric: 'données biométriques',
};

/** WP248 criterion 7, "data concerning vulnerable data subjects", and the data subjects that imply it. */
export const VULNERABLE_SUBJECTS_CRITERION = 'vulnerable-subjects';
export const VULNERABLE_SUBJECTS: Record<string, string> = {
  staff: 'agents et salariés (lien de subordination)',
  children: 'enfants',
  pupils: 'élèves (mineurs)',
  elderly: 'personnes âgées',
  'people-with-disabilities': 'personnes en situation de handicap',
  patients: 'patients',
  'protected-adults': 'majeurs protégés',
  'asylum-seekers': "demandeurs d'asile",
  'social-aid-beneficiaries': "bénéficiaires d'aides sociales",
  'housing-applicants': 'demandeurs de logement',
};

/** Data subjects who are the employer's own staff (for the CNIL item on the monitoring of employees). */
export const EMPLOYEES = ['staff'];

/** Data subjects of a public area (Art. 35.3.c). */
export const PUBLIC_AREA_SUBJECTS: Record<string, string> = {
  'passers-by': "passants et usagers de l'espace public",
};

/** Data subjects of a whistleblowing scheme (CNIL item `whistleblowing`). */
export const WHISTLEBLOWING_SUBJECTS: Record<string, string> = {
  whistleblowers: "lanceurs d'alerte",
  'reported-persons': 'personnes visées par un signalement',
};

/** Data subjects whose social or medico-social support a processing of their social situation is. */
export const SOCIAL_SUPPORT_SUBJECTS = [
  'social-aid-beneficiaries',
  'elderly',
  'people-with-disabilities',
  'protected-adults',
  'asylum-seekers',
];

/** Special categories that are biometric data. */
export const BIOMETRIC_SPECIAL_CATEGORIES = ['biometric-for-identification'];
export const BIOMETRIC_DATA_CATEGORIES = ['biometric'];
export const HEALTH_SPECIAL_CATEGORY = 'health';
export const LOCATION_DATA_CATEGORY = 'location';
export const SOCIAL_SITUATION_DATA_CATEGORY = 'social-situation';

/** The CNIL list items (deliberation 2018-327) the facts lead to. */
export const CNIL_ITEM = {
  socialHousing: 'social-housing',
  socialSupport: 'social-support',
  healthCare: 'health-care-institutions',
  employeeMonitoring: 'employee-monitoring',
  whistleblowing: 'whistleblowing',
  biometricVulnerable: 'biometric-vulnerable',
  largeScaleLocation: 'large-scale-location',
  hrProfiling: 'hr-profiling',
} as const;

/** WP248 criteria the deductions read. */
export const LARGE_SCALE_CRITERION = 'large-scale';
export const SYSTEMATIC_MONITORING_CRITERION = 'systematic-monitoring';
export const EVALUATION_CRITERION = 'evaluation-scoring';
export const AUTOMATED_DECISION_CRITERION = 'automated-decision';

/** The Art. 35.3 cases (keys of `ART35_CASES`). */
export const ART35_A = 'systematic-evaluation';
export const LARGE_SCALE_SPECIAL_CASE = 'large-scale-special-categories';
export const ART35_C = 'public-area-monitoring';

/** Special categories of the register that are neither Art. 9 nor Art. 10 data. */
export const NOT_ART9_OR_10 = ['nir'];
