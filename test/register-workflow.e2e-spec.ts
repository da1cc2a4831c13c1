import { pdfText } from './support/pdf-text';
import { countRows, createEntry, entryPayload, entryVersion } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { Actor, as, createWorld, expectProblem, World } from './support/world';

const api = '/api/v1';
const DPIA_REQUIRED =
  "Une AIPD est requise : enregistrez l'AIPD réalisée ou la décision motivée de ne pas la mener";
/** Two WP248 criteria: the screening requires a DPIA. */
const DPIA_CRITERIA = ['vulnerable-subjects', 'matching-datasets'];

function binary(
  response: { on: (e: string, cb: (chunk?: Buffer) => void) => void },
  done: (e: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  response.on('data', (chunk?: Buffer) => chunks.push(chunk as Buffer));
  response.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('Register workflow: partial drafts, validation, DPIA carried out (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  const get = (id: string, actor: Actor = world.dpoA) =>
    app.http.get(`${api}/processing-activities/${id}`).set(as(actor));
  const validate = async (id: string, actor: Actor = world.dpoA) =>
    app.http
      .post(`${api}/processing-activities/${id}/validate`)
      .set(as(actor))
      .send({ version: await entryVersion(app, id) });
  const putAssessment = (id: string, body: Record<string, unknown>, actor: Actor = world.dpoA) =>
    app.http.put(`${api}/processing-activities/${id}/dpia-assessment`).set(as(actor)).send(body);
  const versions = async (id: string) =>
    Number(
      (
        await app.dataSource.query(
          'SELECT count(*)::int AS n FROM processing_activity_version WHERE activity_id = $1',
          [id],
        )
      )[0].n,
    );

  describe('partial drafts', () => {
    it('creates a draft with only its name', async () => {
      const created = await app.http
        .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
        .set(as(world.editorA))
        .send({ name: 'Registre des arrêtés du maire' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Registre des arrêtés du maire',
        status: 'draft',
        version: 1,
        purposes: [],
        dataSubjects: [],
        dataCategories: [],
        nir: null,
        dpiaAssessment: null,
        dpia: { required: false },
        warnings: [],
      });
    });

    it('accepts a purpose without its legal basis and a category without retention, but checks what is given', async () => {
      const created = await createEntry(app, world.editorA, world.memberA.id, {
        name: 'Cantine',
        purposes: [{ description: 'Inscrire les enfants' }],
        dataCategories: [{ category: 'identity' }],
      });
      expect(created.purposes).toEqual([{ description: 'Inscrire les enfants' }]);
      const before = await countRows(app, 'processing_activity');
      for (const body of [
        { name: 'X', purposes: [{ description: 'Inscrire', legalBasis: 'public-task' }] },
        { name: 'X', dataCategories: [{ category: 'identity', finalFate: 'burn' }] },
        { name: 'X', purposes: [{ description: 'X', legalBasis: 'whim' }] },
        { name: '' },
        { description: 'Sans nom' },
      ]) {
        expectProblem(
          await app.http
            .post(`${api}/organisations/${world.memberA.id}/processing-activities`)
            .set(as(world.editorA))
            .send(body),
          400,
        );
      }
      expect(await countRows(app, 'processing_activity')).toBe(before);
    });
  });

  describe('validation (Art. 30.1)', () => {
    it('answers 409 listing in French what the register still needs, then validates once complete', async () => {
      const draft = await createEntry(app, world.editorA, world.memberA.id, { name: 'Accueil périscolaire' });
      const refused = await validate(draft.id);
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/^La fiche ne peut pas être validée : Art\. 30\.1\.b du RGPD/);
      expect(refused.body.errors).toEqual([
        { field: 'purposes', message: expect.stringContaining('au moins une finalité') },
        { field: 'dataSubjects', message: expect.stringContaining('personnes concernées') },
        { field: 'dataCategories', message: expect.stringContaining('durée de conservation') },
      ]);
      expect((await get(draft.id)).body).toMatchObject({ status: 'draft', version: 1 });

      const partial = await app.http
        .patch(`${api}/processing-activities/${draft.id}`)
        .set(as(world.editorA))
        .send({
          version: 1,
          purposes: [{ description: 'Inscrire les enfants' }],
          dataSubjects: ['children', 'parents'],
          dataCategories: [{ category: 'identity', retention: '1 an après la fin de l’inscription' }],
        });
      expect(partial.status).toBe(200);
      const still = await validate(draft.id);
      expectProblem(still, 409);
      expect(still.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'purposes.0.legalBasis',
        'dataCategories.0.finalFate',
      ]);

      const complete = await app.http
        .patch(`${api}/processing-activities/${draft.id}`)
        .set(as(world.editorA))
        .send({
          version: 2,
          purposes: [
            {
              description: 'Inscrire les enfants',
              legalBasis: 'public-task',
              legalBasisDetail: "Code de l'action sociale et des familles, art. L. 227-4",
            },
          ],
          dataCategories: [
            {
              category: 'identity',
              retention: '1 an après la fin de l’inscription',
              finalFate: 'destruction',
            },
          ],
        });
      expect(complete.status).toBe(200);
      const validated = await validate(draft.id);
      expect(validated.status).toBe(200);
      expect(validated.body).toMatchObject({ status: 'validated', version: 4 });
    });

    it('lets a change through that leaves alone a stored value written before a rule, and asks it at validation', async () => {
      const entry = await createEntry(app, world.editorA, world.memberA.id, entryPayload('Cimetières'));
      await app.dataSource.query(
        `UPDATE processing_activity SET purposes = '[{"description": "Gérer les concessions", "legalBasis": "public-task"}]' WHERE id = $1`,
        [entry.id],
      );
      const edited = await app.http
        .patch(`${api}/processing-activities/${entry.id}`)
        .set(as(world.editorA))
        .send({ description: 'Concessions et inhumations', version: entry.version });
      expect(edited.status).toBe(200);
      const refused = await validate(entry.id);
      expectProblem(refused, 409);
      expect(refused.body.errors).toEqual([
        { field: 'purposes.0.legalBasisDetail', message: expect.stringMatching(/^Art\. 6\.3 du RGPD/) },
      ]);
      expectProblem(
        await app.http
          .patch(`${api}/processing-activities/${entry.id}`)
          .set(as(world.editorA))
          .send({
            purposes: [{ description: 'Gérer les concessions', legalBasis: 'public-task' }],
            version: edited.body.version,
          }),
        400,
      );
    });

    it('reads an older special category « nir » into the NIR field and asks its legal ground to validate', async () => {
      const entry = await createEntry(
        app,
        world.editorA,
        world.memberA.id,
        entryPayload('Paie des agents', {
          dataSubjects: ['staff'],
          specialCategories: [{ category: 'nir', condition: '9.2.b' }],
        }),
      );
      expect(entry).toMatchObject({
        specialCategories: [],
        nir: { used: true, legacyCondition: '9.2.b' },
        warnings: [{ field: 'nir.legalGround', message: expect.stringContaining('décret n° 2019-341') }],
      });
      const refused = await validate(entry.id);
      expectProblem(refused, 409);
      expect(refused.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'nir.legalGround' })]),
      );
      const grounded = await app.http
        .patch(`${api}/processing-activities/${entry.id}`)
        .set(as(world.editorA))
        .send({
          version: entry.version,
          nir: {
            used: true,
            legalGround: 'decret-2019-341',
            reference: "Sphère du travail et de l'emploi : gestion de la paie et déclarations sociales",
          },
          // Agents (vulnerable) and the NIR (sensitive) call for a DPIA, unless the CNIL exempts HR processing.
          cnilExemptionItem: '1',
        });
      expect(grounded.status).toBe(200);
      expect(grounded.body.warnings).toEqual([]);
      expect((await validate(entry.id)).status).toBe(200);
    });

    it('accepts an international organisation as the recipient of a transfer, with its safeguard', async () => {
      const entry = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Jumelage et coopération décentralisée', {
          transfers: [
            {
              recipient: 'Organisation internationale pour les migrations',
              internationalOrganisation: true,
              safeguard: 'derogation',
              derogation: '49.1.d',
              safeguardDetail: 'Programme de coopération',
            },
          ],
        }),
      );
      expect(entry.transfers).toEqual([
        {
          recipient: 'Organisation internationale pour les migrations',
          internationalOrganisation: true,
          safeguard: 'derogation',
          derogation: 'd',
          safeguardDetail: 'Programme de coopération',
        },
      ]);
      const sheet = await app.http
        .get(`${api}/processing-activities/${entry.id}/sheet.pdf`)
        .set(as(world.readerA))
        .buffer(true)
        .parse(binary);
      const text = (await pdfText(sheet.body as Buffer)).text.replace(/[ \n]+/g, ' ');
      expect(text).toContain("Transferts hors de l'Espace économique européen");
      expect(text).toContain('Organisation internationale');
      expect(text).toContain("Motifs importants d'intérêt public (art. 49.1.d) — Programme de coopération");
    });
  });

  describe('DPIA carried out', () => {
    it('refuses to validate an entry screened « AIPD requise » until the DPIA is done', async () => {
      const entry = await createEntry(
        app,
        world.editorA,
        world.memberA.id,
        entryPayload('Fichier des personnes vulnérables (plan canicule)', { dpiaCriteria: DPIA_CRITERIA }),
      );
      const refused = await validate(entry.id);
      expectProblem(refused, 409);
      expect(refused.body.detail).toBe(DPIA_REQUIRED);
      expect(refused.body.errors).toEqual([{ field: 'dpiaAssessment', message: DPIA_REQUIRED }]);

      const started = await putAssessment(entry.id, {
        status: 'in-progress',
        startedAt: '2026-10-01',
        version: 1,
      });
      expect(started.status).toBe(200);
      expect(started.body).toMatchObject({
        status: 'draft',
        version: 2,
        dpiaAssessment: { status: 'in-progress', startedAt: '2026-10-01', recordedBy: world.dpoA.id },
      });
      const stillRefused = await validate(entry.id);
      expectProblem(stillRefused, 409);
      expect(stillRefused.body.detail).toContain("l'AIPD est en cours");

      const done = await putAssessment(entry.id, {
        status: 'done',
        startedAt: '2026-10-01',
        completedAt: '2026-11-20',
        reference: 'AIPD-2026-07 v1.0',
        residualRisk: 'low',
        priorConsultation: false,
        conclusion: 'Risques acceptables avec les mesures prévues',
        version: 2,
      });
      expect(done.status).toBe(200);
      const validated = await validate(entry.id);
      expect(validated.status).toBe(200);
      expect(validated.body).toMatchObject({ status: 'validated', dpiaAssessment: { status: 'done' } });
    });

    it("validates a required DPIA entry after the DPO's reasoned decision not to carry one out", async () => {
      const entry = await createEntry(
        app,
        world.editorA,
        world.memberA.id,
        entryPayload('Registre des personnes isolées', { dpiaCriteria: DPIA_CRITERIA }),
      );
      expectProblem(await validate(entry.id), 409);
      const decided = await app.http
        .post(`${api}/processing-activities/${entry.id}/dpia-decision`)
        .set(as(world.dpoA))
        .send({
          reason: 'Registre déclaratif de quelques dizaines de personnes, données minimisées',
          version: await entryVersion(app, entry.id),
        });
      expect(decided.status).toBe(200);
      expect((await validate(entry.id)).status).toBe(200);
    });

    describe('PUT /processing-activities/:id/dpia-assessment', () => {
      let entry: { id: string; version: number };
      let otherEntry: { id: string; version: number };
      beforeAll(async () => {
        entry = await createEntry(
          app,
          world.editorA,
          world.memberA.id,
          entryPayload('Vidéoprotection de la voie publique', { dpiaCriteria: DPIA_CRITERIA }),
        );
        otherEntry = await createEntry(
          app,
          world.dpoB,
          world.memberB.id,
          entryPayload('Vidéoprotection (B)', { dpiaCriteria: DPIA_CRITERIA }),
        );
      });

      it('records the DPIA done, in the entry, its history and the audit trail, with the Art. 36 warning', async () => {
        const response = await putAssessment(entry.id, {
          status: 'done',
          startedAt: '2026-09-01',
          reference: 'AIPD-VP-2026',
          residualRisk: 'high',
          priorConsultation: false,
          conclusion: 'Risque résiduel élevé : consultation de la CNIL à prévoir',
          version: entry.version,
        });
        expect(response.status).toBe(200);
        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
        expect(response.body).toMatchObject({
          version: entry.version + 1,
          dpiaAssessment: {
            status: 'done',
            startedAt: '2026-09-01',
            completedAt: today,
            reference: 'AIPD-VP-2026',
            residualRisk: 'high',
            priorConsultation: false,
            recordedBy: world.dpoA.id,
          },
          warnings: [
            {
              field: 'dpiaAssessment.priorConsultation',
              message: expect.stringMatching(/^Art\. 36 du RGPD/),
            },
          ],
        });
        const history = await app.http
          .get(`${api}/processing-activities/${entry.id}/history`)
          .set(as(world.readerA));
        expect(history.body.items[0]).toMatchObject({
          version: entry.version + 1,
          action: 'dpia-assessment',
          changedFields: ['dpiaAssessment'],
          changedFieldLabels: ['AIPD réalisée'],
          actorId: world.dpoA.id,
        });
        const snapshot = await app.http
          .get(`${api}/processing-activities/${entry.id}/history/${entry.version + 1}`)
          .set(as(world.readerA));
        expect(snapshot.body.snapshot.dpiaAssessment).toMatchObject({ status: 'done', residualRisk: 'high' });
        const events = await app.http.get(`${api}/audit-events?entityId=${entry.id}`).set(as(world.dpoA));
        expect(events.body.items[0]).toMatchObject({
          action: 'processing-activity.dpia-assessment',
          entityId: entry.id,
          organisationId: world.memberA.id,
          actorId: world.dpoA.id,
        });

        const same = await putAssessment(entry.id, {
          status: 'done',
          startedAt: '2026-09-01',
          completedAt: today,
          reference: 'AIPD-VP-2026',
          residualRisk: 'high',
          priorConsultation: false,
          conclusion: 'Risque résiduel élevé : consultation de la CNIL à prévoir',
          version: entry.version + 1,
        });
        expect(same.body.version).toBe(entry.version + 1);
        entry = { ...entry, version: entry.version + 1 };
      });

      it('shows the DPIA carried out on the sheet and in the register PDF', async () => {
        for (const path of [
          `${api}/processing-activities/${entry.id}/sheet.pdf`,
          `${api}/organisations/${world.memberA.id}/register.pdf?drafts=include`,
        ]) {
          const response = await app.http.get(path).set(as(world.readerA)).buffer(true).parse(binary);
          expect(response.status).toBe(200);
          const text = (await pdfText(response.body as Buffer)).text.replace(/[ \n]+/g, ' ');
          expect(text).toContain('AIPD menée : AIPD réalisée');
          expect(text).toContain('Référence du document : AIPD-VP-2026');
          expect(text).toContain('Risque résiduel : Élevé');
          expect(text).toContain('Consultation préalable de la CNIL (art. 36) : Non');
          expect(text).toContain("Art. 36 du RGPD : l'AIPD conclut à un risque résiduel élevé");
        }
      });

      it("answers 404 for another member's entry, 403 to a reader and an editor, writing nothing", async () => {
        const body = { status: 'in-progress', version: 1 };
        expectProblem(await putAssessment(otherEntry.id, body, world.dpoA), 404);
        expectProblem(await putAssessment(entry.id, { ...body, version: entry.version }, world.readerA), 403);
        expectProblem(await putAssessment(entry.id, { ...body, version: entry.version }, world.editorA), 403);
        expectProblem(await putAssessment(entry.id, body, world.vendorContact), 404);
        expect((await get(entry.id)).body).toMatchObject({
          version: entry.version,
          dpiaAssessment: { status: 'done' },
        });
        expect((await get(otherEntry.id, world.dpoB)).body.dpiaAssessment).toBeNull();
      });

      it('refuses bad input with 400 problem+json and writes nothing', async () => {
        const before = await versions(entry.id);
        const version = entry.version;
        for (const body of [
          { status: 'finished', version },
          { version },
          { status: 'done', residualRisk: 'extreme', version },
          { status: 'done', priorConsultation: 'oui', version },
          { status: 'done', startedAt: '01/09/2026', version },
          { status: 'done', startedAt: '2026-10-01', completedAt: '2026-09-01', version },
          { status: 'done', completedAt: '2099-01-01', version },
          { status: 'in-progress', completedAt: '2026-09-01', version },
          { status: 'done', reference: 'x'.repeat(201), version },
          { status: 'done', colour: 'blue', version },
          { status: 'done' },
        ]) {
          const response = await putAssessment(entry.id, body);
          expectProblem(response, 400);
        }
        const inFuture = await putAssessment(entry.id, {
          status: 'done',
          completedAt: '2099-01-01',
          version,
        });
        expect(inFuture.body.errors).toEqual([
          { field: 'completedAt', message: "la date d'achèvement ne peut pas être dans le futur" },
        ]);
        expect(await versions(entry.id)).toBe(before);
        expect((await get(entry.id)).body).toMatchObject({
          version,
          dpiaAssessment: { reference: 'AIPD-VP-2026' },
        });
      });

      it('refuses a stale version with 409, by body or If-Match, and changes nothing', async () => {
        expectProblem(
          await putAssessment(entry.id, { status: 'in-progress', version: entry.version - 1 }),
          409,
        );
        expectProblem(
          await app.http
            .put(`${api}/processing-activities/${entry.id}/dpia-assessment`)
            .set(as(world.dpoA))
            .set('If-Match', `"${entry.version - 1}"`)
            .send({ status: 'in-progress' }),
          409,
        );
        const withIfMatch = await app.http
          .put(`${api}/processing-activities/${entry.id}/dpia-assessment`)
          .set(as(world.dpoA))
          .set('If-Match', `"${entry.version}"`)
          .send({ status: 'done', residualRisk: 'high', priorConsultation: true });
        expect(withIfMatch.status).toBe(200);
        expect(withIfMatch.body).toMatchObject({ version: entry.version + 1, warnings: [] });
      });
    });
  });

  describe('import', () => {
    it('imports a line holding only a name as a draft, that validation then completes', async () => {
      const header =
        "Nom du traitement;Description;Applications;Finalités et bases légales;Personnes concernées;Catégories de données;Données sensibles;Destinataires;Transferts hors de l'Espace économique européen;Mesures de sécurité;Critères AIPD (WP248);Liste CNIL des traitements soumis à AIPD;Cas de l’article 35.3;Date de révision;NIR (numéro de sécurité sociale)";
      const csv = [
        header,
        'Gestion des concessions funéraires;;;;;;;;;;;;;;',
        'Paie;;;Verser la paie | Obligation légale | Code général de la fonction publique;Agents;identity | | 5 ans | destruction;;;;;;;;;Oui | Décret n° 2019-341 | Sphère du travail et de l’emploi',
      ].join('\n');
      const response = await app.http
        .post(`${api}/organisations/${world.memberA.id}/register/import`)
        .set(as(world.editorA))
        .attach('file', Buffer.from(csv, 'utf8'), 'registre.csv');
      expect(response.status).toBe(201);
      expect(response.body.created).toBe(2);
      const [partial, payroll] = response.body.items as { id: string }[];
      expect((await get(partial.id)).body).toMatchObject({
        name: 'Gestion des concessions funéraires',
        status: 'draft',
        purposes: [],
      });
      expect((await get(payroll.id)).body).toMatchObject({
        dataSubjects: ['staff'],
        nir: {
          used: true,
          legalGround: 'decret-2019-341',
          reference: 'Sphère du travail et de l’emploi',
        },
      });
      const refused = await validate(partial.id);
      expectProblem(refused, 409);
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'purposes',
        'dataSubjects',
        'dataCategories',
      ]);
    });
  });
});
