import fc from 'fast-check';
import { discoverRoutes, fillPath, RouteInfo } from '../support/routes';
import { rowCounts } from '../support/row-counts';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createWorld, World } from '../support/world';

const ABSENT_ID = '7d0f0c52-1c7e-4b41-9a07-3c1d8f0b9e11';
const QUERY_STRINGS_PER_ROUTE = 6;

function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/**
 * What the black-box test found answering 500: `?offset=` on lists, NUL characters and lone surrogates (which
 * PostgreSQL text and jsonb refuse), JSON nested thousands of levels deep, hostile query strings on reads.
 * Each now answers a 4xx problem naming the field, and writes nothing.
 */
describe('Hostile strings and query parameters (e2e)', () => {
  let app: TestApp;
  let world: World;
  let getRoutes: RouteInfo[];

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '10000' });
    world = await createWorld(app);
    getRoutes = discoverRoutes(app.app).filter((route) => route.method === 'GET' && !route.isPublic);
  });
  afterAll(() => app.close());

  function pathOf(route: RouteInfo): string {
    return fillPath(route, (param) => (/(^id$|Id$)/.test(param) ? ABSENT_ID : 'iso27001-2022'));
  }

  it('refuses ?offset= on every list as an unknown parameter (was a 500 on 15 lists)', async () => {
    const lists = [
      '/api/v1/organisations',
      '/api/v1/applications',
      '/api/v1/frameworks',
      '/api/v1/documents',
    ];
    for (const path of lists) {
      const response = await app.http.get(`${path}?offset=1`).set(as(world.admin));
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers no 5xx to any GET route whatever its query string', async () => {
    const hostile = fc.oneof(
      fc.constantFrom('offset=1', 'page=-1', 'pageSize=100000', 'page=1e309', 'a%00b=1', 'search=%00'),
      fc
        .dictionary(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 40 }), {
          maxKeys: 3,
        })
        .map((params) => new URLSearchParams(params).toString()),
    );
    for (const route of getRoutes) {
      await fc.assert(
        fc.asyncProperty(hostile, async (query) => {
          const response = await app.http.get(`${pathOf(route)}?${query}`).set(as(world.admin));
          expect({ route: route.key, query, status: response.status < 500 }).toEqual({
            route: route.key,
            query,
            status: true,
          });
        }),
        { numRuns: QUERY_STRINGS_PER_ROUTE, seed: 20261201 },
      );
    }
  });

  it('refuses a NUL character in a body field with a 400 naming the field, writing nothing', async () => {
    const before = await rowCounts(app.dataSource);
    const response = await app.http
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .send({ name: 'Mairie\u0000de Test', shortName: 'NUL', kind: 'member' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'name' })]);
    expect(response.body.errors[0].message).toMatch(/caractère nul/);
    expect(await rowCounts(app.dataSource)).toEqual(before);
  });

  it('refuses a lone surrogate anywhere in the body, nested fields included', async () => {
    const response = await app.http
      .post(`/api/v1/organisations/${world.memberA.id}/processing-activities`)
      .set(as(world.dpoA))
      .set('Content-Type', 'application/json')
      .send(
        '{"name":"Cantine","purposes":[{"description":"Inscription \\ud800","legalBasis":"public-task"}]}',
      );
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'purposes[0].description' })]);
  });

  it('refuses a NUL character in a query filter and in a key', async () => {
    for (const query of ['search=a%00b', 'a%00b=1']) {
      const response = await app.http.get(`/api/v1/organisations?${query}`).set(as(world.admin));
      expect(response.status).toBe(400);
    }
  });

  it('refuses JSON nested 5,000 levels deep with a 400, and still accepts ordinary nesting', async () => {
    const deep = await app.http
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .set('Content-Type', 'application/json')
      .send(nested(5000));
    expect(deep.status).toBe(400);
    expect(deep.body.detail).toMatch(/imbriqué trop profondément/);
    const ordinary = await app.http
      .post('/api/v1/organisations')
      .set(as(world.admin))
      .send({ name: 'Mairie de Nesting', shortName: 'NEST', kind: 'member' });
    expect(ordinary.status).toBe(201);
  });

  it('sends Cache-Control: no-store on API answers holding personal data and tokens', async () => {
    const me = await app.http.get('/api/v1/auth/me').set(as(world.dpoA));
    expect(me.headers['cache-control']).toBe('no-store');
    const problem = await app.http.get('/api/v1/auth/me');
    expect(problem.headers['cache-control']).toBe('no-store');
  });
});
