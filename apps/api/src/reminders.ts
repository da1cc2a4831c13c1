import type { ReminderScanner } from '@vigie/notifications';

/**
 * The time-driven notices of every capability (due dates, deadlines, expiries), run by the hourly job and by
 * `npm run cli -- notifications:run`.
 */
export const REMINDER_SCANNERS: readonly ReminderScanner[] = [];
