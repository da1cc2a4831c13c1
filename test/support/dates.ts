import { parisDay } from '@vigie/core';

/**
 * The calendar date `offsetDays` from today in Paris (`YYYY-MM-DD`): the day the server checks dates
 * against. Today in UTC is yesterday in Paris from 23:00 (22:00 in summer) to midnight UTC.
 */
export function parisIsoDate(offsetDays: number): string {
  const [year, month, day] = parisDay().split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + offsetDays)).toISOString().slice(0, 10);
}
