import { getMetadataStorage } from 'class-validator';
import { EXPECTATIONS } from './robustness/matrix/expectations';
import { MatrixFixtures } from './robustness/matrix/fixtures';
import type { MatrixRole } from './robustness/matrix/model';
import { discoverRoutes, fillPath, RouteInfo } from './support/routes';
import { createTestApp, TestApp } from './support/test-app';
import { Actor, as, createWorld, World } from './support/world';

const ABSENT_ID = '7d0f0c52-1c7e-4b41-9a07-3c1d8f0b9e11';
const BODY_LIMIT = 16 * 1024;
/** Words and phrases that give away an English sentence in an answer meant for a French reader. */
const ENGLISH =
  /\b(must|should|cannot|can't|not found|invalid|is not|are not|required|expected|allowed|unsupported|failed|too many|too large|no such|already|unknown|please|the|of|only|before|after)\b/i;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: { detail?: unknown; errors?: { message?: unknown }[] };
  text?: string;
}

/** Property names a DTO declares to class-validator. */
function dtoFields(dto: (new () => object) | undefined): string[] {
  if (!dto) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

const isIdParam = (param: string) => /(^id$|Id$)/.test(param);

/**
 * Every error the API answers is written for a French reader: `detail` and `errors[].message` carry no English
 * sentence, whatever the route and the kind of fault (validation, unknown route, malformed body, 401, 403,
 * 404, 409, 413, 415, 429). Codes (`type`) and field names stay machine-readable and are not checked.
 */
describe('Error messages in French (e2e)', () => {
  let app: TestApp;
  let world: World;
  let routes: RouteInfo[];
  const english: string[] = [];
  const seen = new Map<number, number>();

  function check(label: string, response: Answer): void {
    if (response.status < 400) return;
    // The public register's pages answer a French HTML page to people, not a problem document.
    if (label.startsWith('GET /public/') && response.headers['content-type']?.startsWith('text/html')) {
      expect({
        label,
        french: /introuvable|n’est pas publié|n'est pas publié/i.test(response.text ?? ''),
      }).toEqual({
        label,
        french: true,
      });
      return;
    }
    expect({ label, type: response.headers['content-type'] }).toEqual({
      label,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
    const texts = [response.body.detail, ...(response.body.errors ?? []).map((e) => e.message)];
    for (const text of texts) {
      if (typeof text !== 'string') continue;
      // Field names and values quoted from the request are machine-readable: only the sentence is checked.
      const sentence = text.replace(
        /[A-Za-z]+(\.[A-Za-z0-9[\]_-]+)+|\b[a-z]+[A-Z][A-Za-z0-9]*\b|"[^"]*"|\/\S*/g,
        '',
      );
      if (ENGLISH.test(sentence)) english.push(`${label} → ${response.status} « ${text} »`);
    }
  }

  async function call(
    actor: Actor | undefined,
    method: RouteInfo['method'],
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<Answer> {
    let request = app.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    if (actor) request = request.set(as(actor));
    if (contentType) request = request.set('Content-Type', contentType);
    return (await (body === undefined ? request : request.send(body as object))) as unknown as Answer;
  }

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_BODY_LIMIT_BYTES: String(BODY_LIMIT), VIGIE_LOGIN_ATTEMPTS: '3' });
    world = await createWorld(app);
    routes = discoverRoutes(app.app).filter((route) => !route.path.startsWith('/health'));
  });
  afterAll(() => app.close());

  it('sweeps every route with missing credentials, foreign and malformed ids, and bad bodies', async () => {
    for (const route of routes) {
      const path = fillPath(route, (param) => (isIdParam(param) ? ABSENT_ID : 'absent-code'));
      const write = route.method !== 'GET' && route.method !== 'DELETE';
      if (!route.isPublic)
        check(`${route.key} sans jeton`, await call(undefined, route.method, path, write ? {} : undefined));
      check(`${route.key} sans rôle`, await call(world.nobody, route.method, path, write ? {} : undefined));
      check(`${route.key} lecteur`, await call(world.readerA, route.method, path, write ? {} : undefined));
      check(`${route.key} id absent`, await call(world.admin, route.method, path, write ? {} : undefined));
      for (const param of route.pathParams.filter(isIdParam)) {
        const bad = fillPath(route, (p) => (p === param ? 'pas-un-uuid' : isIdParam(p) ? ABSENT_ID : 'x'));
        check(
          `${route.key} :${param} invalide`,
          await call(world.admin, route.method, bad, write ? {} : undefined),
        );
      }
      if (route.method === 'GET') {
        check(`${route.key} ?page`, await call(world.admin, 'GET', `${path}?page=-1&pageSize=abc&zzz=1`));
        continue;
      }
      if (route.method === 'DELETE') continue;
      const send = (label: string, body: unknown, type?: string) =>
        call(world.admin, route.method, path, body, type).then((r) => check(`${route.key} ${label}`, r));
      await send('JSON mal formé', '{"name": "x', 'application/json');
      await send('corps trop gros', { padding: 'x'.repeat(BODY_LIMIT + 1) });
      await send('texte brut', 'name=x', 'text/plain');
      await send('champ inconnu', { definitelyNotAField: true });
      await send('tableau', '[1,2]', 'application/json');
      const fields = dtoFields(route.bodyType);
      if (fields.length === 0) continue;
      for (const value of [12345, 'é'.repeat(10_001), [{ x: 1 }], true, '', null, { a: 1 }, 'x']) {
        await send(
          `champs = ${JSON.stringify(value).slice(0, 12)}`,
          Object.fromEntries(fields.map((f) => [f, value])),
        );
      }
    }
    expect(english).toEqual([]);
    expect([...seen.keys()].sort()).toEqual(expect.arrayContaining([400, 401, 403, 404, 413]));
  });

  it('answers unknown routes, methods, conflicts, stale versions and throttling in French', async () => {
    check('route inconnue', await call(world.admin, 'GET', '/api/v1/nothing-here'));
    check('méthode inconnue', await call(world.admin, 'DELETE', '/api/v1/organisations'));
    const organisation = await call(world.admin, 'POST', '/api/v1/organisations', {
      name: 'Mairie de Villeneuve-Saint-Georges',
      shortName: 'VSG',
      kind: 'member',
    });
    const again = await call(world.admin, 'POST', '/api/v1/organisations', {
      name: 'Autre',
      shortName: 'VSG',
      kind: 'member',
    });
    expect(again.status).toBe(409);
    check('nom court en double', again);
    const id = (organisation.body as { id?: string }).id;
    const stale = (await app.http
      .patch(`/api/v1/organisations/${id}`)
      .set(as(world.admin))
      .set('If-Match', '99')
      .send({ name: 'Mairie de Villeneuve-Saint-Georges', version: 99 })) as unknown as Answer;
    expect(stale.status).toBe(409);
    check('version périmée', stale);
    const noVersion = await call(world.admin, 'PATCH', `/api/v1/organisations/${id}`, { name: 'Autre nom' });
    expect(noVersion.status).toBe(400);
    check('version absente', noVersion);
    const nullName = await call(world.admin, 'PATCH', `/api/v1/organisations/${id}`, {
      name: null,
      version: 1,
    });
    expect(nullName.status).toBe(400);
    check('nom à null', nullName);
    const wrongRole = await call(world.admin, 'POST', `/api/v1/organisations/${id}/memberships`, {
      userId: world.readerA.id,
      role: 'vendor-contact',
    });
    expect(wrongRole.status).toBe(400);
    check('rôle inadapté', wrongRole);
    for (let i = 0; i < 5; i += 1) {
      check(
        'connexion refusée',
        await call(undefined, 'POST', '/api/v1/auth/login', {
          email: world.readerA.email,
          password: 'mauvais-mot-de-passe',
        }),
      );
    }
    expect(seen.get(429)).toBeGreaterThan(0);
    expect(english).toEqual([]);
  });
});

