import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { discoverRoutes, fillPath, RouteInfo } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';
import { as } from '../support/world';
import { derive } from './matrix/derive';
import { EXPECTATIONS } from './matrix/expectations';
import { MatrixFixtures } from './matrix/fixtures';
import { MATRIX_ROLES, MatrixRole } from './matrix/model';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);
const SEED = 20261201;

/** A hostile string, and whether the global rule (NUL, lone surrogates) must refuse it before the DTO. */
interface Hostile {
  label: string;
  value: string;
  refusedByMiddleware: boolean;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (value: string) => value.includes('\u0000') || LONE_SURROGATE.test(value);

/** Deterministic samples of fast-check's arbitrary strings (any code point, lone surrogates included). */
function samples(label: string, arbitrary: fc.Arbitrary<string>, count: number): Hostile[] {
  return fc
    .sample(arbitrary, { numRuns: count, seed: SEED })
    .map((value, i) => ({ label: `${label} #${i}`, value, refusedByMiddleware: unstorable(value) }));
}

const FIXED: Hostile[] = [
  { label: 'NUL', value: 'Mairie\u0000de Test', refusedByMiddleware: true },
  { label: 'lone surrogate', value: 'Mairie \ud800 de Test', refusedByMiddleware: true },
  { label: '10,000 characters', value: 'a'.repeat(10_000), refusedByMiddleware: false },
  { label: 'RTL override', value: 'Rapport\u202Efdp.exe', refusedByMiddleware: false },
  { label: 'emoji', value: 'Équipe 👩‍⚕️🔒🇫🇷', refusedByMiddleware: false },
  { label: 'SQL-ish', value: "'; DROP TABLE x; --", refusedByMiddleware: false },
];
/** Every fixed string, then fast-check's binary and full-Unicode strings (a few each, seeded). */
const HOSTILE: Hostile[] = [
  ...FIXED,
  ...samples('fc binary', fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }), 2),
  ...samples('fc fullUnicode', fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), 2),
];

/** A string leaf of a JSON body: its path as the problem's `errors[].field` names it, and how to replace it. */
interface Leaf {
  field: string;
  replace: (body: unknown, value: string) => unknown;
}

/** The string leaves of a body (nested objects and arrays included), in document order. */
function stringLeaves(value: unknown, field = ''): Leaf[] {
  if (typeof value === 'string') return [{ field, replace: (_body, hostile) => hostile }];
  if (value === null || typeof value !== 'object') return [];
  const leaves: Leaf[] = [];
  for (const [key, child] of Object.entries(value)) {
    const childField = Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
    for (const leaf of stringLeaves(child, childField)) {
      leaves.push({
        field: leaf.field,
        replace: (body, hostile) => {
          const copy = (Array.isArray(body) ? [...body] : { ...(body as object) }) as Record<string, unknown>;
          copy[key] = leaf.replace((body as Record<string, unknown>)[key], hostile);
          return copy;
        },
      });
    }
  }
  return leaves;
}

