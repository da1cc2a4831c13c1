import { createMailer, deliverDue, runReminderScanners } from '@vigie/notifications';
import type { AppConfig } from '@vigie/core';
import type { DataSource } from 'typeorm';
import { REMINDER_SCANNERS } from '../../../api/src/reminders';
import type { CliCommand } from '../command';
import { withDataSource } from '../database';

/** Gives the time-driven notices due now, then sends the outbox's due e-mails (shared with the e-2-e test). */
export async function runNotifications(
  dataSource: DataSource,
  config: AppConfig,
  out: (line: string) => void,
  now = new Date(),
): Promise<number> {
  const given = await runReminderScanners(dataSource, REMINDER_SCANNERS, now);
  for (const [name, count] of Object.entries(given)) out(`  ${name}: ${count} notice(s) given`);
  const mailer = createMailer(config);
  try {
    if (!mailer) out('VIGIE_SMTP_URL is not set: no e-mail sent (notices are in-app only)');
    const report = await deliverDue(dataSource, mailer, config.publicUrl, now);
    out(`E-mails: ${report.sent} sent, ${report.failed} failed (retried later), ${report.skipped} skipped`);
    return report.failed > 0 ? 1 : 0;
  } finally {
    mailer?.close();
  }
}

export const notificationsRunCommand: CliCommand = {
  name: 'notifications:run',
  usage: 'notifications:run',
  description: 'Give the reminders due now and send the e-mails due now (what the hourly job does)',
  run: (args, config, out) => {
    if (args.length > 0) {
      out('Usage: npm run cli -- notifications:run');
      return Promise.resolve(2);
    }
    return withDataSource(config, (dataSource) => runNotifications(dataSource, config, out));
  },
};
