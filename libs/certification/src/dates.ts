/** Today's date in Paris (`YYYY-MM-DD`): due dates and expiry dates are calendar dates of the operator. */
export { todayInParis } from '@vigie/core';

/** `YYYY-MM-DD` plus `days` calendar days (core's calendar). */
export { addCalendarDays as addDays } from '@vigie/core';

/** Days during which evidence is reported as "expiring soon". */
export const EXPIRY_WARNING_DAYS = 30;
