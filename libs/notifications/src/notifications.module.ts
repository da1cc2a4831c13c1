import { DynamicModule, Inject, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@vigie/identity';
import { JobQueue, JobsModule } from '@vigie/jobs';
import { AccountLinksService } from './accounts/account-links.service';
import { AccountToken } from './accounts/account-token.entity';
import { AccountsController } from './accounts/accounts.controller';
import { NotificationDelivery, REMINDER_SCANNERS } from './delivery/notification-delivery.service';
import type { Mailer } from './delivery/mailer';
import { MAILER, mailerProvider } from './delivery/mailer.provider';
import { NotificationOutbox } from './delivery/outbox.entity';
import { Notification } from './notices/notification.entity';
import { NotificationsController } from './notices/notifications.controller';
import { NotificationsService } from './notices/notifications.service';
import type { ReminderScanner } from './notices/reminders';
import { NotificationPreference } from './preferences/notification-preference.entity';

export const NOTIFICATION_ENTITIES = [Notification, NotificationOutbox, NotificationPreference, AccountToken];

/** Sends the outbox every minute (immediate notices, retries; digests when their 08:00 comes). */
export const DELIVER_JOB = 'notifications.deliver';
export const DELIVER_CRON = '* * * * *';
/** Gives the time-driven notices every hour (at :05), then sends. */
export const SCAN_JOB = 'notifications.scan';
export const SCAN_CRON = '5 * * * *';

/**
 * Notifications: in-app notices and their e-mails (outbox, pg-boss delivery with retries, daily digest),
 * preferences, and accounts by e-mail (invitation, password reset, sign-in link). Capabilities emit notices
 * with `emitNotice` in their own transactions and define their time-driven ones as {@link ReminderScanner}s,
 * which the application composes here.
 */
// The entities are registered statically (not in forRoot), so that importing the module declares them, as for the
// other libs: the CLI opens its data source with the entities the libs register (apps/cli/src/database.ts).
@Module({ imports: [TypeOrmModule.forFeature(NOTIFICATION_ENTITIES)] })
export class NotificationsModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly jobs: JobQueue,
    private readonly delivery: NotificationDelivery,
    @Inject(MAILER) private readonly mailer: Mailer | null,
  ) {}

  static forRoot(options: { scanners: readonly ReminderScanner[] }): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [IdentityModule, JobsModule],
      controllers: [NotificationsController, AccountsController],
      providers: [
        mailerProvider,
        { provide: REMINDER_SCANNERS, useValue: options.scanners },
        NotificationsService,
        NotificationDelivery,
        AccountLinksService,
      ],
      exports: [NotificationDelivery, AccountLinksService, MAILER],
    };
  }

  onModuleInit(): void {
    this.jobs.define({
      name: DELIVER_JOB,
      cron: DELIVER_CRON,
      handler: async () => {
        await this.delivery.deliver();
      },
    });
    this.jobs.define({
      name: SCAN_JOB,
      cron: SCAN_CRON,
      handler: async () => {
        await this.delivery.run();
      },
    });
  }

  onModuleDestroy(): void {
    this.mailer?.close();
  }
}
