import { Breach } from './breach.entity';
import { isBreachOverdue } from './breach-rules';

/** A breach as its member's roles see it. */
export type BreachView = Omit<Breach, 'createdBy' | 'updatedBy'> & {
  /** Not notified to the CNIL, still being handled, and past its 72-hour deadline. */
  overdue: boolean;
};

export function breachView(breach: Breach, now = new Date()): BreachView {
  const { createdBy: _createdBy, updatedBy: _updatedBy, ...fields } = breach;
  return { ...fields, overdue: isBreachOverdue(breach, now) };
}

/** The SQL twin of {@link isBreachOverdue}, for `?overdue=true` (parameter `:now`). */
export const OVERDUE_BREACH_SQL = (alias: string) =>
  `${alias}.status IN ('to-assess', 'assessed') AND ${alias}.cnil_notified_at IS NULL AND ${alias}.notification_deadline < :now`;
