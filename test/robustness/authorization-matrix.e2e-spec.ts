import { abilityFor, declarationProblem, refusesEarly } from '@vigie/authz';
import { getMetadataStorage } from 'class-validator';
import { discoverRoutes, fillPath, RouteInfo } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';
import { as } from '../support/world';
import { EXPECTATIONS, RouteExpectation } from './matrix/expectations';
import { MatrixFixtures } from './matrix/fixtures';
import { derive, permissionOf } from './matrix/derive';
import { MATRIX_ROLES, MatrixRole, Outcome, Side } from './matrix/model';

function classify(status: number, body: { items?: unknown }): Outcome | '5xx' | 'other' {
  if (status === 401 || status === 403 || status === 404) return status;
  if (status >= 500) return '5xx';
  if (status >= 200 && status < 300)
    return Array.isArray(body?.items) && body.items.length === 0 ? 'empty' : 'allowed';
  if (status === 400 || status === 409) return 'allowed';
  return 'other';
}

interface Case {
  route: RouteInfo;
  spec: RouteExpectation;
  role: MatrixRole;
  side: Side;
  expected: Outcome;
}

/**
 * The authorisation matrix: every route of the application's own route table, called as every role (and
 * anonymously) on its own side's and on another organisation's resources, compared with the role table of
 * `libs/authz`, for the permission each route declares on itself (`@Endpoint`, read from the route table; see
 * `matrix/expectations.ts` for how each route is called and what own/other mean for it).
 *
 * Order: within a route, the calls expected to be refused run first and the allowed ones last, so that an
 * allowed write cannot make a refusal meaningless; the routes whose allowed calls destroy or close their
 * resource (`destructive`) give each allowed call a fresh resource, so that every allowed caller meets the
 * resource in the state the route needs. Other allowed writes keep the shared resources usable (they send
 * the current version, add rows, or change a field to the same kind of value).
 */
