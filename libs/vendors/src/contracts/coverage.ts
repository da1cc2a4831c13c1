import { ClauseFamily, clauseDefinition } from './clause-catalog';
import type { ClauseStatus } from './contract.entity';

export interface ClauseGap {
  key: string;
  family: ClauseFamily;
  ref: string | null;
  label: string;
  status: 'missing' | 'partial';
}

/** How well a contract covers its checklist. */
export interface Coverage {
  /** 0 to 100 (one decimal), null when every clause is not applicable. */
  score: number | null;
  present: number;
  partial: number;
  missing: number;
  notApplicable: number;
  /** Missing and partial clauses, in checklist order. */
  gaps: ClauseGap[];
}

/**
 * Coverage of a checklist: score = 100 × (present + ½ partial) / (clauses − not applicable). A partial clause
 * counts half; a clause not applicable to the contract is left out.
 */
export function coverageOf(clauses: { key: string; status: ClauseStatus }[]): Coverage {
  const count = (status: ClauseStatus) => clauses.filter((clause) => clause.status === status).length;
  const present = count('present');
  const partial = count('partial');
  const missing = count('missing');
  const notApplicable = count('not-applicable');
  const applicable = clauses.length - notApplicable;
  const gaps = clauses
    .filter((clause) => clause.status === 'missing' || clause.status === 'partial')
    .map((clause) => {
      const definition = clauseDefinition(clause.key);
      return {
        key: clause.key,
        family: definition?.family ?? 'vendor-security',
        ref: definition?.ref ?? null,
        label: definition?.label ?? clause.key,
        status: clause.status as 'missing' | 'partial',
      };
    });
  return {
    score: applicable === 0 ? null : Math.round((1000 * (present + partial / 2)) / applicable) / 10,
    present,
    partial,
    missing,
    notApplicable,
    gaps,
  };
}
