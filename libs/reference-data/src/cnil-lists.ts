import data from '../data/cnil-2019-118.json';

/** What rules an item of the CNIL list out for an entry: its own wording excludes these facts. */
export type ExemptionExclusion = 'profiling' | 'special-categories' | 'biometric';

/** One type of processing for which the CNIL does not require a DPIA (Art. 35.5 GDPR). */
export interface CnilExemptionItem {
  /** Its number in the deliberation's list. */
  item: number;
  /** Its wording in the deliberation. */
  wording: string;
  /** A short French title, for lists and spreadsheets. */
  short: string;
  excludes: ExemptionExclusion[];
}

/** The CNIL list of processing types that do not require a DPIA (délibération n° 2019-118). */
export const CNIL_DPIA_NOT_REQUIRED = data as unknown as {
  source: string;
  reference: string;
  items: CnilExemptionItem[];
};
