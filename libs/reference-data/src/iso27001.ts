import annexA from '../data/iso27001-2022-annexA.json';
import clauses from '../data/iso27001-2022-clauses.json';
import french from '../data/iso27001-2022-fr.json';
import { frenchOf } from './french';

export interface IsoClause {
  id: string;
  /** English title (reference). */
  title: string;
  /** French title written for Vigie (a paraphrase, not the text of the French edition). */
  titleFr: string;
  parent: string | null;
}

export interface IsoControl {
  id: string;
  /** English theme (reference): `Organizational controls`, `People controls`… */
  theme: string;
  themeFr: string;
  /** English title (reference). */
  title: string;
  /** French title written for Vigie (a paraphrase, not the text of the French edition). */
  titleFr: string;
}

/** French names of the four Annex A themes, keyed by their English name. */
export const ISO27001_THEMES_FR: Readonly<Record<string, string>> = french.themes;

/** ISO/IEC 27001:2022 clauses 4 to 10 with their sub-clauses. */
export const ISO27001_CLAUSES: IsoClause[] = (clauses as Omit<IsoClause, 'titleFr'>[]).map((clause) => ({
  ...clause,
  titleFr: frenchOf(french.clauses, clause.id, 'ISO/IEC 27001 clause'),
}));

/** ISO/IEC 27001:2022 Annex A: the 93 controls in their four themes. */
export const ISO27001_ANNEX_A: IsoControl[] = (annexA as Omit<IsoControl, 'titleFr' | 'themeFr'>[]).map(
  (control) => ({
    ...control,
    themeFr: frenchOf(french.themes, control.theme, 'ISO/IEC 27001 theme'),
    titleFr: frenchOf(french.controls, control.id, 'ISO/IEC 27001 control'),
  }),
);
