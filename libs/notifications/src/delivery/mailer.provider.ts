import { Logger, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vigie/core';
import { createMailer, Mailer } from './mailer';

/** Injection token of the mailer: a {@link Mailer}, or null without `VIGIE_SMTP_URL`. */
export const MAILER = Symbol('MAILER');

export const mailerProvider: Provider = {
  provide: MAILER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): Mailer | null => {
    const mailer = createMailer(config);
    const logger = new Logger('Notifications');
    if (mailer) logger.log(`e-mail: sent through ${new URL(config.smtpUrl!).host} from ${config.mailFrom}`);
    else logger.log('e-mail: VIGIE_SMTP_URL is not set, notices are in-app only (no e-mail is sent)');
    return mailer;
  },
};
