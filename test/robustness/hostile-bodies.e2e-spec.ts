import fc from 'fast-check';
import { discoverRoutes, fillPath, RouteInfo } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';
import { as } from '../support/world';
import { derive } from './matrix/derive';
import { EXPECTATIONS } from './matrix/expectations';
import { MatrixFixtures } from './matrix/fixtures';
import { MATRIX_ROLES, MatrixRole } from './matrix/model';

/** One hostile string in one field of an otherwise valid body (issue 14, item 2). */
const HOSTILE: [label: string, value: string][] = [
  ['NUL', 'avant\u0000après'],
  ['lone surrogate', 'avant\uD800après'],
  ['10,000 characters', 'é'.repeat(10_000)],
  ['RTL override', 'facture\u202Efdp.exe'],
  ['emoji', 'Équipe 👩‍👩‍👧 🏳️‍🌈'],
  ['SQL-ish', '\'; DROP TABLE app_user; -- " OR 1=1'],
  ...fc
    .sample(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { seed: 20261201, numRuns: 2 })
    .map((value, i): [string, string] => [`full Unicode ${i + 1}`, value]),
];

/**
 * Sign-in, password and session routes are left out: a hostile value that a password policy accepts would change
 * a fixture's password and end its tokens, making the rest meaningless (their bodies are fuzzed in
 * test/auth.e2e-spec.ts and bad-input.e2e-spec.ts).
 */
const SKIPPED = /\/auth\/|password/;

/** The string fields of a body: top-level ones and those of objects one level down, as paths. */
function stringFields(body: unknown): string[][] {
  if (!body || typeof body !== 'object') return [];
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') paths.push([key]);
    else if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) if (typeof v === 'string') paths.push([key, inner]);
    } else if (Array.isArray(value) && value[0] && typeof value[0] === 'object') {
      for (const [inner, v] of Object.entries(value[0]))
        if (typeof v === 'string') paths.push([key, '0', inner]);
    } else if (Array.isArray(value) && typeof value[0] === 'string') paths.push([key, '0']);
  }
  return paths;
}

function withValue(body: unknown, path: string[], value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let at: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
  at[path[path.length - 1]] = value;
  return copy;
}

/**
 * Every POST / PATCH / PUT route taking a JSON body, called by a caller the role table allows with the body of
 * the authorisation matrix, one string field at a time replaced by each hostile string: never a 5xx.
 */
describe('Hostile strings in request bodies (e2e)', () => {
  let app: TestApp;
  let fx: MatrixFixtures;
  let routes: RouteInfo[];
  let sent = 0;

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '10000' });
    fx = await new MatrixFixtures(app).build();
    routes = discoverRoutes(app.app).filter(
      (route) =>
        ['POST', 'PATCH', 'PUT'].includes(route.method) && route.bodyType && !SKIPPED.test(route.path),
    );
  }, 120_000);
  afterAll(async () => {
    console.log(`hostile bodies: ${sent} requests over ${routes.length} routes`);
    await app?.close();
  });

  it('answers no 5xx to one hostile string in one field of a valid body', async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const spec = EXPECTATIONS[route.key];
      const side = spec.sides[0];
      const role = MATRIX_ROLES.find(
        (r) => r !== 'anonymous' && derive(fx, route, spec, r, side) === 'allowed',
      ) as Exclude<MatrixRole, 'anonymous'> | undefined;
      if (!role) continue;
      const sample = await spec.request({ fx, side, role, fresh: spec.destructive === true });
      for (const path of stringFields(sample.body)) {
        for (const [label, value] of HOSTILE) {
          const request = await spec.request({ fx, side, role, fresh: spec.destructive === true });
          const method = route.method.toLowerCase() as 'post' | 'put' | 'patch';
          const response = await app.http[method](fillPath(route, request.params))
            .set(as(fx.actors[role]))
            .send(withValue(request.body, path, value) as object);
          sent += 1;
          if (response.status >= 500) {
            failures.push(`${route.key} ${path.join('.')} (${label}): ${response.status}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 1_200_000);
});