/** A value of the right shape but wrong in substance, to reach the services' own checks. */
function wrongValue(field: string): unknown[] {
  if (/Ids$/.test(field)) return [[ABSENT_ID]];
  if (/Id$/.test(field)) return [ABSENT_ID];
  if (/Date$/.test(field)) return ['1999-01-01', '2999-12-31'];
  if (/At$/.test(field)) return ['1999-01-01T00:00:00Z', '2999-12-31T00:00:00Z'];
  if (field === 'version') return [999];
  return [null, ''];
}

/**
 * The services' own checks (unknown ids, dates out of order, states that forbid a change) answer in French
 * too: every write route is called on real records of the matrix fixtures, by each role, with one field at a
 * time set to a value of the right shape but wrong in substance.
 */
describe('Domain errors in French on real records (e2e)', () => {
  let app: TestApp;
  let fx: MatrixFixtures;
  const english: string[] = [];
  let answered = 0;

  beforeAll(async () => {
    app = await createTestApp();
    fx = await new MatrixFixtures(app).build();
  });
  afterAll(() => app.close());

  it('answers every refusal of a service in French', async () => {
    const roles: Exclude<MatrixRole, 'anonymous'>[] = [
      'admin',
      'security-officer',
      'dpo',
      'editor',
      'vendor-contact',
    ];
    const routes = discoverRoutes(app.app).filter((r) => r.bodyType && EXPECTATIONS[r.key]);
    for (const route of routes) {
      const spec = EXPECTATIONS[route.key];
      const side = spec.sides[0];
      const fields = dtoFields(route.bodyType);
      for (const role of roles) {
        const request = await spec.request({ fx, side, role, fresh: false });
        if (request.file || request.raw || typeof request.body !== 'object' || request.body === null)
          continue;
        for (const field of fields) {
          for (const value of wrongValue(field)) {
            const method = route.method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
            const response = await app.http[method](fillPath(route, request.params))
              .set(as(fx.actors[role]))
              .send({ ...(request.body as object), [field]: value });
            if (response.status < 400) continue;
            answered += 1;
            const body = response.body as Answer['body'];
            for (const text of [body.detail, ...(body.errors ?? []).map((e) => e.message)]) {
              if (typeof text !== 'string') continue;
              const sentence = text.replace(
                /[A-Za-z]+(\.[A-Za-z0-9[\]_-]+)+|\b[a-z]+[A-Z][A-Za-z0-9]*\b|"[^"]*"|\/\S*/g,
                '',
              );
              if (ENGLISH.test(sentence))
                english.push(`${route.key} ${role} ${field}=${JSON.stringify(value)} → « ${text} »`);
            }
          }
        }
      }
    }
    expect(answered).toBeGreaterThan(100);
    expect([...new Set(english)]).toEqual([]);
    // A sweep of every route with a body, every role, every field: some thousand requests, a minute when the
    // machine is busy; the bound only stops a hung run.
  }, 600_000);
});
