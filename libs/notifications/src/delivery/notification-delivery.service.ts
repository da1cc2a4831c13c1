import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vigie/core';
import { DataSource } from 'typeorm';
import { runReminderScanners } from '../notices/reminders';
import type { ReminderScanner } from '../notices/reminders';
import { deliverDue, DeliveryReport } from './deliver';
import type { Mailer } from './mailer';
import { MAILER } from './mailer.provider';

export const REMINDER_SCANNERS = Symbol('REMINDER_SCANNERS');

/** Runs the reminder scans and sends the outbox (for the scheduled jobs and tests). */
@Injectable()
export class NotificationDelivery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAILER) private readonly mailer: Mailer | null,
    @Inject(REMINDER_SCANNERS) private readonly scanners: readonly ReminderScanner[],
  ) {}

  /** Sends what is due now (immediate notices, retries, digests at their hour). */
  deliver(now = new Date()): Promise<DeliveryReport> {
    return deliverDue(this.dataSource, this.mailer, this.config.publicUrl, now);
  }

  /** Gives the time-driven notices due at `now` (once per threshold). */
  scan(now = new Date()): Promise<Record<string, number>> {
    return runReminderScanners(this.dataSource, this.scanners, now);
  }

  /** What `notifications:run` does: scan, then send what is due. */
  async run(now = new Date()): Promise<{ given: Record<string, number>; delivery: DeliveryReport }> {
    const given = await this.scan(now);
    return { given, delivery: await this.deliver(now) };
  }
}
