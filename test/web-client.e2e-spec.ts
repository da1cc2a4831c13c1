import { readFileSync } from 'node:fs';
import { createEntry, entryPayload } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, World } from './support/world';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { typesFor, TYPES_FILE } = require('../scripts/openapi-types.js') as {
  typesFor: (document: unknown) => string;
  TYPES_FILE: string;
};

/** What the web application relies on in the API: its generated client types, the register's text filter. */
describe('Web client contract (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('has committed client types that match /api/docs-json (else run `npm run api:types`)', async () => {
    const document = await app.http.get('/api/docs-json');
    expect(document.status).toBe(200);
    const committed = readFileSync(TYPES_FILE, 'utf8');
    const fresh = typesFor(document.body);
    expect(fresh === committed ? 'up to date' : 'stale: run `npm run api:types`').toBe('up to date');
  });

  it('documents the answers the screens read, with their nullable fields', async () => {
    const { body } = await app.http.get('/api/docs-json');
    const entry = body.components.schemas.ProcessingActivityResponse;
    expect(entry.properties.reviewDate).toMatchObject({ type: 'string', nullable: true });
    expect(entry.properties.dpia.$ref ?? entry.properties.dpia.allOf?.[0]?.$ref).toBe(
      '#/components/schemas/DpiaScreeningResponse',
    );
    const list = body.paths['/api/v1/organisations/{orgId}/processing-activities'].get;
    expect(list.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ProcessingActivityPageResponse',
    );
    expect(
      body.paths['/api/v1/auth/session'].post.responses['200'].content['application/json'].schema.$ref,
    ).toBe('#/components/schemas/MeDto');
  });

  it('filters the register list by text in the name, any case, wildcards taken literally', async () => {
    await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Gestion des listes électorales'));
    await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Cantine scolaire'));
    await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Taux de 100% de réussite'));
    const names = async (q: string) =>
      (
        await app.http
          .get(`/api/v1/organisations/${world.memberA.id}/processing-activities`)
          .query({ q })
          .set(as(world.readerA))
      ).body.items.map((item: { name: string }) => item.name);
    expect(await names('LISTES électorales')).toEqual(['Gestion des listes électorales']);
    expect(await names('cantine')).toEqual(['Cantine scolaire']);
    expect(await names('%')).toEqual(['Taux de 100% de réussite']);
    expect(await names('_')).toEqual([]);
    expect(await names('introuvable')).toEqual([]);
  });
});
