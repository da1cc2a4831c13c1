import annexA from '../data/iso27001-2022-annexA.json';
import clauses from '../data/iso27001-2022-clauses.json';

export interface IsoClause {
  id: string;
  title: string;
  parent: string | null;
}

export interface IsoControl {
  id: string;
  theme: string;
  title: string;
}

/** ISO/IEC 27001:2022 clauses 4 to 10 with their sub-clauses. */
export const ISO27001_CLAUSES = clauses as IsoClause[];
/** ISO/IEC 27001:2022 Annex A: the 93 controls in their four themes. */
export const ISO27001_ANNEX_A = annexA as IsoControl[];
