import { addCalendarMonths, nextWorkingDay, todayInParis } from '@vigie/core';
import { createTestApp, TestApp } from './support/test-app';
import { as, expectProblem, createWorld, World } from './support/world';
import {
  countRows,
  createApplication,
  createEntry,
  entryPayload,
  entryVersion,
} from './support/register-fixtures';

const api = '/api/v1';

describe('Register of processing activities (e2e)', () => {
  let app: TestApp;
  let world: World;
  let appA: { id: string; name: string };
  let appB: { id: string; name: string };
  let entryA: { id: string; version: number };
  let entryB: { id: string; version: number };

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    appA = await createApplication(app, world.admin, 'BL Social', [world.memberA.id]);
    appB = await createApplication(app, world.admin, 'Pelehas', [world.memberB.id]);
    entryA = await createEntry(
      app,
      world.editorA,
      world.memberA.id,
      entryPayload('Aide sociale', { applicationIds: [appA.id] }),
    );
    entryB = await createEntry(
      app,
      world.dpoB,
      world.memberB.id,
      entryPayload('Logement', { applicationIds: [appB.id] }),
    );
  });
  afterAll(() => app.close());

  describe('entries', () => {
    it('creates a draft with every field, its DPIA screening and the hosting measures apart', async () => {
      const response = await app.http.get(`${api}/processing-activities/${entryA.id}`).set(as(world.readerA));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: entryA.id,
        organisationId: world.memberA.id,
        version: 1,
        status: 'draft',
        name: 'Aide sociale',
        applicationIds: [appA.id],
        purposes: [{ legalBasis: 'public-task' }],
        dataCategories: [{ category: 'identity', finalFate: 'destruction' }],
        securityMeasures: ['Habilitations revues chaque année'],
        dpia: {
          required: false,
          reasons: expect.arrayContaining([expect.stringMatching(/n'est pas requise/)]),
        },
        inheritedSecurityMeasures: [
          {
            applicationId: appA.id,
            applicationName: 'BL Social',
            measures: ['Sauvegardes quotidiennes chiffrées', 'Journalisation des accès'],
            label: "Assurées par l'hébergement de BL Social",
          },
        ],
      });
      expect(response.body.createdBy).toBeUndefined();
    });

    it('lists a member register, paginated, in name order', async () => {
      await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Accueil du public'));
      const list = await app.http
        .get(`${api}/organisations/${world.memberA.id}/processing-activities?pageSize=1`)
        .set(as(world.readerA));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(list.body.items.map((i: { name: string }) => i.name)).toEqual(['Accueil du public']);
      expect(list.body.items[0].dpia).toEqual(expect.objectContaining({ required: false }));
    });
  });

  describe('isolation', () => {
    it("keeps a member's DPO out of another member's register (404, absent from lists)", async () => {
      expectProblem(await app.http.get(`${api}/processing-activities/${entryB.id}`).set(as(world.dpoA)), 404);
      expectProblem(
        await app.http
          .get(`${api}/organisations/${world.memberB.id}/processing-activities`)
          .set(as(world.dpoA)),
        404,
      );
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entryB.id}`)
          .set(as(world.dpoA))
          .send({ name: 'X', version: 1 }),
        404,
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entryB.id}/validate`)
          .set(as(world.dpoA))
          .send({ version: await entryVersion(app, entryB.id) }),
        404,
      );
      expectProblem(
        await app.http.get(`${api}/processing-activities/${entryB.id}/history`).set(as(world.dpoA)),
        404,
      );
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberB.id}/processing-activities`)
          .set(as(world.dpoA))
          .send(entryPayload('X')),
        404,
      );
    });

    it('lets the DPO shared by both members see both registers', async () => {
      for (const [org, entry] of [
        [world.memberA.id, entryA.id],
        [world.memberB.id, entryB.id],
      ]) {
        expect(
          (await app.http.get(`${api}/processing-activities/${entry}`).set(as(world.sharedDpo))).status,
        ).toBe(200);
        const list = await app.http
          .get(`${api}/organisations/${org}/processing-activities`)
          .set(as(world.sharedDpo));
        expect(list.body.items.map((i: { id: string }) => i.id)).toContain(entry);
      }
    });

    it('shows nothing of a member register to the operator roles and to vendor contacts', async () => {
      for (const actor of [
        world.admin,
        world.securityOfficer,
        world.auditor,
        world.vendorContact,
        world.nobody,
      ]) {
        expectProblem(await app.http.get(`${api}/processing-activities/${entryA.id}`).set(as(actor)), 404);
        expectProblem(
          await app.http.get(`${api}/organisations/${world.memberA.id}/processing-activities`).set(as(actor)),
          404,
        );
        expectProblem(
          await app.http.get(`${api}/processing-activities/${entryA.id}/history`).set(as(actor)),
          404,
        );
      }
    });

    it('refuses a reader any write and an editor the validation (403, nothing written)', async () => {
      const before = await countRows(app, 'processing_activity');
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
          .set(as(world.readerA))
          .send(entryPayload('X')),
        403,
      );
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entryA.id}`)
          .set(as(world.readerA))
          .send({ name: 'X', version: 1 }),
        403,
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entryA.id}/validate`)
          .set(as(world.editorA))
          .send({ version: await entryVersion(app, entryA.id) }),
        403,
      );
      expectProblem(
        await app.http
          .delete(`${api}/processing-activities/${entryA.id}`)
          .set(as(world.editorA))
          .set('If-Match', String(await entryVersion(app, entryA.id))),
        403,
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entryA.id}/validate`)
          .set(as(world.readerA))
          .send({ version: await entryVersion(app, entryA.id) }),
        403,
      );
      expect(await countRows(app, 'processing_activity')).toBe(before);
      const stored = await app.http.get(`${api}/processing-activities/${entryA.id}`).set(as(world.readerA));
      expect(stored.body).toMatchObject({ version: 1, status: 'draft', name: 'Aide sociale' });
    });
  });

  describe('validation', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [
        'an unknown legal basis',
        { purposes: [{ description: 'X', legalBasis: 'convenience' }] },
        'purposes.0.legalBasis',
      ],
      [
        'a public task without its legal text (Art. 6.3)',
        { purposes: [{ description: 'Instruire', legalBasis: 'public-task' }] },
        'purposes.0.legalBasisDetail',
      ],
      [
        'legitimate interests of a member body without the reason (Art. 6.1, last subparagraph)',
        {
          purposes: [
            {
              description: 'Vidéoprotection du parking',
              legalBasis: 'legitimate-interests',
              legitimateInterestsOutsidePublicTasks: 'Parce que',
            },
          ],
        },
        'purposes.0.legitimateInterestsOutsidePublicTasks',
      ],
      [
        'a final fate off the list',
        { dataCategories: [{ category: 'identity', retention: '1 an', finalFate: 'burn' }] },
        'dataCategories.0.finalFate',
      ],
      [
        'a special category off the list',
        { specialCategories: [{ category: 'shoe-size', condition: '9.2.a' }] },
        'specialCategories.0.category',
      ],
      [
        'a special category without its Art. 9 condition',
        { specialCategories: [{ category: 'health', condition: 'none' }] },
        'specialCategories.0.condition',
      ],
      [
        'offence data under an Art. 9.2 condition (Art. 10)',
        {
          specialCategories: [
            {
              category: 'criminal-convictions-and-offences',
              condition: '9.2.g',
              authorisingText: 'Code pénal',
            },
          ],
        },
        'specialCategories.0.condition',
      ],
      [
        'offence data without the authorising text (Art. 10)',
        { specialCategories: [{ category: 'criminal-convictions-and-offences', condition: '10' }] },
        'specialCategories.0.authorisingText',
      ],
      [
        'the NIR on the décret cadre without the item used',
        { nir: { used: true, legalGround: 'decret-2019-341' } },
        'nir.reference',
      ],
      ['the NIR on a ground off the list', { nir: { used: true, legalGround: 'habit' } }, 'nir.legalGround'],
      [
        'a safeguard off the list',
        { transfers: [{ recipient: 'Éditeur', country: 'US', safeguard: 'Promesse du prestataire' }] },
        'transfers.0.safeguard',
      ],
      [
        'an Art. 49 derogation without its letter',
        { transfers: [{ recipient: 'Éditeur', country: 'IN', safeguard: 'derogation' }] },
        'transfers.0.derogation',
      ],
      [
        'an adequacy decision the Commission never adopted (Art. 45)',
        { transfers: [{ recipient: 'Éditeur', country: 'IN', safeguard: 'adequacy-decision' }] },
        'transfers.0.safeguard',
      ],
      [
        'a country code that is not ISO 3166',
        { transfers: [{ recipient: 'X', country: 'XX', safeguard: 'CCT' }] },
        'transfers.0.country',
      ],
      [
        'a transfer outside the EEA without safeguard',
        { transfers: [{ recipient: 'Éditeur', country: 'US' }] },
        'transfers.0.safeguard',
      ],
      ['a WP248 criterion off the list', { dpiaCriteria: ['cool-tech'] }, 'dpiaCriteria'],
      ['a CNIL list item off the list', { cnilListItems: ['everything'] }, 'cnilListItems'],
      ['a review date that is not a date', { reviewDate: '31/12/2027' }, 'reviewDate'],
      ['an unknown field', { colour: 'blue' }, 'colour'],
    ];

    it.each(cases)('refuses %s with 400 and writes nothing', async (_label, extra, field) => {
      const before = await countRows(app, 'processing_activity');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.dpoA))
        .send(entryPayload('Invalide', extra));
      expectProblem(response, 400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await countRows(app, 'processing_activity')).toBe(before);
    });

    it('refuses an application that is not deployed for the member, even when the caller sees it', async () => {
      const before = await countRows(app, 'processing_activity');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.sharedDpo))
        .send(entryPayload('Logement', { applicationIds: [appB.id] }));
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: 'applicationIds' })]);
      expect(await countRows(app, 'processing_activity')).toBe(before);
    });

    it('accepts a transfer outside the EEA with its safeguard', async () => {
      const created = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Visioconférence', {
          transfers: [
            { recipient: 'Éditeur', country: 'us', safeguard: 'Clauses contractuelles types 2021/914' },
          ],
        }),
      );
      expect(created.transfers).toEqual([
        {
          recipient: 'Éditeur',
          country: 'US',
          safeguard: 'standard-contractual-clauses',
          safeguardDetail: 'Clauses contractuelles types 2021/914',
        },
      ]);
    });
  });

  describe('status flow and history', () => {
    let entry: { id: string; version: number };
    beforeAll(async () => {
      entry = await createEntry(app, world.editorA, world.memberA.id, entryPayload('État civil'));
    });

    it('refuses a stale version with 409 and changes nothing', async () => {
      const first = await app.http
        .patch(`${api}/processing-activities/${entry.id}`)
        .set(as(world.editorA))
        .send({ name: 'État civil (actes)', version: 1 });
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(2);
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entry.id}`)
          .set(as(world.editorA))
          .send({ name: 'Autre nom', version: 1 }),
        409,
      );
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entry.id}`)
          .set(as(world.editorA))
          .set('If-Match', '"1"')
          .send({ name: 'Autre' }),
        409,
      );
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entry.id}`)
          .set(as(world.editorA))
          .send({ name: 'Sans version' }),
        400,
      );
      for (const body of [{ name: null }, { purposes: null }, { dataSubjects: null }]) {
        expectProblem(
          await app.http
            .patch(`${api}/processing-activities/${entry.id}`)
            .set(as(world.editorA))
            .send({ ...body, version: 2 }),
          400,
        );
      }
      const stored = await app.http.get(`${api}/processing-activities/${entry.id}`).set(as(world.editorA));
      expect(stored.body).toMatchObject({ name: 'État civil (actes)', version: 2 });
    });

    it('lets the DPO validate, with a review date a year later by default', async () => {
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entry.id}/validate`)
          .set(as(world.dpoA))
          .send({ version: 1 }),
        409,
      );
      const validated = await app.http
        .post(`${api}/processing-activities/${entry.id}/validate`)
        .set(as(world.dpoA))
        .send({ version: 2 });
      expect(validated.status).toBe(200);
      expect(validated.body).toMatchObject({ status: 'validated', version: 3, validatedBy: world.dpoA.id });
      // A year later in Paris, moved to the next working day (Regulation 1182/71, art. 3.4).
      expect(validated.body.reviewDate).toBe(nextWorkingDay(addCalendarMonths(todayInParis(), 12)));
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entry.id}/validate`)
          .set(as(world.dpoA))
          .send({ version: await entryVersion(app, entry.id) }),
        409,
      );
    });

    it('puts an edited validated entry back to draft and says so in its history', async () => {
      const edited = await app.http
        .patch(`${api}/processing-activities/${entry.id}`)
        .set(as(world.editorA))
        .send({ dataSubjects: ['residents', 'parents'], version: 3 });
      expect(edited.body).toMatchObject({ status: 'draft', version: 4 });
      const history = await app.http
        .get(`${api}/processing-activities/${entry.id}/history`)
        .set(as(world.readerA));
      expect(history.status).toBe(200);
      expect(
        history.body.items.map((v: { version: number; action: string }) => [v.version, v.action]),
      ).toEqual([
        [4, 'update'],
        [3, 'validate'],
        [2, 'update'],
        [1, 'create'],
      ]);
      expect(history.body.items[0]).toMatchObject({
        actorId: world.editorA.id,
        actorName: 'editor-a',
        status: 'draft',
        changedFields: ['dataSubjects', 'status'],
        note: expect.stringContaining('Retour au brouillon'),
      });
      expect(history.body.items[2].changedFields).toEqual(['name']);
      expect(new Date(history.body.items[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
      const v3 = await app.http
        .get(`${api}/processing-activities/${entry.id}/history/3`)
        .set(as(world.readerA));
      expect(v3.body.snapshot).toMatchObject({ status: 'validated', dataSubjects: ['residents'] });
    });

    it('lists overdue reviews', async () => {
      const late = await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Cimetières'));
      await app.http
        .post(`${api}/processing-activities/${late.id}/validate`)
        .set(as(world.dpoA))
        .send({ version: await entryVersion(app, late.id) });
      await app.dataSource.query(`UPDATE processing_activity SET review_date = '2020-01-31' WHERE id = $1`, [
        late.id,
      ]);
      const overdue = await app.http
        .get(`${api}/organisations/${world.memberA.id}/processing-activities?overdue=true`)
        .set(as(world.dpoA));
      expect(overdue.body.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([
        [late.id, true],
      ]);
      expectProblem(
        await app.http
          .get(`${api}/organisations/${world.memberA.id}/processing-activities?overdue=maybe`)
          .set(as(world.dpoA)),
        400,
      );
    });

    it('archives on DELETE (DPO), out of the current list, then frozen', async () => {
      const archived = await app.http
        .delete(`${api}/processing-activities/${entry.id}`)
        .set(as(world.dpoA))
        .set('If-Match', String(await entryVersion(app, entry.id)));
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({ status: 'archived' });
      const current = await app.http
        .get(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.dpoA));
      expect(current.body.items.map((i: { id: string }) => i.id)).not.toContain(entry.id);
      const list = await app.http
        .get(`${api}/organisations/${world.memberA.id}/processing-activities?status=archived`)
        .set(as(world.dpoA));
      expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([entry.id]);
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entry.id}`)
          .set(as(world.dpoA))
          .send({ name: 'X', version: archived.body.version }),
        409,
      );
    });
  });

  describe('DPIA screening', () => {
    it('requires a DPIA for social-housing applications and social support, not for library loans', async () => {
      const housing = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Demandes de logement social', {
          dataSubjects: ['housing-applicants'],
        }),
      );
      expect(housing.dpia).toMatchObject({
        required: true,
        cnilListItems: [{ key: 'social-housing', implied: true }],
        criteria: [{ key: 'vulnerable-subjects', implied: true }],
      });
      const support = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Accompagnement social', {
          cnilListItems: ['social-support'],
          specialCategories: [{ category: 'health', condition: '9.2.h' }],
        }),
      );
      expect(support.dpia).toMatchObject({
        required: true,
        criteria: [{ key: 'sensitive-data', implied: true }],
      });
      const library = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Prêts de la médiathèque', {
          dataSubjects: ['residents', 'children'],
        }),
      );
      expect((library.dpia as { required: boolean }).required).toBe(false);
      expect((library.dpia as { reasons: string[] }).reasons.join(' ')).toContain('Un seul critère');
    });

    it("records the DPO's reasoned decision not to carry out a required DPIA", async () => {
      const entry = await createEntry(
        app,
        world.editorA,
        world.memberA.id,
        entryPayload('Fichier des aînés (canicule)', {
          dpiaCriteria: ['vulnerable-subjects', 'matching-datasets'],
        }),
      );
      const reason = 'Registre déclaratif limité à quelques centaines de personnes, données minimisées';
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entry.id}/dpia-decision`)
          .set(as(world.editorA))
          .send({ reason, version: await entryVersion(app, entry.id) }),
        403,
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${entry.id}/dpia-decision`)
          .set(as(world.dpoA))
          .send({ reason: 'trop court', version: await entryVersion(app, entry.id) }),
        400,
      );
      const decided = await app.http
        .post(`${api}/processing-activities/${entry.id}/dpia-decision`)
        .set(as(world.dpoA))
        .send({ reason, version: await entryVersion(app, entry.id) });
      expect(decided.status).toBe(200);
      expect(decided.body.dpia).toMatchObject({
        required: true,
        decision: { outcome: 'not-carried-out', reason, decidedBy: world.dpoA.id, stale: false },
      });
      const notRequired = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Annuaire interne'),
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${notRequired.id}/dpia-decision`)
          .set(as(world.dpoA))
          .send({ reason, version: await entryVersion(app, notRequired.id) }),
        409,
      );
    });
  });

  describe('templates', () => {
    let template: { id: string; version: number };
    let fromTemplate: { id: string; version: number };

    it('lets the operator publish a template per application, and only the operator', async () => {
      expectProblem(
        await app.http
          .post(`${api}/applications/${appA.id}/register-templates`)
          .set(as(world.dpoA))
          .send(entryPayload('Modèle', { applicationIds: undefined })),
        403,
      );
      const created = await app.http
        .post(`${api}/applications/${appA.id}/register-templates`)
        .set(as(world.securityOfficer))
        .send(entryPayload('Aide sociale facultative (modèle BL Social)', { applicationIds: undefined }));
      expect(created.status).toBe(201);
      template = created.body;
      expect(template.version).toBe(1);
      const visible = await app.http
        .get(`${api}/applications/${appA.id}/register-templates`)
        .set(as(world.readerA));
      expect(visible.body.items.map((t: { id: string }) => t.id)).toEqual([template.id]);
      expectProblem(await app.http.get(`${api}/register-templates/${template.id}`).set(as(world.dpoB)), 404);
      expectProblem(
        await app.http.get(`${api}/register-templates/${template.id}`).set(as(world.vendorContact)),
        404,
      );
    });

    it('refuses a bad template (400, nothing written) and template changes by members (403)', async () => {
      const before = await countRows(app, 'register_template');
      const bad = await app.http
        .post(`${api}/applications/${appA.id}/register-templates`)
        .set(as(world.admin))
        .send(
          entryPayload('Modèle invalide', {
            applicationIds: undefined,
            transfers: [{ recipient: 'Éditeur', country: 'US' }],
          }),
        );
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'transfers.0.safeguard' })]);
      expectProblem(
        await app.http
          .post(`${api}/applications/${appB.id}/register-templates`)
          .set(as(world.admin))
          .send({ name: 'X', purposes: [{ description: 'Instruire', legalBasis: 'public-task' }] }),
        400,
      );
      expect(await countRows(app, 'register_template')).toBe(before);
      expectProblem(
        await app.http
          .patch(`${api}/register-templates/${template.id}`)
          .set(as(world.dpoA))
          .send({ name: 'X', version: 1 }),
        403,
      );
    });

    it('creates an entry from a template, remembering its version', async () => {
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberB.id}/processing-activities/from-template/${template.id}`)
          .set(as(world.dpoB)),
        404,
      );
      const created = await app.http
        .post(`${api}/organisations/${world.memberA.id}/processing-activities/from-template/${template.id}`)
        .set(as(world.editorA))
        .send({});
      expect(created.status).toBe(201);
      fromTemplate = created.body;
      expect(created.body).toMatchObject({
        name: 'Aide sociale facultative (modèle BL Social)',
        applicationIds: [appA.id],
        templateId: template.id,
        templateVersion: 1,
        templateUpdate: { available: false, fromVersion: 1, toVersion: 1, differences: [] },
      });
    });

    it('shows field-by-field differences once the template changes, and applies the chosen fields', async () => {
      const changed = await app.http
        .patch(`${api}/register-templates/${template.id}`)
        .set(as(world.admin))
        .send({
          version: 1,
          securityMeasures: ['Chiffrement des sauvegardes', 'Revue annuelle des habilitations'],
          dataCategories: [
            { category: 'identity', retention: '3 ans après la clôture', finalFate: 'sorting' },
          ],
        });
      expect(changed.status).toBe(200);
      expect(changed.body.version).toBe(2);
      expectProblem(
        await app.http
          .patch(`${api}/register-templates/${template.id}`)
          .set(as(world.admin))
          .send({ version: 1, name: 'X' }),
        409,
      );

      // Its versions: newest first, what changed field by field, when and by whom (the one audit event each).
      const versions = await app.http
        .get(`${api}/register-templates/${template.id}/versions`)
        .set(as(world.admin));
      expect(versions.status).toBe(200);
      expect(versions.body).toMatchObject({
        templateId: template.id,
        applicationId: appA.id,
        name: 'Aide sociale facultative (modèle BL Social)',
        version: 2,
      });
      const [second, first] = versions.body.items;
      expect(versions.body.items).toHaveLength(2);
      expect(second).toMatchObject({
        version: 2,
        publishedBy: world.admin.id,
        publishedByName: expect.any(String),
        changes: [
          {
            field: 'dataCategories',
            label: 'Catégories de données',
            before: [{ category: 'identity', retention: '5 ans après la clôture', finalFate: 'destruction' }],
            after: [{ category: 'identity', retention: '3 ans après la clôture', finalFate: 'sorting' }],
          },
          {
            field: 'securityMeasures',
            label: 'Mesures de sécurité',
            before: ['Habilitations revues chaque année'],
            after: ['Chiffrement des sauvegardes', 'Revue annuelle des habilitations'],
          },
        ],
        content: { securityMeasures: ['Chiffrement des sauvegardes', 'Revue annuelle des habilitations'] },
      });
      expect(first).toMatchObject({ version: 1, publishedBy: world.securityOfficer.id, changes: [] });
      expect(new Date(second.publishedAt).getTime()).toBeGreaterThanOrEqual(
        new Date(first.publishedAt).getTime(),
      );
      const audited = await app.dataSource.query(
        `SELECT actor_id FROM audit_event WHERE entity = 'register-template' AND entity_id = $1 ORDER BY seq`,
        [template.id],
      );
      expect(audited.map((e: { actor_id: string }) => e.actor_id)).toEqual([
        world.securityOfficer.id,
        world.admin.id,
      ]);
      // Read like the template: its member's roles, not another member's, nor a vendor.
      const read = await app.http
        .get(`${api}/register-templates/${template.id}/versions`)
        .set(as(world.readerA));
      expect(read.status).toBe(200);
      for (const stranger of [world.dpoB, world.vendorContact]) {
        expectProblem(
          await app.http.get(`${api}/register-templates/${template.id}/versions`).set(as(stranger)),
          404,
        );
      }

      const entry = await app.http
        .get(`${api}/processing-activities/${fromTemplate.id}`)
        .set(as(world.readerA));
      expect(entry.body.templateUpdate).toEqual({
        templateId: template.id,
        templateName: 'Aide sociale facultative (modèle BL Social)',
        available: true,
        fromVersion: 1,
        toVersion: 2,
        differences: [
          {
            field: 'dataCategories',
            label: 'Catégories de données',
            entryValue: [
              { category: 'identity', retention: '5 ans après la clôture', finalFate: 'destruction' },
            ],
            templateValue: [
              { category: 'identity', retention: '3 ans après la clôture', finalFate: 'sorting' },
            ],
            previousTemplateValue: [
              { category: 'identity', retention: '5 ans après la clôture', finalFate: 'destruction' },
            ],
          },
          {
            field: 'securityMeasures',
            label: 'Mesures de sécurité',
            entryValue: ['Habilitations revues chaque année'],
            templateValue: ['Chiffrement des sauvegardes', 'Revue annuelle des habilitations'],
            previousTemplateValue: ['Habilitations revues chaque année'],
          },
        ],
      });

      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${fromTemplate.id}/apply-template`)
          .set(as(world.editorA))
          .send({ fields: ['colour'], version: 1 }),
        400,
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${fromTemplate.id}/apply-template`)
          .set(as(world.readerA))
          .send({ fields: ['securityMeasures'], version: 1 }),
        403,
      );
      expectProblem(
        await app.http
          .post(`${api}/processing-activities/${fromTemplate.id}/apply-template`)
          .set(as(world.editorA))
          .send({ fields: ['securityMeasures'], version: 7 }),
        409,
      );
      const applied = await app.http
        .post(`${api}/processing-activities/${fromTemplate.id}/apply-template`)
        .set(as(world.editorA))
        .send({ fields: ['securityMeasures'], version: 1 });
      expect(applied.status).toBe(200);
      expect(applied.body).toMatchObject({
        version: 2,
        templateVersion: 2,
        securityMeasures: ['Chiffrement des sauvegardes', 'Revue annuelle des habilitations'],
        dataCategories: [{ retention: '5 ans après la clôture' }],
        templateUpdate: { available: false, fromVersion: 2, toVersion: 2 },
      });
      const history = await app.http
        .get(`${api}/processing-activities/${fromTemplate.id}/history`)
        .set(as(world.readerA));
      expect(history.body.items[0]).toMatchObject({
        action: 'apply-template',
        changedFields: ['securityMeasures', 'templateVersion'],
        note: expect.stringContaining('version 1 à la version 2'),
      });
    });
  });

  describe('processor register', () => {
    it('derives the Art. 30.2 register from deployments, for operator roles only', async () => {
      const validated = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Aides facultatives', { applicationIds: [appA.id] }),
      );
      await app.http
        .post(`${api}/processing-activities/${validated.id}/validate`)
        .set(as(world.dpoA))
        .send({ version: await entryVersion(app, validated.id) });
      const register = await app.http.get(`${api}/processor-register`).set(as(world.securityOfficer));
      expect(register.status).toBe(200);
      const controllerA = register.body.controllers.find(
        (c: { organisationId: string }) => c.organisationId === world.memberA.id,
      );
      expect(controllerA).toMatchObject({
        name: world.memberA.name,
        dpoNames: expect.arrayContaining(['dpo-a', 'shared-dpo']),
        applications: [
          {
            applicationId: appA.id,
            name: 'BL Social',
            processingActivities: ['Aides facultatives'],
            securityMeasures: ['Sauvegardes quotidiennes chiffrées', 'Journalisation des accès'],
            transfers: [],
          },
        ],
      });
      expect(register.body.controllers.map((c: { organisationId: string }) => c.organisationId)).toContain(
        world.memberB.id,
      );
      for (const actor of [world.dpoA, world.editorA, world.vendorContact]) {
        expectProblem(await app.http.get(`${api}/processor-register`).set(as(actor)), 403);
      }
    });
  });
});
