import { createTransport } from 'nodemailer';

/** One e-mail, always in French text and HTML. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A stable Message-ID (e.g. from the outbox row), so that a receiving server may spot a duplicate. */
  messageId?: string;
}

/** Sends e-mails through the SMTP server of `VIGIE_SMTP_URL`. */
export class Mailer {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({
      url: smtpUrl,
      // A server that is down must fail fast: the outbox retries later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** The mailer of a configuration, or null without `VIGIE_SMTP_URL` (in-app notices only). */
export function createMailer(config: { smtpUrl?: string; mailFrom: string }): Mailer | null {
  return config.smtpUrl ? new Mailer(config.smtpUrl, config.mailFrom) : null;
}
