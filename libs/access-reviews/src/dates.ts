/** A moment's calendar date in Paris (`YYYY-MM-DD`): due dates are calendar dates of the operator. */
export { parisDay } from '@vigie/core';

/** `YYYY-MM-DD` plus `days` calendar days, and plus `months` months (the day clamped to a shorter month's end). */
export { addCalendarDays as addDays, addCalendarMonths as addMonths } from '@vigie/core';

/** Whether `YYYY-MM-DD` names a day of the calendar. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
