import data from '../data/siim94.json';

export interface ReferenceMember {
  shortName: string;
  name: string;
  kind: string;
}

export interface ReferenceApplication {
  name: string;
  domain: string;
  purpose: string;
  usedBy: string[];
  facts?: string;
}

/** The operator's real members and applications (2017 activity report), used for demo data and tests. */
export const SIIM94 = data as {
  operator: { shortName: string; name: string; city: string };
  members: ReferenceMember[];
  domains: string[];
  applications: ReferenceApplication[];
};
