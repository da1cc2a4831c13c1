import { createTestApp, TestApp } from './support/test-app';
import { as, expectProblem, createWorld, World } from './support/world';
import { countRows, createApplication, createEntry, entryPayload } from './support/register-fixtures';
import { breachPayload, createBreach, patchBreach } from './support/breach-fixtures';
import { pdfText } from './support/pdf-text';

const api = '/api/v1';

describe('Breach register (e2e)', () => {
  let app: TestApp;
  let world: World;
  let appA: { id: string };
  let appB: { id: string };
  let activityA: { id: string };
  let activityB: { id: string };
  let breachA: { id: string; version: number };
  let breachB: { id: string; version: number };

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    appA = await createApplication(app, world.admin, 'BL Social', [world.memberA.id]);
    appB = await createApplication(app, world.admin, 'Pelehas', [world.memberB.id]);
    activityA = await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Aide sociale'));
    activityB = await createEntry(app, world.dpoB, world.memberB.id, entryPayload('Logement'));
    breachA = await createBreach(app, world.editorA, world.memberA.id, {
      processingActivityIds: [activityA.id],
      applicationIds: [appA.id],
      notes: 'Note interne : appeler le CCAS',
    });
    breachB = await createBreach(app, world.dpoB, world.memberB.id);
  });
  afterAll(() => app.close());

  describe('recording', () => {
    it('records a breach to assess with its 72-hour deadline (exact across the spring DST change)', async () => {
      const response = await app.http.get(`${api}/breaches/${breachA.id}`).set(as(world.readerA));
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        id: breachA.id,
        organisationId: world.memberA.id,
        status: 'to-assess',
        version: 1,
        awareAt: '2026-03-28T09:00:00.000Z',
        // 10:00 Paris (UTC+1) on 28 March + 72 real hours = 11:00 Paris (UTC+2) on 31 March.
        notificationDeadline: '2026-03-31T09:00:00.000Z',
        natures: ['confidentiality'],
        dataCategories: ['identity', 'social-situation'],
        approxSubjects: 120,
        processingActivityIds: [activityA.id],
        applicationIds: [appA.id],
        riskLevel: null,
        cnilNotifiedAt: null,
        overdue: true,
        incidentId: null,
        processorNotifiedAt: null,
      });
      expect(response.body.createdBy).toBeUndefined();
    });

    it('answers 201 with the deadline on creation, and audits it', async () => {
      const created = await app.http
        .post(`${api}/organisations/${world.memberA.id}/breaches`)
        .set(as(world.dpoA))
        .send(
          breachPayload({ awareAt: '2026-10-24T10:00:00+02:00', occurredAt: '2026-10-23T22:00:00+02:00' }),
        );
      expect(created.status).toBe(201);
      // Autumn: the hour comes back, 10:00 Paris + 72 h = 09:00 Paris on 27 October.
      expect(created.body.notificationDeadline).toBe('2026-10-27T08:00:00.000Z');
      expect(created.body.occurredAt).toBe('2026-10-23T20:00:00.000Z');
      const audit = await app.http
        .get(`${api}/audit-events?organisationId=${world.memberA.id}&entityId=${created.body.id}`)
        .set(as(world.dpoA));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['breach.create']);
    });

    it('refuses bad input with 400 problem+json, writing nothing', async () => {
      const before = await countRows(app, 'breach');
      const cases: Record<string, unknown>[] = [
        { title: '' },
        { awareAt: '2026-03-28T10:00:00' }, // no offset: ambiguous around DST
        { awareAt: 'yesterday' },
        { natures: [] },
        { natures: ['loss'] },
        { approxSubjects: -1 },
        { approxSubjects: 'many' },
        { occurredAt: '2026-03-29T10:00:00+02:00' }, // after awareAt
        { processingActivityIds: [activityB.id] }, // another member's activity
        { applicationIds: [appB.id] }, // not deployed for A
        { processingActivityIds: ['not-a-uuid'] },
        { status: 'closed' }, // decisions are not part of a creation
      ];
      for (const extra of cases) {
        const response = await app.http
          .post(`${api}/organisations/${world.memberA.id}/breaches`)
          .set(as(world.dpoA))
          .send(breachPayload(extra));
        expectProblem(response, 400);
      }
      const missing = await app.http
        .post(`${api}/organisations/${world.memberA.id}/breaches`)
        .set(as(world.dpoA))
        .send({ title: 'x' });
      expectProblem(missing, 400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['awareAt', 'description', 'natures', 'dataCategories', 'approxSubjects']),
      );
      const foreign = await app.http
        .post(`${api}/organisations/${world.memberA.id}/breaches`)
        .set(as(world.dpoA))
        .send(breachPayload({ processingActivityIds: [activityB.id], applicationIds: [appB.id] }));
      expect(foreign.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'processingActivityIds',
        'applicationIds',
      ]);
      expect(await countRows(app, 'breach')).toBe(before);
    });

    it('lets readers read only, and nobody outside the member write (403 / 404, nothing written)', async () => {
      const before = await countRows(app, 'breach');
      expectProblem(
        await app.http
          .post(`${api}/organisations/${world.memberA.id}/breaches`)
          .set(as(world.readerA))
          .send(breachPayload()),
        403,
      );
      for (const actor of [
        world.dpoB,
        world.admin,
        world.securityOfficer,
        world.auditor,
        world.vendorContact,
      ]) {
        expectProblem(
          await app.http
            .post(`${api}/organisations/${world.memberA.id}/breaches`)
            .set(as(actor))
            .send(breachPayload()),
          404,
        );
      }
      expect(await countRows(app, 'breach')).toBe(before);
    });
  });

  describe('isolation', () => {
    it("keeps each member's breaches to itself, and away from the operator and vendors (404)", async () => {
      for (const actor of [
        world.dpoB,
        world.admin,
        world.securityOfficer,
        world.auditor,
        world.vendorContact,
        world.nobody,
      ]) {
        expectProblem(await app.http.get(`${api}/breaches/${breachA.id}`).set(as(actor)), 404);
        expectProblem(
          await app.http.get(`${api}/organisations/${world.memberA.id}/breaches`).set(as(actor)),
          404,
        );
        expectProblem(
          await app.http
            .patch(`${api}/breaches/${breachA.id}`)
            .set(as(actor))
            .send({ version: 1, title: 'X' }),
          404,
        );
        expectProblem(await app.http.get(`${api}/breaches/${breachA.id}/record.pdf`).set(as(actor)), 404);
      }
      expectProblem(await app.http.get(`${api}/breaches/${breachB.id}`).set(as(world.dpoA)), 404);
      const list = await app.http
        .get(`${api}/organisations/${world.memberB.id}/breaches`)
        .set(as(world.sharedDpo));
      expect(list.status).toBe(200);
      expect(list.body.items.map((b: { id: string }) => b.id)).toEqual([breachB.id]);
      const unchanged = await app.http.get(`${api}/breaches/${breachA.id}`).set(as(world.dpoA));
      expect(unchanged.body.title).toBe(breachPayload().title);
    });

    it('lists a member register paginated, latest awareness first, with the overdue filter', async () => {
      const recent = await createBreach(app, world.editorA, world.memberA.id, {
        title: 'Perte d’une clé USB',
        awareAt: new Date(Date.now() - 3_600_000).toISOString(),
      });
      const page = await app.http
        .get(`${api}/organisations/${world.memberA.id}/breaches?pageSize=1`)
        .set(as(world.readerA));
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ page: 1, pageSize: 1, total: 3 });
      expect(page.body.items[0]).toMatchObject({ id: recent.id, overdue: false });
      const overdue = await app.http
        .get(`${api}/organisations/${world.memberA.id}/breaches?overdue=true`)
        .set(as(world.readerA));
      const ids = overdue.body.items.map((b: { id: string }) => b.id);
      expect(ids).toContain(breachA.id);
      expect(ids).not.toContain(recent.id);
      expect(overdue.body.items.every((b: { overdue: boolean }) => b.overdue)).toBe(true);
      const notOverdue = await app.http
        .get(`${api}/organisations/${world.memberA.id}/breaches?overdue=false`)
        .set(as(world.readerA));
      expect(notOverdue.body.items.map((b: { id: string }) => b.id)).toEqual([recent.id]);
      expectProblem(
        await app.http
          .get(`${api}/organisations/${world.memberA.id}/breaches?overdue=maybe`)
          .set(as(world.readerA)),
        400,
      );
      expectProblem(
        await app.http
          .get(`${api}/organisations/${world.memberA.id}/breaches?status=lost`)
          .set(as(world.readerA)),
        400,
      );
    });
  });

  describe('changes', () => {
    it('lets an editor change the facts with the version, and refuses a stale or missing version', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      const changed = await patchBreach(app, world.editorA, breach, {
        approxSubjects: 150,
        awareAt: '2026-10-24T10:00:00+02:00',
        likelyConsequences: 'Atteinte à la vie privée',
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({
        version: 2,
        approxSubjects: 150,
        notificationDeadline: '2026-10-27T08:00:00.000Z',
      });
      const stale = await app.http
        .patch(`${api}/breaches/${breach.id}`)
        .set(as(world.editorA))
        .send({ version: 1, approxSubjects: 1 });
      expectProblem(stale, 409);
      expectProblem(
        await app.http
          .patch(`${api}/breaches/${breach.id}`)
          .set(as(world.editorA))
          .send({ approxSubjects: 1 }),
        400,
      );
      const ifMatch = await app.http
        .patch(`${api}/breaches/${breach.id}`)
        .set(as(world.editorA))
        .set('If-Match', '"2"')
        .send({ measuresTaken: 'Rappel du courriel' });
      expect(ifMatch.status).toBe(200);
      const stored = await app.http.get(`${api}/breaches/${breach.id}`).set(as(world.readerA));
      expect(stored.body).toMatchObject({
        version: 3,
        approxSubjects: 150,
        measuresTaken: 'Rappel du courriel',
      });
    });

    it('keeps decisions to the DPO and writes to editors and the DPO (403, nothing changed)', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      expectProblem(await patchBreach(app, world.editorA, breach, { riskLevel: 'risk' }), 403);
      expectProblem(await patchBreach(app, world.editorA, breach, { status: 'assessed' }), 403);
      expectProblem(await patchBreach(app, world.readerA, breach, { title: 'Autre' }), 403);
      const stored = await app.http.get(`${api}/breaches/${breach.id}`).set(as(world.dpoA));
      expect(stored.body).toMatchObject({ version: 1, riskLevel: null, status: 'to-assess' });
    });

    it('refuses bad changes with 400 and leaves the breach unchanged', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      for (const body of [
        { title: null },
        { natures: ['loss'] },
        { riskLevel: 'huge' },
        { waiverGround: '34.3.d' },
        { occurredAt: '2027-01-01T00:00:00Z' },
        { applicationIds: [appB.id] },
        { complementaryNotifications: [{ at: 'now', summary: '' }] },
        { unknownField: 1 },
      ]) {
        expectProblem(await patchBreach(app, world.dpoA, breach, body), 400);
      }
      const stored = await app.http.get(`${api}/breaches/${breach.id}`).set(as(world.dpoA));
      expect(stored.body.version).toBe(1);
    });
  });

  describe('status rules', () => {
    it('follows the flow and cannot close a risky breach before its notification to the CNIL', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      const skip = await patchBreach(app, world.dpoA, breach, { status: 'closed', riskLevel: 'risk' });
      expectProblem(skip, 409);
      expect(skip.body.detail).toMatch(/ne peut être clôturée avant que sa notification à la CNIL/);
      expectProblem(await patchBreach(app, world.dpoA, breach, { status: 'assessed' }), 400);
      const assessed = await patchBreach(app, world.dpoA, breach, {
        status: 'assessed',
        riskLevel: 'risk',
        riskAssessment: 'Données sociales de personnes vulnérables',
      });
      expect(assessed.status).toBe(200);
      expect(assessed.body.assessedAt).toEqual(expect.any(String));
      const close = await patchBreach(app, world.dpoA, breach, { status: 'closed' });
      expectProblem(close, 409);
      expect(close.body.detail).toMatch(/« risk » ne peut être clôturée avant que sa notification à la CNIL/);
      expectProblem(
        await patchBreach(app, world.dpoA, breach, { status: 'not-notifiable', notNotifiableReason: 'x' }),
        400,
      );
      expectProblem(await patchBreach(app, world.dpoA, breach, { status: 'notified' }), 400);
      // Notified after the 72 hours: the reasons for the delay are required (Art. 33.1).
      const late = await patchBreach(app, world.dpoA, breach, {
        status: 'notified',
        cnilNotifiedAt: '2026-03-31T11:30:00+02:00',
        cnilReference: 'NOTIF-2026-001',
      });
      expectProblem(late, 400);
      expect(late.body.errors.map((e: { field: string }) => e.field)).toEqual(['notificationDelayReason']);
      const notified = await patchBreach(app, world.dpoA, breach, {
        status: 'notified',
        cnilNotifiedAt: '2026-03-31T11:00:00+02:00',
        cnilReference: 'NOTIF-2026-001',
        complementaryNotifications: [
          { at: '2026-04-02T15:00:00+02:00', reference: 'NOTIF-2026-001-2', summary: 'Bilan' },
        ],
      });
      expect(notified.status).toBe(200);
      expect(notified.body).toMatchObject({
        status: 'notified',
        overdue: false,
        cnilReference: 'NOTIF-2026-001',
      });
      const closed = await patchBreach(app, world.dpoA, breach, { status: 'closed' });
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
      expectProblem(await patchBreach(app, world.dpoA, breach, { notes: 'après clôture' }), 409);
    });

    it('needs the information of the people or a waiver ground to close a high-risk breach', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      await patchBreach(app, world.dpoA, breach, { status: 'assessed', riskLevel: 'high-risk' });
      await patchBreach(app, world.dpoA, breach, {
        status: 'notified',
        cnilNotifiedAt: '2026-03-29T10:00:00+02:00',
      });
      const close = await patchBreach(app, world.dpoA, breach, { status: 'closed' });
      expectProblem(close, 409);
      expect(close.body.detail).toMatch(/art\. 34/);
      expectProblem(await patchBreach(app, world.dpoA, breach, { waiverGround: '34.3.a' }), 400);
      const waived = await patchBreach(app, world.dpoA, breach, {
        status: 'closed',
        subjectsInformed: false,
        waiverGround: '34.3.a',
        waiverJustification: 'Fichier chiffré, clé non compromise',
      });
      expect(waived.status).toBe(200);
      expect(waived.body).toMatchObject({ status: 'closed', waiverGround: '34.3.a' });

      const informed = await createBreach(app, world.editorA, world.memberA.id);
      await patchBreach(app, world.dpoA, informed, { status: 'assessed', riskLevel: 'high-risk' });
      await patchBreach(app, world.dpoA, informed, {
        status: 'notified',
        cnilNotifiedAt: '2026-03-29T10:00:00+02:00',
      });
      const done = await patchBreach(app, world.dpoA, informed, {
        status: 'closed',
        subjectsInformed: true,
        subjectsInformedAt: '2026-03-30T09:00:00+02:00',
        subjectsInformationMeans: 'Courrier individuel',
      });
      expect(done.status).toBe(200);
    });

    it('refuses a waiver of informing the people without its justification (Art. 34.3), writing nothing', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      await patchBreach(app, world.dpoA, breach, { status: 'assessed', riskLevel: 'high-risk' });
      const version = breach.version;
      const audits = await countRows(app, 'audit_event');
      for (const ground of ['34.3.a', '34.3.b']) {
        const refused = await patchBreach(app, world.dpoA, breach, {
          subjectsInformed: false,
          waiverGround: ground,
        });
        expectProblem(refused, 400);
        expect(refused.body.errors).toEqual([
          { field: 'waiverJustification', message: expect.stringContaining(`art. ${ground} du RGPD`) },
        ]);
      }
      expectProblem(
        await patchBreach(app, world.dpoA, breach, {
          subjectsInformed: false,
          waiverGround: '34.3.a',
          waiverJustification: 'chiffré',
        }),
        400,
      );
      const unchanged = await app.http.get(`${api}/breaches/${breach.id}`).set(as(world.dpoA));
      expect(unchanged.body).toMatchObject({
        version,
        subjectsInformed: null,
        waiverGround: null,
        waiverJustification: null,
      });
      expect(await countRows(app, 'audit_event')).toBe(audits);
    });

    it('records the public communication made instead of informing each person (Art. 34.3.c)', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      await patchBreach(app, world.dpoA, breach, { status: 'assessed', riskLevel: 'high-risk' });
      const waiver = {
        subjectsInformed: false,
        waiverGround: '34.3.c',
        waiverJustification: 'Adresses inconnues de la plupart des 40 000 usagers du portail',
      };
      const audits = await countRows(app, 'audit_event');
      const missing = await patchBreach(app, world.dpoA, breach, waiver);
      expectProblem(missing, 400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([
        'publicCommunicationAt',
        'publicCommunicationMeans',
      ]);
      expect(missing.body.errors[0].message).toContain('34.3.c');
      const early = await patchBreach(app, world.dpoA, breach, {
        ...waiver,
        publicCommunicationAt: '2026-03-27T09:00:00+01:00',
        publicCommunicationMeans: 'Communiqué de presse',
      });
      expectProblem(early, 400);
      const wrongGround = await patchBreach(app, world.dpoA, breach, {
        ...waiver,
        waiverGround: '34.3.a',
        publicCommunicationAt: '2026-03-30T09:00:00+02:00',
        publicCommunicationMeans: 'Communiqué de presse',
      });
      expectProblem(wrongGround, 400);
      expect(await countRows(app, 'audit_event')).toBe(audits);
      const communication = {
        publicCommunicationAt: '2026-03-30T09:00:00+02:00',
        publicCommunicationMeans: 'Communiqué sur le site internet de la ville et affichage en mairie',
      };
      expectProblem(await patchBreach(app, world.editorA, breach, { ...waiver, ...communication }), 403);
      const recorded = await patchBreach(app, world.dpoA, breach, { ...waiver, ...communication });
      expect(recorded.status).toBe(200);
      expect(recorded.body).toMatchObject({
        waiverGround: '34.3.c',
        publicCommunicationAt: '2026-03-30T07:00:00.000Z',
        publicCommunicationMeans: communication.publicCommunicationMeans,
      });
      expect(await countRows(app, 'audit_event')).toBe(audits + 1);
      const record = await app.http
        .get(`${api}/breaches/${breach.id}/record.pdf`)
        .set(as(world.readerA))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const { flat } = await pdfText(record.body as Buffer);
      expect(flat).toContain('Date de la communication publique : 30 mars 2026 à 9\u00a0h\u00a000');
      expect(flat).toContain(
        `Moyen de la communication publique : ${communication.publicCommunicationMeans}`,
      );
      // Leaving 34.3.c without withdrawing the communication is inconsistent.
      expectProblem(await patchBreach(app, world.dpoA, breach, { waiverGround: '34.3.b' }), 400);
    });

    it('lets a breach without risk be declared not notifiable with a reason, then closed', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id);
      await patchBreach(app, world.dpoA, breach, { status: 'assessed', riskLevel: 'none' });
      const noReason = await patchBreach(app, world.dpoA, breach, { status: 'not-notifiable' });
      expectProblem(noReason, 400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['notNotifiableReason']);
      const declared = await patchBreach(app, world.dpoA, breach, {
        status: 'not-notifiable',
        notNotifiableReason: 'Données publiques, aucun risque',
      });
      expect(declared.status).toBe(200);
      expect(declared.body.overdue).toBe(false);
      expect((await patchBreach(app, world.dpoA, breach, { status: 'closed' })).status).toBe(200);
    });
  });

  describe('breach record PDF', () => {
    it('renders the record in French with Paris times and stores it as a record of the member', async () => {
      const breach = await createBreach(app, world.editorA, world.memberA.id, {
        title: 'Vol d’un ordinateur portable',
        processingActivityIds: [activityA.id],
        applicationIds: [appA.id],
        approxSubjects: 12345,
      });
      await patchBreach(app, world.dpoA, breach, { status: 'assessed', riskLevel: 'risk' });
      await patchBreach(app, world.dpoA, breach, {
        status: 'notified',
        cnilNotifiedAt: '2026-03-30T16:45:00+02:00',
        cnilReference: 'NOTIF-2026-777',
      });
      const before = await countRows(app, 'generated_document');
      const response = await app.http
        .get(`${api}/breaches/${breach.id}/record.pdf`)
        .set(as(world.readerA))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/pdf/);
      const { flat } = await pdfText(response.body as Buffer);
      expect(flat).toContain('Vol d’un ordinateur portable');
      expect(flat).toContain('Registre des violations de données personnelles');
      expect(flat).toContain('Violation notifiée à la CNIL');
      expect(flat).toContain('28 mars 2026 à 10\u00a0h\u00a000');
      expect(flat).toContain('31 mars 2026 à 11\u00a0h\u00a000');
      expect(flat).toContain('30 mars 2026 à 16\u00a0h\u00a045');
      expect(flat).toContain('NOTIF-2026-777');
      expect(flat).toContain(
        'Délai de notification : 53 h 45 min après la prise de connaissance (dans le délai de 72 heures)',
      );
      expect(flat).toContain('Perte de confidentialité');
      expect(flat).toMatch(/environ 12\u202f345/);
      expect(flat).toContain('Aide sociale');
      expect(flat).toContain('BL Social');
      expect(flat).toContain('Risque pour les droits et libertés des personnes');
      expect(flat).toContain(world.memberA.name);
      expect(await countRows(app, 'generated_document')).toBe(before + 1);
      const documents = await app.http
        .get(`${api}/documents?organisationId=${world.memberA.id}`)
        .set(as(world.dpoA));
      expect(documents.body.items[0]).toMatchObject({
        kind: 'breach-record',
        organisationId: world.memberA.id,
      });
      expectProblem(await app.http.get(`${api}/breaches/${breach.id}/record.pdf`).set(as(world.dpoB)), 404);
      expect(await countRows(app, 'generated_document')).toBe(before + 1);
    });
  });
});
