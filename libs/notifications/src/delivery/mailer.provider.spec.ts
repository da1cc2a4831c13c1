import { Logger } from '@nestjs/common';
import { loadConfig } from '@vigie/core';
import { Mailer } from './mailer';
import { mailerProvider } from './mailer.provider';

const factory = (mailerProvider as { useFactory: (config: unknown) => Mailer | null }).useFactory;

describe('the mailer at start', () => {
  afterEach(() => jest.restoreAllMocks());

  it('without VIGIE_SMTP_URL: no mailer, and one line saying notices are in-app only', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    expect(factory(loadConfig({}))).toBeNull();
    expect(log.mock.calls).toEqual([
      ['e-mail: VIGIE_SMTP_URL is not set, notices are in-app only (no e-mail is sent)'],
    ]);
  });

  it('with VIGIE_SMTP_URL: a mailer, and the server named without its password', () => {
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const mailer = factory(loadConfig({ VIGIE_SMTP_URL: 'smtp://vigie:secret@mail.example.test:587' }));
    expect(mailer).toBeInstanceOf(Mailer);
    mailer?.close();
    expect(log.mock.calls).toEqual([
      ['e-mail: sent through mail.example.test:587 from Vigie <no-reply@vigie.local>'],
    ]);
    expect(JSON.stringify(log.mock.calls)).not.toContain('secret');
  });
});
