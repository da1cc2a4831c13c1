import { accessReviewReminders } from '@vigie/access-reviews';
import { breachReminders, rightsRequestReminders } from '@vigie/breaches';
import { evidenceReminders } from '@vigie/certification';
import { membershipEndReminders, type ReminderScanner } from '@vigie/notifications';
import { registerReminders } from '@vigie/register';
import { questionnaireReminders } from '@vigie/vendors';

/**
 * The time-driven notices of every capability (due dates, deadlines, expiries), run by the hourly job and by
 * `npm run cli -- notifications:run`.
 */
export const REMINDER_SCANNERS: readonly ReminderScanner[] = [
  breachReminders,
  rightsRequestReminders,
  registerReminders,
  questionnaireReminders,
  accessReviewReminders,
  evidenceReminders,
  membershipEndReminders,
];
