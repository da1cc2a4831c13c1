import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, expectProblem, World } from './support/world';

describe('HTTP conventions (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_BODY_LIMIT_BYTES: '2048' });
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('answers liveness and readiness without a token, outside the API prefix', async () => {
    expect((await app.http.get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await app.http.get('/health/ready')).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document with every route', async () => {
    const response = await app.http.get('/api/docs-json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/organisations',
        '/api/v1/organisations/{id}/memberships',
        '/api/v1/documents/{id}/content',
        '/api/v1/audit-events',
      ]),
    );
    expect((await app.http.get('/api/docs/')).status).toBe(200);
  });

  it('sets security headers and a correlation id on every answer', async () => {
    const response = await app.http.get('/health/live');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-request-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers problem+json for an unknown route, malformed JSON, an oversized body and a wrong content type', async () => {
    expectProblem(await app.http.get('/api/v1/nowhere').set(as(world.admin)), 404);
    const malformed = await app.http
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expectProblem(malformed, 400);
    expect(malformed.body.detail).toBe('Le corps de la requête n’est pas du JSON valide');
    expect(malformed.body.requestId).toEqual(expect.any(String));
    const oversized = await app.http
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .send({ name: 'x'.repeat(4000), shortName: 'BIG', kind: 'member' });
    expectProblem(oversized, 413);
    const asText = await app.http
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .set('Content-Type', 'text/plain')
      .send('name=x');
    expectProblem(asText, 400);
  });

  it('hides internals behind a 500 that carries the correlation id', async () => {
    await app.dataSource.query('ALTER TABLE generated_document RENAME TO generated_document_moved');
    try {
      const response = await app.http
        .get('/api/v1/documents')
        .set(as(world.dpoA))
        .set('X-Request-Id', 'trace-500');
      expectProblem(response, 500);
      expect(response.body).toEqual({
        type: expect.any(String),
        title: 'Erreur interne',
        status: 500,
        detail: 'Une erreur inattendue s’est produite',
        instance: '/api/v1/documents',
        requestId: 'trace-500',
      });
    } finally {
      await app.dataSource.query('ALTER TABLE generated_document_moved RENAME TO generated_document');
    }
  });
});

describe('CORS (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ VIGIE_CORS_ORIGINS: 'https://dpo.example.fr' });
  });
  afterAll(() => app.close());

  it('allows only the configured origins', async () => {
    const allowed = await app.http
      .options('/api/v1/organisations')
      .set('Origin', 'https://dpo.example.fr')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://dpo.example.fr');
    const refused = await app.http
      .options('/api/v1/organisations')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('Database unavailable (e2e, embedded)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  (process.env.DATABASE_URL ? it.skip : it)(
    'answers 503 problem+json and reports the database down',
    async () => {
      const token = (
        await app.http
          .post('/api/v1/auth/login')
          .send({ email: 'admin@vigie.test', password: 'admin-password-for-tests' })
      ).body.accessToken;
      await app.database.embedded!.close();
      const ready = await app.http.get('/health/ready');
      expectProblem(ready, 503);
      const list = await app.http.get('/api/v1/organisations').set({ Authorization: `Bearer ${token}` });
      expectProblem(list, 503);
      expect(list.headers['retry-after']).toBe('5');
    },
  );
});
