import supertest from 'supertest';
import {
  CookieJar,
  followProvider,
  ProviderAccount,
  startTestProvider,
  TestProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
} from './support/oidc-provider';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/test-app';
import {
  Actor,
  as,
  createActor,
  createOrganisation,
  expectProblem,
  loginAdmin,
  PASSWORD,
} from './support/world';

const PUBLIC_URL = 'http://vigie.test';
const CALLBACK = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
const SIRET = '21940041300015';
const OTHER_SIRET = '73282932000074';

/** One browser at Vigie: its cookies, kept by hand. */
class VigieBrowser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: TestApp) {}
  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(response: supertest.Response) {
    for (const line of [response.headers['set-cookie'] ?? []].flat() as string[]) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (!value || /Expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
  async get(path: string) {
    return this.keep(await supertest(this.app.app.getHttpServer()).get(path).set('Cookie', this.header()));
  }
  async send(method: 'post' | 'delete', path: string, body?: object, csrf?: string) {
    const request = supertest(this.app.app.getHttpServer())[method](path).set('Cookie', this.header());
    if (csrf) request.set('X-CSRF-Token', csrf);
    return this.keep(await (body ? request.send(body) : request));
  }
}

/**
 * Single sign-on against a real OpenID Provider (oidc-provider 9 on 127.0.0.1, configured like ProConnect:
 * signed userinfo, `siret`, `usual_name`, `given_name`), driven at the HTTP level.
 */
describe('Single sign-on (e2e)', () => {
  let provider: TestProvider;
  let app: TestApp;
  let admin: Actor;
  let member: { id: string };
  let agent: Actor;

  beforeAll(async () => {
    provider = await startTestProvider({
      redirectUri: CALLBACK,
      postLogoutRedirectUri: `${PUBLIC_URL}/connexion`,
    });
    app = await createTestApp({
      VIGIE_PUBLIC_URL: PUBLIC_URL,
      VIGIE_OIDC_ISSUER: provider.issuer,
      VIGIE_OIDC_CLIENT_ID: TEST_CLIENT_ID,
      VIGIE_OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
      VIGIE_OIDC_LABEL: 'Annuaire de test',
      VIGIE_LOGIN_ATTEMPTS: '100',
    });
    admin = await loginAdmin(app);
    member = await createOrganisation(app, admin, 'member', 'Mairie de Gentilly');
    const org = await app.http.get(`/api/v1/organisations/${member.id}`).set(as(admin));
    const patched = await app.http
      .patch(`/api/v1/organisations/${member.id}`)
      .set(as(admin))
      .send({ siret: SIRET, version: org.body.version });
    expect(patched.status).toBe(200);
    agent = await createActor(app, admin, [{ organisationId: member.id, role: 'dpo' }], 'agent');
  });
  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  let counter = 0;
  /** A person at the provider; by default Vigie's `agent`, with the e-mail in other letter cases. */
  function person(claims: Partial<ProviderAccount> = {}): ProviderAccount {
    counter += 1;
    const account: ProviderAccount = {
      // The agent is always the same person at the provider; anybody else is someone new.
      sub: claims.email ? `sub-${counter}` : 'agent-at-the-provider',
      email: agent.email.toUpperCase(),
      email_verified: true,
      given_name: 'Camille',
      usual_name: 'Martin',
      siret: SIRET,
      uid: String(counter),
      ...claims,
    };
    provider.accounts.set(account.sub, account);
    provider.nextLogin = account.sub;
    return account;
  }

  /** Starts a sign-in at Vigie and goes through the provider: answers the callback URL it sends back. */
  async function throughProvider(browser: VigieBrowser): Promise<URL> {
    const start = await browser.get('/api/v1/auth/oidc/login');
    expect(start.status).toBe(302);
    return followProvider(start.headers.location, new CookieJar(), CALLBACK);
  }

  const callbackPath = (url: URL) => url.pathname + url.search;
  const count = async (table: string): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  /** A browser already signed in with a password (the administrator's break-glass session). */
  async function signedInBrowser(): Promise<{ browser: VigieBrowser; csrf: string }> {
    const browser = new VigieBrowser(app);
    const response = await browser.send('post', '/api/v1/auth/session', {
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
    });
    expect(response.status).toBe(200);
    return { browser, csrf: response.body.csrfToken };
  }

  /** What must hold after any refusal: a French page, nothing created, the session as it was. */
  async function expectRefused(
    browser: VigieBrowser,
    response: supertest.Response,
    status: number,
    message: RegExp,
    before: { sessions: number; identities: number; users: number },
  ) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<html lang="fr">');
    expect(response.text).toContain('<h1>Connexion refusée</h1>');
    expect(response.text).toMatch(message);
    expect(response.headers['set-cookie'] ?? []).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^vigie_session=/)]),
    );
    expect(await count('web_session')).toBe(before.sessions);
    expect(await count('user_oidc_identity')).toBe(before.identities);
    expect(await count('app_user')).toBe(before.users);
    const me = await browser.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
  }

  const snapshot = async () => ({
    sessions: await count('web_session'),
    identities: await count('user_oidc_identity'),
    users: await count('app_user'),
  });

  it('says publicly that single sign-on is configured, with the button’s name', async () => {
    const response = await supertest(app.app.getHttpServer()).get('/api/v1/auth/oidc/config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      enabled: true,
      label: 'Annuaire de test',
      loginUrl: '/api/v1/auth/oidc/login',
    });
  });

  it('sends the browser to the provider with PKCE, a state and a nonce of 43 characters kept server-side, and the exact redirect URI', async () => {
    const browser = new VigieBrowser(app);
    const response = await browser.get('/api/v1/auth/oidc/login');
    expect(response.status).toBe(302);
    const url = new URL(response.headers.location);
    expect(url.origin).toBe(provider.issuer);
    const params = url.searchParams;
    expect(params.get('redirect_uri')).toBe(CALLBACK);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(params.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(params.get('scope')!.split(' ').sort()).toEqual(
      ['email', 'given_name', 'openid', 'siret', 'uid', 'usual_name'].sort(),
    );
    const pending = await app.dataSource.query('SELECT state, nonce FROM oidc_pending_login');
    expect(pending).toEqual(
      expect.arrayContaining([{ state: params.get('state'), nonce: params.get('nonce') }]),
    );
    const cookie = [response.headers['set-cookie']].flat().find((c: string) => c.startsWith('vigie_oidc='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('signs in a known person by their verified e-mail (any letter case), keeps (issuer, subject) and SIRET, and finds them by it next time', async () => {
    const account = person();
    const browser = new VigieBrowser(app);
    const callback = await browser.get(callbackPath(await throughProvider(browser)));
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe('/');
    const setCookie = [callback.headers['set-cookie']]
      .flat()
      .find((c: string) => c.startsWith('vigie_session='));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const me = await browser.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(agent.id);
    expect(
      await app.dataSource.query(
        'SELECT user_id, issuer, subject, siret FROM user_oidc_identity WHERE subject = $1',
        [account.sub],
      ),
    ).toEqual([{ user_id: agent.id, issuer: provider.issuer, subject: account.sub, siret: SIRET }]);
    const audit = await app.http.get(`/api/v1/audit-events?entityId=${agent.id}`).set(as(admin));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('user.sso-link');

    // Next time: the pair finds the user even when the provider now gives another address.
    account.email = 'new.address@example.test';
    provider.nextLogin = account.sub;
    const again = new VigieBrowser(app);
    const second = await again.get(callbackPath(await throughProvider(again)));
    expect(second.status).toBe(302);
    expect((await again.get('/api/v1/auth/me')).body.id).toBe(agent.id);
    account.email = agent.email;
  });

  it('refuses a wrong state', async () => {
    person();
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const url = await throughProvider(browser);
    url.searchParams.set('state', 'x'.repeat(43));
    const response = await browser.get(callbackPath(url));
    await expectRefused(browser, response, 400, /n’a pas pu être vérifiée/, before);
  });

  it('refuses a replayed code (the pending sign-in was used up)', async () => {
    person();
    const first = new VigieBrowser(app);
    const url = await throughProvider(first);
    expect((await first.get(callbackPath(url))).status).toBe(302);
    const { browser } = await signedInBrowser();
    // The same browser again, and another browser that picked up the URL: neither gets a session.
    const before = await snapshot();
    const replay = await first.get(callbackPath(url));
    expect(replay.status).toBe(400);
    expect(await count('web_session')).toBe(before.sessions);
    browser.cookies.set('vigie_oidc', first.cookies.get('vigie_oidc') ?? 'none-left');
    await expectRefused(browser, await browser.get(callbackPath(url)), 400, /déjà servi/, before);
  });

  it('refuses a replayed code in a new pending sign-in (the provider refuses it)', async () => {
    person();
    const first = new VigieBrowser(app);
    const used = await throughProvider(first);
    expect((await first.get(callbackPath(used))).status).toBe(302);
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    // A new sign-in by this browser, answered with the code already exchanged.
    const fresh = await browser.get('/api/v1/auth/oidc/login');
    const state = new URL(fresh.headers.location).searchParams.get('state')!;
    used.searchParams.set('state', state);
    const response = await browser.get(callbackPath(used));
    await expectRefused(browser, response, 400, /jeton invalide, expiré ou déjà utilisé/, {
      ...before,
    });
  });

  it('refuses an expired code', async () => {
    person();
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const url = await throughProvider(browser);
    provider.expireCode(url.searchParams.get('code')!);
    await expectRefused(browser, await browser.get(callbackPath(url)), 400, /expiré/, before);
  });

  it('refuses an ID token whose nonce is not the pending sign-in’s', async () => {
    person();
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const url = await throughProvider(browser);
    // The ID token carries the nonce sent; the pending sign-in now expects another.
    await app.dataSource.query(`UPDATE oidc_pending_login SET nonce = $1`, ['n'.repeat(43)]);
    await expectRefused(
      browser,
      await browser.get(callbackPath(url)),
      400,
      /n’a pas pu être vérifiée/,
      before,
    );
  });

  it('refuses an unknown person without creating anyone', async () => {
    person({ email: 'stranger@example.test' });
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const response = await browser.get(callbackPath(await throughProvider(browser)));
    await expectRefused(browser, response, 403, /Aucun compte Vigie ne correspond/, before);
  });

  it('refuses an unverified e-mail', async () => {
    person({ email_verified: false });
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const response = await browser.get(callbackPath(await throughProvider(browser)));
    await expectRefused(browser, response, 403, /n’atteste pas votre adresse/, before);
  });

  it('refuses a SIRET that is not the organisation’s', async () => {
    person({ siret: OTHER_SIRET });
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const response = await browser.get(callbackPath(await throughProvider(browser)));
    await expectRefused(browser, response, 403, /SIRET/, before);
  });

  it('refuses a disabled user', async () => {
    const disabled = await createActor(app, admin, [{ organisationId: member.id, role: 'reader' }], 'off');
    const user = await app.http.get(`/api/v1/users/${disabled.id}`).set(as(admin));
    const off = await app.http
      .patch(`/api/v1/users/${disabled.id}`)
      .set(as(admin))
      .send({ disabled: true, version: user.body.version });
    expect(off.status).toBe(200);
    person({ email: disabled.email });
    const { browser } = await signedInBrowser();
    const before = await snapshot();
    const response = await browser.get(callbackPath(await throughProvider(browser)));
    await expectRefused(browser, response, 403, /désactivé/, before);
  });

  it('never logs a token or an e-mail address', async () => {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const { Logger } = await import('@nestjs/common');
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      person({ email: 'unknown.agent@example.test' });
      const browser = new VigieBrowser(app);
      const url = await throughProvider(browser);
      expect((await browser.get(callbackPath(url))).status).toBe(403);
      const logged = [...lines, ...warn.mock.calls.map((call) => call.map(String).join(' '))].join('\n');
      expect(logged).toMatch(/single sign-on refused: unknown-person/);
      expect(logged).not.toMatch(/unknown\.agent@example\.test|eyJ|code=/i);
      expect(logged).not.toContain(url.searchParams.get('code')!);
    } finally {
      spy.mockRestore();
      errors.mockRestore();
      warn.mockRestore();
    }
  });

  it('logs out: ends Vigie’s session and sends the browser to the provider’s end-session endpoint with id_token_hint', async () => {
    person();
    const browser = new VigieBrowser(app);
    expect((await browser.get(callbackPath(await throughProvider(browser)))).status).toBe(302);
    const me = await browser.get('/api/v1/auth/me');
    const { oidc_id_token: idToken } = (
      await app.dataSource.query(
        'SELECT oidc_id_token FROM web_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
        [agent.id],
      )
    )[0];
    const response = await browser.send('delete', '/api/v1/auth/session', undefined, me.body.csrfToken);
    expect(response.status).toBe(200);
    const end = new URL(response.body.endSessionUrl);
    expect(end.origin + end.pathname).toBe(`${provider.issuer}/session/end`);
    expect(end.searchParams.get('id_token_hint')).toBe(idToken);
    expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${PUBLIC_URL}/connexion`);
    expect((await browser.get('/api/v1/auth/me')).status).toBe(401);
    // The provider accepts the request (its confirmation page), and a password session still signs out with 204.
    const atProvider = await fetch(end, { redirect: 'manual' });
    expect(atProvider.status).toBe(200);
    const { browser: local, csrf } = await signedInBrowser();
    expect((await local.send('delete', '/api/v1/auth/session', undefined, csrf)).status).toBe(204);
  });

  describe('« connexion unique obligatoire »', () => {
    it('is set by the administrator only, validated, audited and versioned', async () => {
      const dpo = await createActor(app, admin, [{ organisationId: member.id, role: 'dpo' }], 'dpo');
      const read = await app.http.get(`/api/v1/organisations/${member.id}`).set(as(admin));
      expect(read.body.ssoRequired).toBe(false);
      const byDpo = await app.http
        .patch(`/api/v1/organisations/${member.id}`)
        .set(as(dpo))
        .send({ ssoRequired: true, version: read.body.version });
      expect(byDpo.status).toBe(403);
      const invalid = await app.http
        .patch(`/api/v1/organisations/${member.id}`)
        .set(as(admin))
        .send({ ssoRequired: 'oui', version: read.body.version });
      expectProblem(invalid, 400);
      const stale = await app.http
        .patch(`/api/v1/organisations/${member.id}`)
        .set(as(admin))
        .send({ ssoRequired: true, version: read.body.version - 1 });
      expect(stale.status).toBe(409);
      const badSiret = await app.http
        .patch(`/api/v1/organisations/${member.id}`)
        .set(as(admin))
        .send({ siret: '21940041300016', version: read.body.version });
      expectProblem(badSiret, 400);
      const on = await app.http
        .patch(`/api/v1/organisations/${member.id}`)
        .set(as(admin))
        .send({ ssoRequired: true, version: read.body.version });
      expect(on.status).toBe(200);
      expect(on.body).toMatchObject({ ssoRequired: true, siret: SIRET, version: read.body.version + 1 });
      const audit = await app.http.get(`/api/v1/audit-events?entityId=${member.id}`).set(as(admin));
      expect(audit.body.items[0]).toMatchObject({
        action: 'organisation.update',
        changes: { ssoRequired: { before: false, after: true } },
      });
    });

    it('refuses the members’ passwords (API and web), keeps the operator administrator’s, and lets them in by single sign-on', async () => {
      const token = await app.http
        .post('/api/v1/auth/login')
        .send({ email: agent.email, password: PASSWORD });
      expectProblem(token, 403);
      expect(token.body.detail).toMatch(/connexion unique/);
      const web = await supertest(app.app.getHttpServer())
        .post('/api/v1/auth/session')
        .send({ email: agent.email, password: PASSWORD });
      expectProblem(web, 403);
      const wrong = await app.http
        .post('/api/v1/auth/login')
        .send({ email: agent.email, password: 'x'.repeat(12) });
      expect(wrong.status).toBe(401);

      // An operator administrator who also holds a role in the member keeps the local sign-in.
      await app.http
        .post(`/api/v1/organisations/${member.id}/memberships`)
        .set(as(admin))
        .send({ userId: admin.id, role: 'reader' });
      const breakGlass = await app.http
        .post('/api/v1/auth/login')
        .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(breakGlass.status).toBe(200);

      person();
      const browser = new VigieBrowser(app);
      expect((await browser.get(callbackPath(await throughProvider(browser)))).status).toBe(302);
      expect((await browser.get('/api/v1/auth/me')).body.id).toBe(agent.id);
    });

    it('cannot be turned on without a provider configured', async () => {
      const plain = await createTestApp();
      try {
        const plainAdmin = await loginAdmin(plain);
        const org = await createOrganisation(plain, plainAdmin, 'member');
        const response = await plain.http
          .patch(`/api/v1/organisations/${org.id}`)
          .set(as(plainAdmin))
          .send({ ssoRequired: true, version: 1 });
        expectProblem(response, 400);
        const settings = await supertest(plain.app.getHttpServer()).get('/api/v1/auth/oidc/config');
        expect(settings.body).toEqual({ enabled: false });
        expect((await supertest(plain.app.getHttpServer()).get('/api/v1/auth/oidc/login')).status).toBe(404);
      } finally {
        await plain.close();
      }
    });
  });
});
