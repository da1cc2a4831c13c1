import { parse } from 'csv-parse/sync';
import { accessibilityProblems } from './support/html-structure';
import { createApplication, createEntry, entryPayload, entryVersion } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { as, Actor, createWorld, expectProblem, World } from './support/world';

const api = '/api/v1';

/**
 * The public register: opted in by the member's DPO, read without authentication at the site root, limited to
 * the validated entries and the published fields, closed again at once.
 */
describe('Public register (e2e)', () => {
  let app: TestApp;
  let world: World;
  let shortA: string;
  let shortB: string;
  let published: { id: string };
  let second: { id: string };
  let draft: { id: string };
  let archived: { id: string };
  let entryB: { id: string };

  async function validate(actor: Actor, entry: { id: string; version: number }) {
    const response = await app.http
      .post(`${api}/processing-activities/${entry.id}/validate`)
      .set(as(actor))
      .send({ version: entry.version });
    expect(response.status).toBe(200);
    return response.body as { id: string; version: number };
  }

  async function settings(actor: Actor, orgId: string) {
    return app.http.get(`${api}/organisations/${orgId}/publication`).set(as(actor));
  }

  async function put(actor: Actor, orgId: string, body: Record<string, unknown>) {
    const current = await settings(world.dpoA, orgId);
    return app.http
      .put(`${api}/organisations/${orgId}/publication`)
      .set(as(actor))
      .send({ version: current.body.version, ...body });
  }

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    shortA = (await app.http.get(`${api}/organisations/${world.memberA.id}`).set(as(world.admin))).body
      .shortName;
    shortB = (await app.http.get(`${api}/organisations/${world.memberB.id}`).set(as(world.admin))).body
      .shortName;
    const application = await createApplication(app, world.admin, 'Portail Famille', [world.memberA.id]);
    published = await validate(
      world.dpoA,
      await createEntry(
        app,
        world.editorA,
        world.memberA.id,
        entryPayload('Inscriptions scolaires', {
          description: 'Note interne : voir le dossier de M. Dupont',
          applicationIds: [application.id],
          securityMeasures: ['Mot de passe du serveur changé chaque trimestre'],
          transfers: [{ recipient: 'Hébergeur de secours', country: 'CH', safeguard: 'adequacy-decision' }],
        }),
      ),
    );
    second = await validate(
      world.dpoA,
      await createEntry(app, world.editorA, world.memberA.id, entryPayload('Action sociale facultative')),
    );
    draft = await createEntry(
      app,
      world.editorA,
      world.memberA.id,
      entryPayload('Projet confidentiel brouillon'),
    );
    const toArchive = await validate(
      world.dpoA,
      await createEntry(app, world.editorA, world.memberA.id, entryPayload('Ancien fichier archivé')),
    );
    expect(
      (
        await app.http
          .delete(`${api}/processing-activities/${toArchive.id}`)
          .set(as(world.dpoA))
          .set('If-Match', String(await entryVersion(app, toArchive.id)))
      ).status,
    ).toBe(200);
    archived = toArchive;
    entryB = await validate(
      world.dpoB,
      await createEntry(app, world.dpoB, world.memberB.id, entryPayload('Traitement de Vitry')),
    );
  }, 120_000);
  afterAll(() => app?.close());

  it('is not published until the DPO says so: every public address answers 404', async () => {
    const current = await settings(world.readerA, world.memberA.id);
    expect(current.status).toBe(200);
    expect(current.body).toMatchObject({
      enabled: false,
      version: 0,
      fields: ['name', 'purposes', 'dataSubjects', 'dataCategories', 'recipients', 'transfers', 'dpoContact'],
      addresses: { html: `/public/${shortA}/registre` },
    });
    for (const path of ['registre', 'registre.json', 'registre.csv', `registre/${published.id}`]) {
      const response = await app.http.get(`/public/${shortA}/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
    }
    expect((await app.http.get(`/api/v1/public/${shortA}/registre`)).status).toBe(404);
  });

  it('previews the register before it is published, with the stored fields or those being chosen', async () => {
    const preview = (actor: Actor, orgId: string, query = '') =>
      app.http.get(`${api}/organisations/${orgId}/publication/preview${query}`).set(as(actor));
    const stored = await preview(world.dpoA, world.memberA.id);
    expect(stored.status).toBe(200);
    expect(stored.headers['cache-control']).toBe('no-store');
    expect(stored.body.publishedFields).toEqual([
      'name',
      'purposes',
      'dataSubjects',
      'dataCategories',
      'recipients',
      'transfers',
      'dpoContact',
    ]);
    expect(stored.body.entries.map((e: { name: string }) => e.name)).toEqual([
      'Action sociale facultative',
      'Inscriptions scolaires',
    ]);
    const chosen = await preview(world.readerA, world.memberA.id, '?fields=securityMeasures,purposes');
    expect(chosen.status).toBe(200);
    expect(chosen.body.publishedFields).toEqual(['name', 'purposes', 'securityMeasures']);
    expect(Object.keys(chosen.body.entries[1]).sort()).toEqual(
      ['id', 'name', 'validatedOn', 'purposes', 'securityMeasures'].sort(),
    );
    expect(chosen.body.dpo).toBeUndefined();
    expectProblem(await preview(world.dpoA, world.memberA.id, '?fields=reviewDate'), 400);
    expectProblem(await preview(world.dpoB, world.memberA.id), 404);
    expectProblem(await preview(world.vendorContact, world.memberA.id), 404);
    expectProblem(await preview(world.admin, world.memberA.id), 403);
    // A preview publishes nothing.
    expect((await app.http.get(`/public/${shortA}/registre.json`)).status).toBe(404);
  });

  it('lets only the member’s DPO publish: editor and reader 403, another member 404, bad fields 400', async () => {
    expectProblem(await put(world.editorA, world.memberA.id, { enabled: true }), 403);
    expectProblem(await put(world.readerA, world.memberA.id, { enabled: true }), 403);
    expectProblem(await put(world.admin, world.memberA.id, { enabled: true }), 403);
    expectProblem(await put(world.dpoB, world.memberA.id, { enabled: true }), 404);
    expectProblem(await settings(world.dpoB, world.memberA.id), 404);
    const bad = await put(world.dpoA, world.memberA.id, { enabled: true, fields: ['name', 'reviewDate'] });
    expectProblem(bad, 400);
    expectProblem(await put(world.dpoA, world.memberA.id, { enabled: 'yes' }), 400);
    expect((await settings(world.dpoA, world.memberA.id)).body).toMatchObject({ enabled: false, version: 0 });
    expect((await app.http.get(`/public/${shortA}/registre.json`)).status).toBe(404);
  });

  it('publishes with the default fields, audited, and shows only the validated entries', async () => {
    const response = await put(world.dpoA, world.memberA.id, { enabled: true });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ enabled: true, version: 1 });
    const events = await app.http
      .get(`${api}/audit-events?organisationId=${world.memberA.id}`)
      .set(as(world.dpoA));
    expect(events.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'register-publication.publish', entity: 'register-publication' }),
      ]),
    );

    const json = await app.http.get(`/public/${shortA.toLowerCase()}/registre.json`);
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toMatchObject({
      schema: 'vigie-registre-public',
      schemaVersion: 1,
      organisation: { name: 'Mairie de Gentilly', shortName: shortA },
      dpo: null,
    });
    expect(json.body.entries.map((e: { name: string }) => e.name)).toEqual([
      'Action sociale facultative',
      'Inscriptions scolaires',
    ]);
    const entry = json.body.entries[1];
    expect(Object.keys(entry).sort()).toEqual(
      [
        'id',
        'name',
        'validatedOn',
        'purposes',
        'dataSubjects',
        'dataCategories',
        'recipients',
        'transfers',
      ].sort(),
    );
    expect(entry.purposes[0].legalBasis).toEqual({
      key: 'public-task',
      label: expect.stringContaining('intérêt public'),
    });
    expect(entry.transfers[0]).toMatchObject({ country: { key: 'CH', label: 'Suisse' } });
    expect(entry.dataCategories[0]).toMatchObject({
      retention: '5 ans après la clôture',
      finalFate: { key: 'destruction' },
    });
  });

  it('never lets anything non-public leak, in any format', async () => {
    const bodies = [
      (await app.http.get(`/public/${shortA}/registre`)).text,
      (await app.http.get(`/public/${shortA}/registre.json`)).text,
      (await app.http.get(`/public/${shortA}/registre.csv`)).text,
      (await app.http.get(`/public/${shortA}/registre/${published.id}`)).text,
    ];
    const secrets = [
      'Projet confidentiel brouillon', // a draft
      'Ancien fichier archivé', // an archived entry
      'Traitement de Vitry', // another member's entry
      'Mot de passe du serveur', // security measures, not chosen
      'Note interne', // the description, not chosen
      'Portail Famille', // applications, not chosen
      'dpo-a', // users' names
      'editor-a',
      world.dpoA.id,
      world.editorA.id,
      'validatedBy',
      'createdBy',
      'status',
      'reviewDate',
      'dpia',
      'version',
    ];
    for (const body of bodies)
      for (const secret of secrets)
        expect({ secret, found: body.includes(secret) }).toEqual({ secret, found: false });
    for (const id of [draft.id, archived.id, entryB.id]) {
      expect((await app.http.get(`/public/${shortA}/registre/${id}`)).status).toBe(404);
    }
    // Member B has not published: its register stays closed.
    expect((await app.http.get(`/public/${shortB}/registre.json`)).status).toBe(404);
  });

  it('serves French, script-free, accessible HTML that any site may frame, with cache validators', async () => {
    const list = await app.http.get(`/public/${shortA}/registre`);
    expect(list.status).toBe(200);
    expect(list.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(list.headers['x-frame-options']).toBeUndefined();
    expect(list.headers['content-security-policy']).toMatch(/frame-ancestors \*/);
    expect(list.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(list.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(list.headers['cache-control']).toBe('public, no-cache');
    expect(list.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(accessibilityProblems(list.text)).toEqual([]);
    expect(list.text).not.toMatch(/<script/i);
    expect(list.text).toContain('<html lang="fr">');
    expect(list.text).toContain('Registre des activités de traitement');
    expect(list.text).toContain('Inscriptions scolaires');
    expect(list.text).toContain(`href="/public/${shortA}/registre/${published.id}"`);

    const page = await app.http.get(`/public/${shortA}/registre/${published.id}`);
    expect(page.status).toBe(200);
    expect(accessibilityProblems(page.text)).toEqual([]);
    expect(page.text).toContain('<h1>Inscriptions scolaires</h1>');
    expect(page.text).toContain('Instruire les demandes');
    expect(page.text).toContain('5 ans après la clôture');
    expect(page.text).toContain('Suisse');
    expect(page.text).toContain('Agents habilités');

    const again = await app.http.get(`/public/${shortA}/registre`).set('If-None-Match', list.headers.etag);
    expect(again.status).toBe(304);

    // The API's own headers stay as they were.
    const apiAnswer = await app.http.get(`${api}/auth/me`).set(as(world.dpoA));
    expect(apiAnswer.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(apiAnswer.headers['cache-control']).toBe('no-store');
  });

  it('serves the same content as CSV (open data), with the published columns only', async () => {
    const csv = await app.http.get(`/public/${shortA}/registre.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['access-control-allow-origin']).toBe('*');
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.nom)).toEqual(['Action sociale facultative', 'Inscriptions scolaires']);
    expect(Object.keys(rows[0])).toEqual([
      'identifiant',
      'nom',
      'finalites',
      'bases_legales',
      'personnes_concernees',
      'categories_donnees',
      'durees_conservation',
      'destinataires',
      'transferts',
      'date_validation',
      'url',
    ]);
    expect(rows[1]).toMatchObject({
      identifiant: published.id,
      finalites: 'Instruire les demandes',
      transferts: expect.stringContaining('Suisse'),
      url: `/public/${shortA}/registre/${published.id}`,
    });
  });

  it('publishes more fields when the DPO chooses them, and stops at once when unpublished', async () => {
    const more = await put(world.dpoA, world.memberA.id, {
      enabled: true,
      fields: ['purposes', 'securityMeasures', 'applicationIds'],
    });
    expect(more.status).toBe(200);
    expect(more.body.fields).toEqual(['name', 'purposes', 'securityMeasures', 'applicationIds']);
    const json = await app.http.get(`/public/${shortA}/registre.json`);
    const entry = json.body.entries.find((e: { id: string }) => e.id === published.id);
    expect(entry).toMatchObject({
      securityMeasures: ['Mot de passe du serveur changé chaque trimestre'],
      applications: ['Portail Famille'],
    });
    expect(entry.dataSubjects).toBeUndefined();
    expect(json.body.dpo).toBeUndefined();

    const stale = await app.http
      .put(`${api}/organisations/${world.memberA.id}/publication`)
      .set(as(world.dpoA))
      .send({ enabled: false, version: 1 });
    expectProblem(stale, 409);
    expect(stale.body.type).toBe('https://vigie.dev/problems/stale-version');
    const unversioned = await app.http
      .put(`${api}/organisations/${world.memberA.id}/publication`)
      .set(as(world.dpoA))
      .send({ enabled: false });
    expectProblem(unversioned, 400);
    expect(unversioned.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);

    const closed = await put(world.dpoA, world.memberA.id, { enabled: false });
    expect(closed.status).toBe(200);
    for (const path of ['registre', 'registre.json', 'registre.csv', `registre/${second.id}`]) {
      const response = await app.http.get(`/public/${shortA}/${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const notFound = await app.http.get(`/public/${shortA}/registre`);
    expect(notFound.headers['content-type']).toMatch(/^text\/html/);
    expect(accessibilityProblems(notFound.text)).toEqual([]);
    const events = await app.http
      .get(`${api}/audit-events?organisationId=${world.memberA.id}`)
      .set(as(world.dpoA));
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['register-publication.update', 'register-publication.unpublish']),
    );
  });

  it('answers 404 for an unknown member and a malformed entry id', async () => {
    expect((await app.http.get('/public/INCONNU/registre')).status).toBe(404);
    expect((await app.http.get(`/public/${shortA}/registre/pas-un-uuid`)).status).toBe(404);
    expect((await app.http.get(`/public/${'x'.repeat(200)}/registre.json`)).status).toBe(404);
  });

  it('documents the open-data schema in the OpenAPI document', async () => {
    const docs = await app.http.get('/api/docs-json');
    const paths = docs.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/public/{shortName}/registre',
        '/public/{shortName}/registre.json',
        '/public/{shortName}/registre.csv',
        '/public/{shortName}/registre/{id}',
        '/api/v1/organisations/{orgId}/publication',
        '/api/v1/organisations/{orgId}/annual-report.pdf',
        '/api/v1/annual-reports',
      ]),
    );
    expect(JSON.stringify(paths['/public/{shortName}/registre.json'].get.responses)).toContain(
      'PublicRegisterDocument',
    );
    const schema = docs.body.components.schemas.PublicRegisterDocument;
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining([
        'schema',
        'schemaVersion',
        'organisation',
        'dpo',
        'publishedFields',
        'entries',
      ]),
    );
  });
});
