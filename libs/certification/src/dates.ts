/** Today's date in Paris (`YYYY-MM-DD`): due dates and expiry dates are calendar dates of the operator. */
export { todayInParis } from '@vigie/core';

/** `YYYY-MM-DD` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

/** Days during which evidence is reported as "expiring soon". */
export const EXPIRY_WARNING_DAYS = 30;
