import data from '../data/hds-v2.json';

export interface HdsActivity {
  number: number;
  family: string;
  label: string;
}

export interface HdsRequirement {
  id: string;
  chapter: string;
  anchor: string | null;
  summary: string;
}

/** HDS v2 certification referential: the 6 hosting activities and requirements EXI 01 to 31. */
export const HDS_V2 = data as unknown as {
  referential: string;
  activities: HdsActivity[];
  requirements: HdsRequirement[];
};
