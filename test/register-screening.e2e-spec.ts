import { countRows, createEntry, entryPayload } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, expectProblem, World } from './support/world';

const api = '/api/v1';

/**
 * The DPIA screening reading the facts through the API and the import, French labels read as keys, warnings
 * on free text, the CNIL 2019-118 exemption, and the reference lists (`GET /reference/gdpr`).
 */
describe('DPIA screening, labels as keys and reference lists (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  describe('GET /reference/gdpr', () => {
    it('serves every list with its French labels to any signed-in user', async () => {
      for (const actor of [world.readerA, world.vendorContact, world.admin]) {
        const response = await app.http.get(`${api}/reference/gdpr`).set(as(actor));
        expect(response.status).toBe(200);
        expect(response.body.legalBases).toContainEqual({
          key: 'public-task',
          label: "Mission d'intérêt public (art. 6.1.e)",
        });
      }
      const { body } = await app.http.get(`${api}/reference/gdpr`).set(as(world.editorA));
      expect(Object.keys(body)).toEqual(
        expect.arrayContaining([
          'legalBases',
          'specialCategories',
          'specialCategoryConditions',
          'dataSubjects',
          'dataCategories',
          'finalFates',
          'transferSafeguards',
          'wp248Criteria',
          'cnilDpiaRequired',
          'cnilDpiaNotRequired',
          'art35Cases',
          'rights',
          'breachNatures',
        ]),
      );
      expect(body.dataSubjects).toContainEqual({ key: 'children', label: 'Enfants' });
      expect(body.specialCategories).toContainEqual({ key: 'health', label: 'Données de santé' });
      expect(body.finalFates).toContainEqual({
        key: 'public-archives',
        label: 'Versement aux archives publiques',
      });
      expect(body.wp248Criteria).toContainEqual({
        key: 'vulnerable-subjects',
        label: 'Données concernant des personnes vulnérables',
      });
      expect(body.cnilDpiaRequired).toContainEqual({
        key: 'social-housing',
        label: 'Instruction des demandes et gestion des logements sociaux',
      });
      expect(body.cnilDpiaNotRequired).toContainEqual(
        expect.objectContaining({
          key: '3',
          item: 3,
          label: expect.stringMatching(/^Item 3 : .*fichier électoral/),
        }),
      );
      expect(body.breachNatures).toContainEqual({ key: 'integrity', label: "Perte d'intégrité" });
      expect(body.rights).toContainEqual({ key: 'access', label: "Droit d'accès (art. 15)" });
    });

    it('answers 401 without authentication', async () => {
      expectProblem(await app.http.get(`${api}/reference/gdpr`), 401);
    });

    it('is documented with its response schema', async () => {
      const docs = await app.http.get('/api/docs-json');
      const schema =
        docs.body.paths['/api/v1/reference/gdpr'].get.responses['200'].content['application/json'].schema;
      expect(schema.$ref).toMatch(/GdprReferenceView$/);
      expect(Object.keys(docs.body.components.schemas.GdprReferenceView.properties)).toContain(
        'cnilDpiaNotRequired',
      );
    });
  });

  describe('labels as keys and warnings through the API', () => {
    it('reads French labels as keys in every field, whatever the case and accents, and screens the facts', async () => {
      const created = await app.http
        .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.editorA))
        .send(
          entryPayload('Restauration scolaire', {
            purposes: [
              {
                description: 'Facturer les repas',
                legalBasis: 'mission d’intérêt public',
                legalBasisDetail: 'Code de l’éducation, art. L. 533-1',
              },
            ],
            dataSubjects: ['Enfants', 'ÉLÈVES', 'parents'],
            dataCategories: [
              { category: 'Etat civil', retention: '3 ans', finalFate: 'Destruction' },
              { category: 'Situation financière', retention: '3 ans', finalFate: 'destruction' },
            ],
            specialCategories: [{ category: 'données de santé', condition: '9.2.g' }],
          }),
        );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        purposes: [{ legalBasis: 'public-task' }],
        dataSubjects: ['children', 'pupils', 'parents'],
        dataCategories: [
          { category: 'identity', finalFate: 'destruction' },
          { category: 'economic-financial' },
        ],
        specialCategories: [{ category: 'health' }],
        cnilExemptionItem: null,
        warnings: [],
        dpia: { required: true },
      });
      expect(created.body.dpia.reasons.join(' ')).toContain(
        'personnes concernées : enfants, élèves (mineurs)',
      );

      const exempted = await app.http
        .patch(`${api}/processing-activities/${created.body.id}`)
        .set(as(world.dpoA))
        .send({ version: created.body.version, cnilExemptionItem: 'Item 10' });
      expect(exempted.status).toBe(200);
      expect(exempted.body).toMatchObject({
        cnilExemptionItem: '10',
        dpia: { required: false, exemption: { item: '10', applied: true } },
      });
      expect(exempted.body.dpia.reasons[1]).toMatch(
        /^AIPD non requise : délibération n° 2019-118, item 10 : « /,
      );
      const audit = await app.http
        .get(`${api}/audit-events?organisationId=${world.memberA.id}&entityId=${created.body.id}`)
        .set(as(world.dpoA));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toContain(
        'processing-activity.update',
      );

      const cleared = await app.http
        .patch(`${api}/processing-activities/${created.body.id}`)
        .set(as(world.dpoA))
        .send({ version: exempted.body.version, cnilExemptionItem: null });
      expect(cleared.body).toMatchObject({ cnilExemptionItem: null, dpia: { required: true } });
    });

    it('refuses an exemption item that is not on the list (400, nothing written)', async () => {
      const before = await countRows(app, 'processing_activity');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.dpoA))
        .send(entryPayload('Éthylotests', { cnilExemptionItem: '42' }));
      expectProblem(response, 400);
      expect(JSON.stringify(response.body.errors)).toContain('cnilExemptionItem');
      expect(await countRows(app, 'processing_activity')).toBe(before);
    });

    it('answers warnings when free text looks like an undeclared special category', async () => {
      const created = await createEntry(
        app,
        world.editorA,
        world.memberA.id,
        entryPayload('Fichier des adhérents du club', {
          dataCategories: [
            { category: 'Religion', retention: '1 an', finalFate: 'destruction' },
            {
              category: 'identity',
              description: 'Opinions politiques',
              retention: '1 an',
              finalFate: 'destruction',
            },
          ],
        }),
      );
      const read = await app.http.get(`${api}/processing-activities/${created.id}`).set(as(world.readerA));
      expect(read.body.warnings).toEqual([
        {
          field: 'dataCategories.0.category',
          message: expect.stringMatching(
            /^« Religion » évoque une catégorie particulière de données \(convictions/,
          ),
        },
        {
          field: 'dataCategories.1.description',
          message: expect.stringContaining('(opinions politiques, art. 9 du RGPD)'),
        },
      ]);
    });
  });

  describe('labels as keys, warnings and unchanged lines through the import', () => {
    const header =
      "Nom du traitement;Description;Applications;Finalités et bases légales;Personnes concernées;Catégories de données;Données sensibles;Destinataires;Transferts hors de l'UE;Mesures de sécurité;Critères AIPD (WP248);Liste CNIL des traitements soumis à AIPD;Cas de l’article 35.3;Dispense d'AIPD (CNIL 2019-118);Date de révision";

    it('reads labels as keys, the exemption column, and answers warnings', async () => {
      const csv = [
        header,
        `Accueil périscolaire;;;Inscrire les enfants | mission d'interet public | Code de l'éducation, art. L. 551-1;"ENFANTS\nEleves";"etat civil | | 3 ans | destruction\nsanté | | 1 an | destruction";;;;;;;;Item 10;`,
      ].join('\r\n');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.editorA))
        .attach('file', Buffer.from(`\uFEFF${csv}`, 'utf8'), 'periscolaire.csv');
      expect(response.status).toBe(201);
      expect(response.body.items[0].warnings).toEqual([
        {
          field: 'dataCategories.1.category',
          message: expect.stringContaining('(données de santé, art. 9 du RGPD)'),
        },
      ]);
      const entry = await app.http
        .get(`${api}/processing-activities/${response.body.items[0].id}`)
        .set(as(world.readerA));
      expect(entry.body).toMatchObject({
        purposes: [{ legalBasis: 'public-task' }],
        dataSubjects: ['children', 'pupils'],
        dataCategories: [{ category: 'identity' }, { category: 'santé' }],
        cnilExemptionItem: '10',
        dpia: { required: false },
      });
    });

    it('reports an exported file imported back as unchanged, line by line, and keeps the exemption', async () => {
      const exemptedEntry = await createEntry(
        app,
        world.dpoB,
        world.memberB.id,
        entryPayload('Listes électorales', {
          dataSubjects: ['electors'],
          purposes: [
            {
              description: 'Tenir les listes',
              legalBasis: 'legal-obligation',
              legalBasisDetail: 'Code électoral, art. L. 16',
            },
          ],
          dataCategories: [
            {
              category: 'identity',
              description: '',
              retention: 'Durée de l’inscription',
              finalFate: 'public-archives',
            },
          ],
          cnilExemptionItem: '3',
        }),
      );
      await createEntry(app, world.dpoB, world.memberB.id, entryPayload('Urbanisme'));
      const exported = await app.http
        .get(`${api}/organisations/${world.memberB.id}/register.csv?drafts=include`)
        .set(as(world.dpoB))
        .buffer(true);
      const csv = exported.text;
      expect(csv).toContain('Item 3 : Gestion du fichier électoral des communes');
      const again = await app.http
        .post(`${api}/organisations/${world.memberB.id}/register/import`)
        .set(as(world.dpoB))
        .attach('file', Buffer.from(csv, 'utf8'), 'registre.csv');
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({ imported: 2, created: 0, updated: 0, unchanged: 2 });

      const withoutColumn = csv
        .split('\r\n')
        .map((line) => line.split(';'))
        .map((cells, _, all) => {
          const index = all[0].findIndex(
            (h) => h.replace(/^\uFEFF/, '') === "Dispense d'AIPD (CNIL 2019-118)",
          );
          return cells.filter((_cell, i) => i !== index).join(';');
        })
        .join('\r\n');
      const old = await app.http
        .post(`${api}/organisations/${world.memberB.id}/register/import`)
        .set(as(world.dpoB))
        .attach('file', Buffer.from(withoutColumn, 'utf8'), 'ancien-registre.csv');
      expect(old.status).toBe(201);
      expect(old.body).toMatchObject({ updated: 0, unchanged: 2 });
      const kept = await app.http.get(`${api}/processing-activities/${exemptedEntry.id}`).set(as(world.dpoB));
      expect(kept.body).toMatchObject({ cnilExemptionItem: '3', version: 1 });
    });
  });
});
