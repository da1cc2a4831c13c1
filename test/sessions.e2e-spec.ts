import { createHash } from 'node:crypto';
import supertest from 'supertest';
import { createTestApp, TestApp } from './support/test-app';
import { as, createActor, createWorld, expectProblem, PASSWORD, World } from './support/world';

/** Web sessions: cookie, CSRF token, revocation and limits. Cookies are handled by hand (no shared agent jar). */
describe('Web sessions (e2e)', () => {
  let app: TestApp;
  let world: World;
  let http: () => ReturnType<typeof supertest>;

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '3' });
    world = await createWorld(app);
    http = () => supertest(app.app.getHttpServer());
  });
  afterAll(() => app.close());

  interface Session {
    cookie: string;
    secret: string;
    csrf: string;
    setCookie: string;
    body: Record<string, unknown>;
  }

  async function signIn(
    email: string,
    password = PASSWORD,
    headers: Record<string, string> = {},
  ): Promise<Session> {
    const response = await http().post('/api/v1/auth/session').set(headers).send({ email, password });
    expect(response.status).toBe(200);
    const setCookie = [response.headers['set-cookie']].flat()[0] as string;
    const secret = /^vigie_session=([^;]+)/.exec(setCookie)![1];
    return {
      cookie: `vigie_session=${secret}`,
      secret,
      csrf: response.body.csrfToken,
      setCookie,
      body: response.body,
    };
  }

  async function someone(label: string, organisationId = world.memberA.id, role = 'reader' as const) {
    return createActor(
      app,
      world.admin,
      [{ organisationId, role }],
      `${label}-${Math.random().toString(36).slice(2, 7)}`,
    );
  }

  const sessionRows = (userId: string): Promise<{ n: number }[]> =>
    app.dataSource.query('SELECT count(*)::int AS n FROM web_session WHERE user_id = $1', [userId]);

  it('signs in with an httpOnly, SameSite=Strict cookie and answers like /auth/me, with a CSRF token', async () => {
    const session = await signIn(world.sharedDpo.email);
    expect(session.setCookie).toMatch(/HttpOnly/i);
    expect(session.setCookie).toMatch(/SameSite=Strict/i);
    expect(session.setCookie).toMatch(/Path=\//);
    expect(session.setCookie).toMatch(/Max-Age=43200/);
    expect(session.setCookie).not.toMatch(/Secure/i);
    const me = await http().get('/api/v1/auth/me').set('Cookie', session.cookie);
    expect(me.status).toBe(200);
    const bearerMe = await http().get('/api/v1/auth/me').set(as(world.sharedDpo));
    expect(bearerMe.body.csrfToken).toBeUndefined();
    expect(session.body).toEqual({ ...bearerMe.body, csrfToken: expect.any(String) });
    expect(me.body).toEqual(session.body);
    expect(me.body.memberships).toHaveLength(2);
    // Only a hash of the secret is stored.
    const rows: { token_hash: string }[] = await app.dataSource.query(
      'SELECT token_hash FROM web_session WHERE user_id = $1',
      [world.sharedDpo.id],
    );
    expect(rows.map((r) => r.token_hash)).toContain(
      createHash('sha256').update(session.secret).digest('hex'),
    );
    expect(JSON.stringify(rows)).not.toContain(session.secret);
  });

  it('sets a Secure cookie behind HTTPS', async () => {
    const session = await signIn(world.readerA.email, PASSWORD, { 'X-Forwarded-Proto': 'https' });
    expect(session.setCookie).toMatch(/; Secure/i);
  });

  it('refuses wrong credentials with 401 and no cookie, then 429 after repeated failures', async () => {
    const user = await someone('limited');
    for (let i = 0; i < 3; i += 1) {
      const response = await http()
        .post('/api/v1/auth/session')
        .send({ email: user.email, password: 'wrong-password-1' });
      expectProblem(response, 401);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
    expectProblem(
      await http().post('/api/v1/auth/session').send({ email: user.email, password: PASSWORD }),
      429,
    );
    expectProblem(await http().post('/api/v1/auth/session').send({ email: 'x' }), 400);
  });

  it('refuses a cross-site form POST carried by the cookie, and any cookie mutation without the CSRF token', async () => {
    const user = await someone('csrf');
    const session = await signIn(user.email);
    const before = await app.dataSource.query('SELECT password_hash FROM app_user WHERE id = $1', [user.id]);
    const form = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', session.cookie)
      .set('Origin', 'https://attacker.example')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`currentPassword=${PASSWORD}&newPassword=attacker-chosen-password`);
    expectProblem(form, 403);
    const noToken = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', session.cookie)
      .send({ currentPassword: PASSWORD, newPassword: 'attacker-chosen-password' });
    expectProblem(noToken, 403);
    const wrongToken = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', `${session.csrf.slice(0, -2)}xx`)
      .send({ currentPassword: PASSWORD, newPassword: 'attacker-chosen-password' });
    expectProblem(wrongToken, 403);
    const foreignOrigin = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .set('Origin', 'https://attacker.example')
      .send({ currentPassword: PASSWORD, newPassword: 'attacker-chosen-password' });
    expectProblem(foreignOrigin, 403);
    const crossSiteSignIn = await http()
      .post('/api/v1/auth/session')
      .set('Origin', 'https://attacker.example')
      .send({ email: user.email, password: PASSWORD });
    expectProblem(crossSiteSignIn, 403);
    expect(await app.dataSource.query('SELECT password_hash FROM app_user WHERE id = $1', [user.id])).toEqual(
      before,
    );
    // Reads need no token; the same mutation with it passes.
    expect((await http().get('/api/v1/auth/me').set('Cookie', session.cookie)).status).toBe(200);
    const allowed = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'a-new-password-of-mine' });
    expect(allowed.status).toBe(204);
  });

  it('keeps bearer tokens working without any CSRF token', async () => {
    const created = await http()
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .send({ name: 'Mairie de Cachan', shortName: `C${Date.now() % 1e7}`, kind: 'member' });
    expect(created.status).toBe(201);
  });

  it('signs out: the session row and the cookie are gone, the cookie no longer works', async () => {
    const user = await someone('signout');
    const session = await signIn(user.email);
    expectProblem(await http().delete('/api/v1/auth/session').set('Cookie', session.cookie), 403);
    const out = await http()
      .delete('/api/v1/auth/session')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf);
    expect(out.status).toBe(204);
    expect([out.headers['set-cookie']].flat()[0]).toMatch(/^vigie_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await sessionRows(user.id)).toEqual([{ n: 0 }]);
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', session.cookie), 401);
    expectProblem(
      await http().get('/api/v1/auth/me').set('Cookie', 'vigie_session=not-a-session-at-all-123'),
      401,
    );
  });

  it("changes one's own password: ends the other sessions, keeps this one, audits, refuses a wrong current password", async () => {
    const user = await someone('password');
    const here = await signIn(user.email);
    const elsewhere = await signIn(user.email);
    const wrong = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', here.cookie)
      .set('X-CSRF-Token', here.csrf)
      .send({ currentPassword: 'not-my-password', newPassword: 'brand-new-password-1' });
    expectProblem(wrong, 400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    const short = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', here.cookie)
      .set('X-CSRF-Token', here.csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'short' });
    expectProblem(short, 400);
    expect((await http().get('/api/v1/auth/me').set('Cookie', elsewhere.cookie)).status).toBe(200);

    const changed = await http()
      .post('/api/v1/auth/password')
      .set('Cookie', here.cookie)
      .set('X-CSRF-Token', here.csrf)
      .send({ currentPassword: PASSWORD, newPassword: 'brand-new-password-1' });
    expect(changed.status).toBe(204);
    expect((await http().get('/api/v1/auth/me').set('Cookie', here.cookie)).status).toBe(200);
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', elsewhere.cookie), 401);
    expect(await sessionRows(user.id)).toEqual([{ n: 1 }]);
    expectProblem(
      await http().post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }),
      401,
    );
    expect(
      (await http().post('/api/v1/auth/login').send({ email: user.email, password: 'brand-new-password-1' }))
        .status,
    ).toBe(200);
    const audit = await app.dataSource.query(
      "SELECT actor_id, changes FROM audit_event WHERE action = 'user.password-change' AND entity_id = $1",
      [user.id],
    );
    expect(audit).toEqual([
      { actor_id: user.id, changes: { password: { before: '(hidden)', after: '(changed)' } } },
    ]);
    // With a bearer token too (no session to keep: all end).
    const bearer = await http()
      .post('/api/v1/auth/password')
      .set(
        as({
          ...user,
          token: (
            await http()
              .post('/api/v1/auth/login')
              .send({ email: user.email, password: 'brand-new-password-1' })
          ).body.accessToken,
        }),
      )
      .send({ currentPassword: 'brand-new-password-1', newPassword: 'brand-new-password-2' });
    expect(bearer.status).toBe(204);
    expect(await sessionRows(user.id)).toEqual([{ n: 0 }]);
  });

  it('ends the sessions of a disabled user and of a removed membership at once', async () => {
    const disabled = await someone('disabled');
    const session = await signIn(disabled.email);
    const read = await http().get(`/api/v1/users/${disabled.id}`).set(as(world.admin));
    const off = await http()
      .patch(`/api/v1/users/${disabled.id}`)
      .set(as(world.admin))
      .send({ disabled: true, version: read.body.version });
    expect(off.status).toBe(200);
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', session.cookie), 401);
    await http().patch(`/api/v1/users/${disabled.id}`).set(as(world.admin)).send({ disabled: false });
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', session.cookie), 401);

    const removed = await someone('removed');
    const removedSession = await signIn(removed.email);
    const memberships = await http()
      .get(`/api/v1/organisations/${world.memberA.id}/memberships?pageSize=100`)
      .set(as(world.admin));
    const membership = memberships.body.items.find((m: { userId: string }) => m.userId === removed.id);
    const deleted = await http()
      .delete(`/api/v1/organisations/${world.memberA.id}/memberships/${membership.id}`)
      .set(as(world.admin));
    expect(deleted.status).toBe(204);
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', removedSession.cookie), 401);
    expect(await sessionRows(removed.id)).toEqual([{ n: 0 }]);
  });

  it('ends a session past its idle limit or its absolute limit; a request pushes the idle limit back', async () => {
    const user = await someone('limits');
    const idle = await signIn(user.email);
    const absolute = await signIn(user.email);
    const hash = (s: Session) => createHash('sha256').update(s.secret).digest('hex');
    await app.dataSource.query(
      "UPDATE web_session SET last_seen_at = now() - interval '29 minutes' WHERE token_hash = $1",
      [hash(idle)],
    );
    expect((await http().get('/api/v1/auth/me').set('Cookie', idle.cookie)).status).toBe(200);
    const [{ seen }] = await app.dataSource.query(
      "SELECT last_seen_at > now() - interval '1 minute' AS seen FROM web_session WHERE token_hash = $1",
      [hash(idle)],
    );
    expect(seen).toBe(true);
    await app.dataSource.query(
      "UPDATE web_session SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = $1",
      [hash(idle)],
    );
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', idle.cookie), 401);
    await app.dataSource.query(
      "UPDATE web_session SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [hash(absolute)],
    );
    expectProblem(await http().get('/api/v1/auth/me').set('Cookie', absolute.cookie), 401);
  });
});
