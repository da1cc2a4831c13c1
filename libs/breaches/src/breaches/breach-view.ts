import { Breach } from './breach.entity';
import { isBreachOverdue } from './breach-rules';

/** A breach as its member's roles see it. */
export type BreachView = Omit<Breach, 'createdBy' | 'updatedBy'> & {
  /** Not notified to the CNIL, still being handled, and past its 72-hour deadline. */
  overdue: boolean;
  /**
   * For a breach received from the processor: minutes from the processor's awareness of the incident
   * (`processorAwareAt`) to its notification of the member (`processorNotifiedAt`), Art. 33.2 ("without undue
   * delay"); null otherwise.
   */
  processorDelayMinutes: number | null;
};

/** Minutes between the processor's awareness and its notification of the member, when both are known. */
export function processorDelayMinutes(
  breach: Pick<Breach, 'processorAwareAt' | 'processorNotifiedAt'>,
): number | null {
  if (!breach.processorAwareAt || !breach.processorNotifiedAt) return null;
  return Math.round((breach.processorNotifiedAt.getTime() - breach.processorAwareAt.getTime()) / 60_000);
}

export function breachView(breach: Breach, now = new Date()): BreachView {
  const { createdBy: _createdBy, updatedBy: _updatedBy, ...fields } = breach;
  return {
    ...fields,
    overdue: isBreachOverdue(breach, now),
    processorDelayMinutes: processorDelayMinutes(breach),
  };
}

/** The SQL twin of {@link isBreachOverdue}, for `?overdue=true` (parameter `:now`). */
export const OVERDUE_BREACH_SQL = (alias: string) =>
  `${alias}.status IN ('to-assess', 'assessed') AND ${alias}.cnil_notified_at IS NULL AND ${alias}.notification_deadline < :now`;
