import { createHmac } from 'node:crypto';
import { BootstrapService } from '@vigie/identity';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { as, createActor, createWorld, expectProblem, login, PASSWORD, World } from './support/world';

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A token signed by hand, to forge what a client could send. */
function forge(header: object, payload: object, secret = TEST_JWT_SECRET): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('Authentication (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '5' });
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('signs in with email and password, whatever the email case', async () => {
    const response = await app.http
      .post('/api/v1/auth/login')
      .send({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { email: ADMIN_EMAIL },
    });
    expect(response.body.user.passwordHash).toBeUndefined();
    const me = await app.http
      .get('/api/v1/auth/me')
      .set({ Authorization: `Bearer ${response.body.accessToken}` });
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ organisationId: world.operatorId, kind: 'operator', role: 'admin' }),
    ]);
  });

  it('gives one DPO the memberships of both members', async () => {
    const me = await app.http.get('/api/v1/auth/me').set(as(world.sharedDpo));
    expect(me.body.memberships.map((m: { organisationId: string }) => m.organisationId).sort()).toEqual(
      [world.memberA.id, world.memberB.id].sort(),
    );
  });

  it('answers the same 401 for a wrong password and an unknown email', async () => {
    const wrong = await app.http
      .post('/api/v1/auth/login')
      .send({ email: world.dpoA.email, password: 'not-the-password' });
    const unknown = await app.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@nowhere.test', password: 'not-the-password' });
    expectProblem(wrong, 401);
    expectProblem(unknown, 401);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    expect(unknown.body.title).toBe(wrong.body.title);
  });

  it('refuses a login payload with missing fields as 400', async () => {
    expectProblem(await app.http.post('/api/v1/auth/login').send({ email: ADMIN_EMAIL }), 400);
  });

  it('throttles repeated attempts on one account with 429', async () => {
    const victim = await createActor(app, world.admin, [], 'victim');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      statuses.push(
        (
          await app.http
            .post('/api/v1/auth/login')
            .send({ email: victim.email, password: 'guess-guess-guess' })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const blocked = await app.http
      .post('/api/v1/auth/login')
      .send({ email: victim.email, password: PASSWORD });
    expectProblem(blocked, 429);
  });

  it('requires a token on every non-public route', async () => {
    expectProblem(await app.http.get('/api/v1/auth/me'), 401);
    expectProblem(await app.http.get('/api/v1/organisations').set({ Authorization: 'Basic abc' }), 401);
  });

  it('refuses tampered, expired, unsigned, foreign, expiry-less and non-UUID-subject tokens', async () => {
    const [header, payload, signature] = world.dpoA.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${base64url({ ...claims, sub: world.admin.id })}.${signature}`;
    const now = Math.floor(Date.now() / 1000);
    const common = { typ: 'access', sv: 1, sub: world.dpoA.id, aud: 'vigie-api', iss: 'vigie' };
    const expired = forge({ alg: 'HS256', typ: 'JWT' }, { ...common, iat: now - 3600, exp: now - 60 });
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...common, iat: now, exp: now + 600 })}.`;
    const otherSecret = forge(
      { alg: 'HS256', typ: 'JWT' },
      { ...common, iat: now, exp: now + 600 },
      'another-secret-another-secret-another',
    );
    const wrongAlgorithm = forge({ alg: 'HS512', typ: 'JWT' }, { ...common, iat: now, exp: now + 600 });
    const withoutExpiry = forge({ alg: 'HS256', typ: 'JWT' }, { ...common, iat: now });
    const withoutSessionVersion = forge(
      { alg: 'HS256', typ: 'JWT' },
      { typ: 'access', sub: world.dpoA.id, aud: 'vigie-api', iss: 'vigie', iat: now, exp: now + 600 },
    );
    const subjectNotAnId = forge(
      { alg: 'HS256', typ: 'JWT' },
      { ...common, sub: "x' OR '1'='1", iat: now, exp: now + 600 },
    );
    const tokens = [
      tampered,
      expired,
      unsigned,
      otherSecret,
      wrongAlgorithm,
      withoutExpiry,
      subjectNotAnId,
      withoutSessionVersion,
    ];
    for (const token of [...tokens, 'not-a-token']) {
      expectProblem(await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${token}` }), 401);
    }
    const valid = forge({ alg: 'HS256', typ: 'JWT' }, { ...common, iat: now, exp: now + 600 });
    expect((await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${valid}` })).status).toBe(
      200,
    );
  });

  it('refuses a disabled user at once, even with a token issued before', async () => {
    const user = await createActor(
      app,
      world.admin,
      [{ organisationId: world.memberA.id, role: 'reader' }],
      'leaving',
    );
    expect((await app.http.get('/api/v1/auth/me').set(as(user))).status).toBe(200);
    const disabled = await app.http
      .patch(`/api/v1/users/${user.id}`)
      .set(as(world.admin))
      .send({ disabled: true, version: 1 });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expectProblem(await app.http.get('/api/v1/auth/me').set(as(user)), 401);
    expectProblem(
      await app.http.post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }),
      401,
    );
    await app.http
      .patch(`/api/v1/users/${user.id}`)
      .set(as(world.admin))
      .set('If-Match', '2')
      .send({ disabled: false })
      .expect(200);
    expectProblem(await app.http.get('/api/v1/auth/me').set(as(user)), 401);
    expect(await login(app, user.email, PASSWORD)).toEqual(expect.any(String));
  });

  it('ends every token issued before a password change or a removed membership', async () => {
    const user = await createActor(
      app,
      world.admin,
      [
        { organisationId: world.memberA.id, role: 'reader' },
        { organisationId: world.memberB.id, role: 'reader' },
      ],
      'moving',
    );
    const first = await login(app, user.email, PASSWORD);
    const newPassword = 'un nouveau mot de passe solide';
    await app.http
      .patch(`/api/v1/users/${user.id}`)
      .set(as(world.admin))
      .send({ password: newPassword, version: 1 })
      .expect(200);
    expectProblem(await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${first}` }), 401);
    const second = await login(app, user.email, newPassword);
    expect((await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${second}` })).status).toBe(
      200,
    );
    const memberships = await app.http
      .get(`/api/v1/organisations/${world.memberB.id}/memberships`)
      .set(as(world.admin));
    const membership = memberships.body.items.find((m: { userId: string }) => m.userId === user.id);
    await app.http
      .delete(`/api/v1/organisations/${world.memberB.id}/memberships/${membership.id}`)
      .set(as(world.admin))
      .expect(204);
    expectProblem(await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${second}` }), 401);
    const third = await login(app, user.email, newPassword);
    const me = await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${third}` });
    expect(me.body.memberships.map((m: { organisationId: string }) => m.organisationId)).toEqual([
      world.memberA.id,
    ]);
  });

  it('refuses to create the administrator with a weak VIGIE_ADMIN_PASSWORD', async () => {
    await expect(createTestApp({ VIGIE_ADMIN_PASSWORD: 'password1234' })).rejects.toThrow(
      /VIGIE_ADMIN_PASSWORD: Mot de passe trop facile à deviner/,
    );
  });

  it('creates the operator and the administrator only once', async () => {
    const before = await app.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    const outcome = await app.app.get(BootstrapService).ensureInitialised();
    expect(outcome.created).toBe(false);
    const after = await app.dataSource.query('SELECT count(*)::int AS n FROM app_user');
    expect(after[0].n).toBe(before[0].n);
    const operators = await app.dataSource.query(
      "SELECT count(*)::int AS n FROM organisation WHERE kind = 'operator'",
    );
    expect(operators[0].n).toBe(1);
  });

  it('never returns a password hash', async () => {
    const users = await app.http.get('/api/v1/users').set(as(world.admin));
    expect(users.status).toBe(200);
    expect(JSON.stringify(users.body)).not.toMatch(/argon2|passwordHash|password/);
  });
});
