import { REQUIREMENT_STATUSES, RequirementStatus } from './requirement-assessment.entity';

/** Most points answered: the latest days of change (about a year of daily work). */
export const PROGRESS_HISTORY_LIMIT = 366;

/** The progress of an assessment at the end of one day (Paris). */
export interface ProgressPoint {
  /** `YYYY-MM-DD`, Paris. */
  date: string;
  total: number;
  applicable: number;
  byStatus: Record<RequirementStatus, number>;
  /** Implemented among applicable (0 to 1), null when nothing applies. */
  implementedShare: number | null;
  /** Status changes recorded that day. */
  changes: number;
}

export interface ProgressHistoryView {
  assessmentId: string;
  /** The day the assessment was opened (Paris). */
  openedOn: string;
  asOf: string;
  /** Oldest first: the opening day, each day a status changed, and today. */
  points: ProgressPoint[];
  /** Whether older days were left out (more than {@link PROGRESS_HISTORY_LIMIT} points). */
  truncated: boolean;
}

/** One status change of a requirement assessment, as the audit trail recorded it. */
export interface StatusChange {
  requirementAssessmentId: string;
  /** `YYYY-MM-DD`, Paris. */
  day: string;
  before: RequirementStatus;
}

function pointOf(date: string, statuses: Map<string, RequirementStatus>, changes: number): ProgressPoint {
  const byStatus = Object.fromEntries(REQUIREMENT_STATUSES.map((s) => [s, 0])) as Record<
    RequirementStatus,
    number
  >;
  for (const status of statuses.values()) byStatus[status] += 1;
  const total = statuses.size;
  const applicable = total - byStatus['not-applicable'];
  return {
    date,
    total,
    applicable,
    byStatus,
    implementedShare: applicable > 0 ? byStatus.implemented / applicable : null,
    changes,
  };
}

/**
 * Replays the status changes backwards from the current statuses: the state at the end of a day is the
 * current state with every later change undone. Rows changed without an audit event (demo data) keep their
 * current status throughout, so the last point always equals the current progress.
 *
 * @param current the current status of each requirement assessment
 * @param changes the status changes, newest first
 */
export function progressHistory(
  current: Map<string, RequirementStatus>,
  changes: StatusChange[],
  openedOn: string,
  today: string,
): { points: ProgressPoint[]; truncated: boolean } {
  const statuses = new Map(current);
  const points: ProgressPoint[] = [];
  let index = 0;
  if (changes[0]?.day !== today) points.push(pointOf(today, statuses, 0));
  while (index < changes.length) {
    const day = changes[index].day;
    let count = 0;
    const undo: StatusChange[] = [];
    while (index < changes.length && changes[index].day === day) {
      undo.push(changes[index]);
      count += 1;
      index += 1;
    }
    points.push(pointOf(day, statuses, count));
    for (const change of undo) {
      if (statuses.has(change.requirementAssessmentId))
        statuses.set(change.requirementAssessmentId, change.before);
    }
  }
  if (points[points.length - 1].date > openedOn) points.push(pointOf(openedOn, statuses, 0));
  const truncated = points.length > PROGRESS_HISTORY_LIMIT;
  return { points: points.slice(0, PROGRESS_HISTORY_LIMIT).reverse(), truncated };
}
