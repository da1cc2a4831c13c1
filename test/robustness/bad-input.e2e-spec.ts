import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { discoverRoutes, fillPath, RouteInfo } from '../support/routes';
import { rowCounts } from '../support/row-counts';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createWorld, World } from '../support/world';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BODY_LIMIT = 64 * 1024;
const RANDOM_BODIES_PER_ROUTE = 12;
const ABSENT_ID = '7d0f0c52-1c7e-4b41-9a07-3c1d8f0b9e11';

/** Property names a DTO declares to class-validator (the fields a client may send). */
function dtoFields(dto: (new () => object) | undefined): string[] {
  if (!dto) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

/** A path parameter that names an id (UUID) rather than a code. */
function isIdParam(param: string): boolean {
  return /(^id$|Id$)/.test(param);
}

let cases = 0;

/**
 * Every write route of the application, whatever its capability, answers invalid requests with a 4xx
 * problem+json (never a 5xx) and writes nothing. The routes come from Nest's own route table, so a new route
 * is covered as soon as it exists.
 */
describe('Bad input on every write route (e2e)', () => {
  let app: TestApp;
  let world: World;
  let routes: RouteInfo[];

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_BODY_LIMIT_BYTES: String(BODY_LIMIT), VIGIE_LOGIN_ATTEMPTS: '10000' });
    world = await createWorld(app);
    routes = discoverRoutes(app.app).filter((route) => WRITE_METHODS.has(route.method));
  });
  afterAll(async () => {
    console.log(`bad-input cases sent: ${cases} over ${routes.length} write routes`);
    await app.close();
  });

  async function send(
    route: RouteInfo,
    path: string,
    prepare: (request: ReturnType<TestApp['http']['post']>) => ReturnType<TestApp['http']['post']>,
  ) {
    const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
    const response = await prepare(app.http[method](path).set(as(world.admin)));
    cases += 1;
    return response;
  }

  function expectClientProblem(
    route: RouteInfo,
    label: string,
    response: { status: number; headers: Record<string, string> },
    allowed?: number[],
  ) {
    const verdict = `${route.key} (${label}) answered ${response.status}`;
    if (allowed) expect({ verdict, ok: allowed.includes(response.status) }).toEqual({ verdict, ok: true });
    else
      expect({ verdict, ok: response.status >= 400 && response.status < 500 }).toEqual({ verdict, ok: true });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  it('finds write routes to test', () => {
    expect(routes.length).toBeGreaterThan(5);
  });

  it('answers 4xx problem+json to malformed, mistyped, unknown, overlong and oversized input, writing nothing', async () => {
    for (const route of routes) {
      const before = await rowCounts(app.dataSource);
      const path = fillPath(route, (param) => (isIdParam(param) ? ABSENT_ID : 'absent-code'));

      for (const param of route.pathParams.filter(isIdParam)) {
        const badPath = fillPath(route, (p) =>
          p === param ? 'not-a-uuid' : isIdParam(p) ? ABSENT_ID : 'absent-code',
        );
        expectClientProblem(
          route,
          `invalid uuid in :${param}`,
          await send(route, badPath, (r) => r.send({})),
          [400],
        );
      }

      if (route.method !== 'DELETE') {
        const malformed = await send(route, path, (r) =>
          r.set('Content-Type', 'application/json').send('{"name": "unterminated'),
        );
        expectClientProblem(route, 'malformed JSON', malformed, [400]);
        const oversized = await send(route, path, (r) => r.send({ padding: 'x'.repeat(BODY_LIMIT + 1) }));
        expectClientProblem(route, 'oversized JSON', oversized, [413]);
        const wrongType = await send(route, path, (r) =>
          r.set('Content-Type', 'text/plain').send('name=Mairie'),
        );
        expectClientProblem(route, 'wrong content type', wrongType);
        const unknown = await send(route, path, (r) => r.send({ definitelyNotAField: true }));
        expectClientProblem(route, 'unknown field', unknown);
        const notAnObject = await send(route, path, (r) =>
          r.set('Content-Type', 'application/json').send('[1,2,3]'),
        );
        expectClientProblem(route, 'array body', notAnObject);
      }

      const fields = dtoFields(route.bodyType);
      if (fields.length > 0) {
        for (const field of fields) {
          const overlong = await send(route, path, (r) => r.send({ [field]: 'é'.repeat(10_001) }));
          expectClientProblem(route, `overlong ${field}`, overlong);
        }
        const value = fc.oneof(
          fc.string(),
          fc.integer(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
          fc.array(fc.anything(), { maxLength: 3 }),
          fc.object({ maxDepth: 2 }),
        );
        const body = fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] });
        await fc.assert(
          fc.asyncProperty(body, async (payload) => {
            const response = await send(route, path, (r) => r.send(payload));
            expect(response.status).toBeLessThan(500);
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          }),
          { numRuns: RANDOM_BODIES_PER_ROUTE, seed: 20261128 },
        );
      }

      expect({ route: route.key, counts: await rowCounts(app.dataSource) }).toEqual({
        route: route.key,
        counts: before,
      });
    }
  });
});