describe('Authorisation matrix (e2e)', () => {
  let app: TestApp;
  let fx: MatrixFixtures;
  let routes: RouteInfo[];
  let cases = 0;
  let nullCases = 0;
  const byOutcome: Record<string, number> = {};
  /** Allowed callers answered 400/409 by a domain rule (state, uniqueness): listed with the count. */
  const refusedByState: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '10000' });
    fx = await new MatrixFixtures(app).build();
    routes = discoverRoutes(app.app);
  }, 300_000);
  afterAll(async () => {
    const twoSided = routes.filter((route) => EXPECTATIONS[route.key]?.sides.length === 2).length;
    console.log(
      `authorisation matrix: ${cases} cases = ${routes.length} routes (${twoSided} called on own and other ` +
        `organisation, ${routes.length - twoSided} reaching no particular one) × ${MATRIX_ROLES.length} roles; ` +
        `expected ${Object.entries(byOutcome)
          .map(([outcome, n]) => `${outcome}: ${n}`)
          .join(', ')}; allowed calls answered 400/409 by a domain rule: ${refusedByState.length}` +
        (refusedByState.length ? `\n  ${refusedByState.join('\n  ')}` : '') +
        `\nnull-field updates sent as an allowed caller: ${nullCases}`,
    );
    await app?.close();
  });

  it('reads a declared access on every route: a permission of the role table, signed-in or public', () => {
    expect(routes.filter((route) => declarationProblem(route.access)).map((route) => route.key)).toEqual([]);
  });

  it('refuses early only where the role table gives 403: a route naming no record, no rule for its action', () => {
    const early = routes.filter((route) => refusesEarly(route));
    const disagreements = early.flatMap((route) =>
      MATRIX_ROLES.filter((role) => role !== 'anonymous')
        .filter(
          (role) =>
            !abilityFor(fx.contexts[role]).can(permissionOf(route).action, permissionOf(route).subject),
        )
        .flatMap((role) =>
          EXPECTATIONS[route.key].sides.map((side) => ({
            role,
            side,
            derived: derive(fx, route, EXPECTATIONS[route.key], role, side),
          })),
        )
        .filter(({ derived }) => derived !== 403)
        .map(({ role, side, derived }) => `${route.key} ${role} ${side}: derived ${derived}`),
    );
    expect({ early: early.length > 0, disagreements }).toEqual({ early: true, disagreements: [] });
  });

  it('has an expectation for every route, and no expectation for a route that does not exist', () => {
    const keys = new Set(routes.map((route) => route.key));
    expect({
      missingFromTable: routes.filter((route) => !EXPECTATIONS[route.key]).map((route) => route.key),
      notARoute: Object.keys(EXPECTATIONS).filter((key) => !keys.has(key)),
    }).toEqual({ missingFromTable: [], notARoute: [] });
  });

  // Some 2,000 requests: on a loaded 2-core machine they take minutes, hence the bounds of these two cases.
  it('answers every route, every role, own and other organisation, as the role table says', async () => {
    const mismatches: string[] = [];
    for (const route of routes) {
      const spec = EXPECTATIONS[route.key];
      if (!spec) continue;
      const planned: Case[] = [];
      for (const side of spec.sides) {
        for (const role of MATRIX_ROLES) {
          const derived = derive(fx, route, spec, role, side);
          const expected = spec.expect ? spec.expect.outcome(role, side, derived) : derived;
          planned.push({ route, spec, role, side, expected });
        }
      }
      planned.sort((a, b) => Number(a.expected === 'allowed') - Number(b.expected === 'allowed'));
      for (const item of planned) {
        if (process.env.MATRIX_TRACE) console.log(`${route.key} ${item.role} ${item.side}`);
        const got = await call(item);
        cases += 1;
        byOutcome[String(item.expected)] = (byOutcome[String(item.expected)] ?? 0) + 1;
        const outcome = classify(got.status, got.body);
        if (got.status === 400 || got.status === 409) {
          refusedByState.push(
            `${route.key} ${item.role} ${item.side}: ${got.status} ${got.body?.detail ?? ''}`,
          );
        }
        if (outcome !== item.expected) {
          mismatches.push(
            `${route.key} ${item.role} ${item.side}: expected ${item.expected}, got ${got.status}` +
              (got.status >= 400 ? ` ${JSON.stringify(got.body?.detail ?? got.body?.title ?? '')}` : ''),
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 900_000);

  it('never answers a 5xx to an allowed update that sets any field to null', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => (r.method === 'PATCH' || r.method === 'PUT') && r.bodyType)) {
      const spec = EXPECTATIONS[route.key];
      const side = spec.sides[0];
      const role = MATRIX_ROLES.find(
        (r) => r !== 'anonymous' && derive(fx, route, spec, r, side) === 'allowed',
      ) as Exclude<MatrixRole, 'anonymous'> | undefined;
      if (!role) continue;
      const fields = [
        ...new Set(
          getMetadataStorage()
            .getTargetValidationMetadatas(route.bodyType!, '', true, false)
            .map((m) => m.propertyName),
        ),
      ];
      for (const field of fields.filter((f) => f !== 'version')) {
        const request = await spec.request({ fx, side, role, fresh: spec.destructive === true });
        const body = { ...(request.body as object), [field]: null };
        const method = route.method.toLowerCase() as 'put' | 'patch';
        const response = await app.http[method](fillPath(route, request.params))
          .set(as(fx.actors[role]))
          .send(body);
        nullCases += 1;
        if (response.status >= 500) failures.push(`${route.key} ${field}: null → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 900_000);

  async function call({ route, spec, role, side, expected }: Case) {
    const input = { fx, side, role, fresh: expected === 'allowed' && spec.destructive === true };
    const request = await spec.request(input);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let test = app.http[method](fillPath(route, request.params));
    if (role !== 'anonymous') test = test.set(as(fx.actors[role]));
    for (const [name, value] of Object.entries(request.headers ?? {})) test = test.set(name, value);
    if (request.file) {
      for (const [key, value] of Object.entries(request.file.fields ?? {})) test = test.field(key, value);
      return test.attach('file', request.file.buffer, request.file.name);
    }
    if (request.raw) return test.set('Content-Type', request.raw.contentType).send(request.raw.data);
    if (request.body !== undefined) return test.send(request.body as object);
    return test;
  }
});
