import { ClauseFamily, clauseDefinition, isArt28Clause } from './clause-catalog';
import type { ClauseStatus } from './contract.entity';

export interface ClauseGap {
  key: string;
  family: ClauseFamily;
  ref: string | null;
  label: string;
  status: 'missing' | 'partial';
}

/** An Art. 28.3 clause the contract does not hold in full. */
export interface NonCompliance extends Omit<ClauseGap, 'status'> {
  status: 'missing' | 'partial' | 'not-applicable';
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
  /**
   * The Art. 28.3 clauses the contract lacks (missing), states only in part (partial) or that were set aside
   * (not applicable, recorded before the rule): each one makes the contract non-compliant with Art. 28.3
   * whatever its score, since the article requires every one of them in any processor contract.
   */
  nonCompliances: NonCompliance[];
  /** Whether the contract holds every Art. 28.3 clause (no non-compliance). */
  art28Compliant: boolean;
}

/**
 * Coverage of a checklist: score = 100 × (present + ½ partial) / (clauses − not applicable). A partial clause
 * counts half; a clause not applicable to the contract is left out. Apart from the score, an Art. 28.3 clause
 * missing or partial is a non-compliance: a high score never hides it.
 */
export function coverageOf(clauses: { key: string; status: ClauseStatus }[]): Coverage {
  const count = (status: ClauseStatus) => clauses.filter((clause) => clause.status === status).length;
  const present = count('present');
  const partial = count('partial');
  const missing = count('missing');
  const notApplicable = count('not-applicable');
  const applicable = clauses.length - notApplicable;
  const describe = (clause: { key: string; status: ClauseStatus }) => {
    const definition = clauseDefinition(clause.key);
    return {
      key: clause.key,
      family: definition?.family ?? ('vendor-security' as const),
      ref: definition?.ref ?? null,
      label: definition?.label ?? clause.key,
    };
  };
  const gaps = clauses
    .filter((clause) => clause.status === 'missing' || clause.status === 'partial')
    .map((clause) => ({ ...describe(clause), status: clause.status as ClauseGap['status'] }));
  const nonCompliances = clauses
    .filter((clause) => clause.status !== 'present' && isArt28Clause(clause.key))
    .map((clause) => ({ ...describe(clause), status: clause.status as NonCompliance['status'] }));
  return {
    score: applicable === 0 ? null : Math.round((1000 * (present + partial / 2)) / applicable) / 10,
    present,
    partial,
    missing,
    notApplicable,
    gaps,
    nonCompliances,
    art28Compliant: nonCompliances.length === 0,
  };
}
