import data from '../data/hds-v2.json';
import french from '../data/hds-v2-fr.json';
import { frenchOf } from './french';

export interface HdsActivity {
  number: number;
  family: string;
  /** English label (reference). */
  label: string;
  /** As article R.1111-9 of the Code de la santé publique words it. */
  labelFr: string;
}

export interface HdsRequirement {
  id: string;
  /** English chapter (reference): `5. ISMS extensions`… */
  chapter: string;
  chapterFr: string;
  anchor: string | null;
  /** English summary (reference). */
  summary: string;
  /** French summary written for Vigie (a paraphrase, not the official text). */
  summaryFr: string;
}

type Raw = {
  referential: string;
  activities: Omit<HdsActivity, 'labelFr'>[];
  requirements: Omit<HdsRequirement, 'summaryFr' | 'chapterFr'>[];
};
const raw = data as unknown as Raw;

/** HDS v2 certification referential: the 6 hosting activities and requirements EXI 01 to 31. */
export const HDS_V2: { referential: string; activities: HdsActivity[]; requirements: HdsRequirement[] } = {
  referential: raw.referential,
  activities: raw.activities.map((activity) => ({
    ...activity,
    labelFr: frenchOf(french.activities, activity.number, 'HDS activity'),
  })),
  requirements: raw.requirements.map((requirement) => ({
    ...requirement,
    chapterFr: frenchOf(french.chapters, requirement.chapter, 'HDS chapter'),
    summaryFr: frenchOf(french.requirements, requirement.id, 'HDS requirement'),
  })),
};