/** Top-level string fields the DTO declares (`@IsString()`) that the valid body leaves out (optional ones). */
function absentStringFields(dto: (new () => object) | undefined, body: unknown): Leaf[] {
  if (!dto || typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const fields = new Set(metadata.filter((m) => m.name === 'isString' && !m.each).map((m) => m.propertyName));
  return [...fields]
    .filter((field) => !(field in body))
    .map((field) => ({
      field,
      replace: (value, hostile) => ({ ...(value as object), [field]: hostile }),
    }));
}

let cases = 0;
const statuses: Record<string, number> = {};

/**
 * Otherwise valid bodies, sent by a caller the role table allows, with one hostile string in one field: the
 * fixed strings of the black-box test (NUL, a lone surrogate, 10,000 characters, an RTL override, emoji,
 * SQL-ish text) and fast-check's binary and full-Unicode strings. Every POST, PUT and PATCH route with a JSON
 * body is covered (the routes come from Nest's route table, their valid bodies from the authorisation matrix).
 * None may answer a 5xx; NUL and lone surrogates answer a French 400 problem naming the field.
 *
 * The fields are the string leaves of the valid body (nested ones included) and the optional top-level string
 * fields of the DTO the valid body leaves out. Bounded: every string field gets the strings the global rule refuses (cheap, no SQL) and a rotating share
 * of the others (deterministic: the field's index picks them), so that every string reaches some field of
 * every route without the full cross product.
 *
 * On the embedded database only: what it tests is the validation in front of PostgreSQL, and PGlite is the same
 * PostgreSQL (same jsonb and text rules), so the PostgreSQL pass of `.ci/run` would repeat the same answers.
 */
const onEmbeddedDatabase = process.env.DATABASE_URL ? describe.skip : describe;
onEmbeddedDatabase('Hostile strings in otherwise valid bodies (e2e)', () => {
  let app: TestApp;
  let fx: MatrixFixtures;
  let routes: RouteInfo[];

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_LOGIN_ATTEMPTS: '10000' });
    fx = await new MatrixFixtures(app).build();
    routes = discoverRoutes(app.app).filter((route) => WRITE_METHODS.has(route.method));
  }, 300_000);
  afterAll(async () => {
    console.log(
      `hostile-bodies cases sent: ${cases} over ${routes.length} write routes; answers: ` +
        Object.entries(statuses)
          .sort()
          .map(([status, n]) => `${status}: ${n}`)
          .join(', '),
    );
    await app?.close();
  });

  /** The first role the role table allows on the route (own side first), or undefined. */
  function allowedCaller(route: RouteInfo) {
    const spec = EXPECTATIONS[route.key];
    for (const side of spec.sides) {
      for (const role of MATRIX_ROLES) {
        const derived = derive(fx, route, spec, role, side);
        const expected = spec.expect ? spec.expect.outcome(role, side, derived) : derived;
        if (expected === 'allowed') return { side, role };
      }
    }
    return undefined;
  }

  it('answers no 5xx to one hostile string in one field of any write route, and names refused fields', async () => {
    const failures: string[] = [];
    let fuzzedRoutes = 0;
    for (const route of routes) {
      const spec = EXPECTATIONS[route.key];
      const caller = spec && allowedCaller(route);
      if (!caller) continue;
      const { side, role } = caller as { side: (typeof spec.sides)[number]; role: MatrixRole };
      const probe = await spec.request({ fx, side, role, fresh: false });
      if (probe.file || probe.raw || probe.body === undefined) continue;
      const leaves = [...stringLeaves(probe.body), ...absentStringFields(route.bodyType, probe.body)];
      if (leaves.length === 0) continue;
      fuzzedRoutes += 1;
      const cheap = HOSTILE.filter((h) => h.refusedByMiddleware);
      const reaching = HOSTILE.filter((h) => !h.refusedByMiddleware);
      for (const [index, leaf] of leaves.entries()) {
        // Two of the strings that reach the DTO and the service per field, rotating over fields.
        const chosen = [
          ...cheap,
          reaching[(2 * index) % reaching.length],
          reaching[(2 * index + 1) % reaching.length],
        ];
        // A route with a single string field gets every string.
        for (const hostile of leaves.length === 1 ? HOSTILE : chosen) {
          // A fresh request each time: the current version, and a fresh resource where the route closes it.
          const request = await spec.request({
            fx,
            side,
            role,
            fresh: spec.destructive === true && !hostile.refusedByMiddleware,
          });
          const body = leaf.replace(request.body, hostile.value) as object;
          const method = route.method.toLowerCase() as 'post' | 'put' | 'patch';
          let test = app.http[method](fillPath(route, request.params));
          if (role !== 'anonymous') test = test.set(as(fx.actors[role]));
          const response = await test.send(body);
          cases += 1;
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const what = `${route.key} ${leaf.field} ← ${hostile.label}: ${response.status}`;
          if (response.status >= 500) {
            failures.push(`${what} ${JSON.stringify(response.body?.detail ?? '')}`);
            continue;
          }
          if (response.status >= 400 && !/^application\/problem\+json/.test(response.headers['content-type']))
            failures.push(`${what} without problem+json`);
          if (hostile.refusedByMiddleware) {
            const named = (response.body?.errors ?? []).map((e: { field: string }) => e.field);
            const french = /^Le (nom de )?champ /.test(response.body?.errors?.[0]?.message ?? '');
            if (response.status !== 400 || !named.includes(leaf.field) || !french)
              failures.push(`${what} expected a French 400 naming ${leaf.field}, got ${named.join(', ')}`);
          }
        }
      }
    }
    expect(fuzzedRoutes).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  }, 900_000);
});
