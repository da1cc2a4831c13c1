import data from '../data/gdpr.json';

export interface KeyedLabel {
  key: string;
  fr?: string;
  en?: string;
}

/** GDPR facts a register needs: legal bases, special categories, DPIA criteria, clauses, deadlines. */
export const GDPR = data as unknown as {
  legalBases: (KeyedLabel & { code: string })[];
  specialCategories: {
    art9: string[];
    art9Conditions: { code: string; en: string; fr?: string }[];
    art10: string;
    frenchHighlySensitive: unknown[];
  };
  dataCategories: KeyedLabel[];
  dataSubjectExamples: string[];
  retentionFinalFate: KeyedLabel[];
  dpiaCriteriaWP248: { rule: string; criteria: KeyedLabel[] };
  art35_3Cases: string[];
  cnilDpiaRequiredList: { source: string; items: KeyedLabel[] };
  art28_3ProcessorClauses: (KeyedLabel & { ref: string })[];
  vendorSecurityClauses: KeyedLabel[];
  deadlines: {
    breachToAuthorityHours: number;
    rightsRequestMonths: number;
    rightsRequestExtensionMonths: number;
  };
  rights: { key: string; art: string }[];
};
