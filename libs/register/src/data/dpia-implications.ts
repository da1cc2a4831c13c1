/**
 * What an entry implies for the DPIA screening, kept as data so that a DPO can read and amend the rules.
 * Keys of data subjects are those of `GDPR.dataSubjectExamples`.
 */

/** Any of these special categories implies the WP248 criterion "sensitive data". */
export const SENSITIVE_DATA_CRITERION = 'sensitive-data';

/** Data subjects that imply the WP248 criterion "vulnerable data subjects". */
export const VULNERABLE_SUBJECTS: Record<string, string> = {
  children: 'enfants',
  pupils: 'élèves (mineurs)',
  patients: 'patients',
  'social-aid-beneficiaries': "bénéficiaires d'aides sociales",
  'housing-applicants': 'demandeurs de logement',
};
export const VULNERABLE_SUBJECTS_CRITERION = 'vulnerable-subjects';

/**
 * Data subjects whose presence means the processing is a type of the CNIL list (deliberation 2018-327):
 * housing applicants are the instruction of social-housing applications, social-aid beneficiaries the social
 * support of people.
 */
export const CNIL_ITEMS_BY_SUBJECT: Record<string, string> = {
  'housing-applicants': 'social-housing',
  'social-aid-beneficiaries': 'social-support',
};

/** The Art. 35.3 case implied by large-scale processing of special categories or criminal data (not the NIR). */
export const LARGE_SCALE_CRITERION = 'large-scale';
export const LARGE_SCALE_SPECIAL_CASE = 'large-scale-special-categories';
export const NOT_ART9_OR_10 = ['nir'];
