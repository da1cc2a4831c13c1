import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives embedded defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/vigie');
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: '/srv/vigie/data',
      adminEmail: 'admin@vigie.local',
      demo: true,
      tokenTtlSeconds: 900,
      uploadLimitBytes: 20 * 1024 * 1024,
      jobs: true,
      remediationDelayDays: 30,
    });
  });

  it('reads the e-mail settings: public address, SMTP server (optional) and sender, validated', () => {
    expect(loadConfig({})).toMatchObject({
      publicUrl: 'http://localhost:3000',
      smtpUrl: undefined,
      mailFrom: 'Vigie <no-reply@vigie.local>',
    });
    expect(
      loadConfig({
        VIGIE_PUBLIC_URL: 'https://vigie.siim94.fr/',
        VIGIE_SMTP_URL: 'smtp://vigie:secret@mail.siim94.fr:587',
        VIGIE_MAIL_FROM: 'Vigie SIIM94 <vigie@siim94.fr>',
      }),
    ).toMatchObject({
      publicUrl: 'https://vigie.siim94.fr',
      smtpUrl: 'smtp://vigie:secret@mail.siim94.fr:587',
      mailFrom: 'Vigie SIIM94 <vigie@siim94.fr>',
    });
    expect(() =>
      loadConfig({
        VIGIE_PUBLIC_URL: 'vigie.siim94.fr',
        VIGIE_SMTP_URL: 'mail.siim94.fr',
        VIGIE_MAIL_FROM: 'vigie',
      }),
    ).toThrow(/VIGIE_PUBLIC_URL must be[\s\S]*VIGIE_SMTP_URL must be[\s\S]*VIGIE_MAIL_FROM must be/);
  });

  it('turns the job worker off with VIGIE_JOBS=0 and bounds the remediation delay', () => {
    expect(loadConfig({ VIGIE_JOBS: '0' }).jobs).toBe(false);
    expect(loadConfig({ VIGIE_JOBS: 'yes' }).jobs).toBe(true);
    expect(loadConfig({ VIGIE_REMEDIATION_DELAY_DAYS: '0' }).remediationDelayDays).toBe(0);
    expect(() => loadConfig({ VIGIE_JOBS: 'later' })).toThrow(/VIGIE_JOBS must be 0 or 1/);
    expect(() => loadConfig({ VIGIE_REMEDIATION_DELAY_DAYS: '400' })).toThrow(
      /VIGIE_REMEDIATION_DELAY_DAYS must be an integer between 0 and 365/,
    );
  });

  it('turns demo data off by default on a PostgreSQL server and requires shared secrets', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/vigie' })).toThrow(
      /VIGIE_JWT_SECRET is required[\s\S]*VIGIE_AUDIT_KEY is required/,
    );
    expect(() => loadConfig({ VIGIE_AUDIT_KEY: 'too-short', VIGIE_JWT_SECRET: 'x'.repeat(32) })).toThrow(
      /VIGIE_AUDIT_KEY must be at least 32 characters/,
    );
    const config = loadConfig({
      DATABASE_URL: 'postgres://localhost/vigie',
      VIGIE_JWT_SECRET: 'x'.repeat(32),
      VIGIE_AUDIT_KEY: 'k'.repeat(32),
    });
    expect(config.demo).toBe(false);
    expect(loadConfig({ VIGIE_DEMO: '0' }).demo).toBe(false);
  });

  it('reports every invalid value at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'http', VIGIE_DEMO: 'maybe', VIGIE_ADMIN_PASSWORD: 'short', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toHaveLength(4);
  });

  it('normalises the admin email and splits CORS origins', () => {
    const config = loadConfig({
      VIGIE_ADMIN_EMAIL: ' Admin@Example.FR ',
      VIGIE_CORS_ORIGINS: 'https://a.fr, https://b.fr',
    });
    expect(config.adminEmail).toBe('admin@example.fr');
    expect(config.corsOrigins).toEqual(['https://a.fr', 'https://b.fr']);
  });

  it('reads the web session limits and the public address', () => {
    expect(loadConfig({})).toMatchObject({ sessionIdleSeconds: 1800, sessionAbsoluteSeconds: 43200 });
    const config = loadConfig(
      {
        VIGIE_SESSION_IDLE_MINUTES: '5',
        VIGIE_SESSION_MAX_HOURS: '2',
        VIGIE_PUBLIC_URL: 'https://vigie.siim94.fr',
        VIGIE_WEB_DIR: 'web',
      },
      '/srv/vigie',
    );
    expect(config).toMatchObject({
      sessionIdleSeconds: 300,
      sessionAbsoluteSeconds: 7200,
      publicUrl: 'https://vigie.siim94.fr',
      webDir: '/srv/vigie/web',
    });
    expect(() => loadConfig({ VIGIE_SESSION_IDLE_MINUTES: '0' })).toThrow(/VIGIE_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ VIGIE_SESSION_MAX_HOURS: 'long' })).toThrow(/VIGIE_SESSION_MAX_HOURS/);
    expect(() => loadConfig({ VIGIE_PUBLIC_URL: 'vigie.fr' })).toThrow(/VIGIE_PUBLIC_URL/);
  });

  it('reads the single sign-on settings: all or nothing, https issuer (http on the loopback only)', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(
      loadConfig({
        VIGIE_OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2',
        VIGIE_OIDC_CLIENT_ID: 'vigie',
        VIGIE_OIDC_CLIENT_SECRET: 'secret',
      }).oidc,
    ).toEqual({
      issuer: 'https://auth.agentconnect.gouv.fr/api/v2',
      clientId: 'vigie',
      clientSecret: 'secret',
      label: 'ProConnect',
    });
    expect(
      loadConfig({
        VIGIE_OIDC_ISSUER: 'http://127.0.0.1:4000',
        VIGIE_OIDC_CLIENT_ID: 'vigie',
        VIGIE_OIDC_CLIENT_SECRET: 'secret',
        VIGIE_OIDC_LABEL: 'Annuaire SIIM94',
      }).oidc?.label,
    ).toBe('Annuaire SIIM94');
    expect(() => loadConfig({ VIGIE_OIDC_ISSUER: 'http://idp.example.fr' })).toThrow(
      /VIGIE_OIDC_ISSUER must be an https[\s\S]*VIGIE_OIDC_CLIENT_ID is required[\s\S]*VIGIE_OIDC_CLIENT_SECRET is required/,
    );
    expect(() => loadConfig({ VIGIE_OIDC_CLIENT_ID: 'vigie' })).toThrow(/need VIGIE_OIDC_ISSUER/);
  });
});
