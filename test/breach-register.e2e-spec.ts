import ExcelJS from 'exceljs';
import { createTestApp, TestApp } from './support/test-app';
import { Actor, as, createWorld, expectProblem, World } from './support/world';
import { countRows, createApplication } from './support/register-fixtures';
import { createBreach, patchBreach } from './support/breach-fixtures';
import { pdfText } from './support/pdf-text';

const api = '/api/v1';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('Whole breach register exports, PDF and XLSX (Art. 33.5, e2e)', () => {
  let app: TestApp;
  let world: World;
  let waived: { id: string; version: number };
  let received: Record<string, unknown> & { id: string };
  let otherMember: { id: string; version: number };

  const download = (actor: Actor, path: string) =>
    app.http
      .get(`${api}${path}`)
      .set(as(actor))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    waived = await createBreach(app, world.editorA, world.memberA.id, {
      title: 'Envoi du fichier des bénéficiaires du CCAS',
      description: 'Le fichier des bénéficiaires a été joint par erreur à une lettre d’information.',
      likelyConsequences: 'Divulgation de la situation sociale de familles',
      measuresTaken: 'Rappel du courriel et demande de suppression aux destinataires',
      measuresPlanned: 'Formation des agents à l’envoi de pièces jointes',
      notes: 'NOTE-INTERNE-SECRETE',
      approxSubjects: 40000,
    });
    await patchBreach(app, world.dpoA, waived, { status: 'assessed', riskLevel: 'high-risk' });
    await patchBreach(app, world.dpoA, waived, {
      status: 'notified',
      cnilNotifiedAt: '2026-03-30T16:45:00+02:00',
      cnilReference: 'NOTIF-2026-4242',
    });
    const closed = await patchBreach(app, world.dpoA, waived, {
      status: 'closed',
      subjectsInformed: false,
      waiverGround: '34.3.c',
      waiverJustification: 'Adresses inconnues pour la plupart des 40 000 personnes concernées',
      publicCommunicationAt: '2026-03-31T09:00:00+02:00',
      publicCommunicationMeans: 'Communiqué sur le site internet de la ville et affichage en mairie',
    });
    expect(closed.status).toBe(200);
    await createBreach(app, world.editorA, world.memberA.id, {
      title: '=SOMME(A1:A2) tableau exporté',
      awareAt: '2026-04-02T08:00:00+02:00',
    });
    const kiosk = await createApplication(app, world.admin, 'Kiosque familles', [world.memberA.id]);
    const incident = await app.http.post(`${api}/incidents`).set(as(world.securityOfficer)).send({
      applicationId: kiosk.id,
      title: 'Accès non autorisé au serveur applicatif',
      awareAt: '2026-11-30T08:00:00+01:00',
      description: 'Un compte de service a été utilisé depuis une adresse inconnue.',
    });
    expect(incident.status).toBe(201);
    const [row] = await app.dataSource.query(
      `SELECT id FROM breach WHERE incident_id = $1 AND organisation_id = $2`,
      [incident.body.id, world.memberA.id],
    );
    received = (await app.http.get(`${api}/breaches/${row.id}`).set(as(world.readerA))).body;
    otherMember = await createBreach(app, world.dpoB, world.memberB.id, { title: 'Violation de B-ONLY' });
  });
  afterAll(() => app.close());

  it("shows the processor's delay, from its awareness of the incident to its notification of the member", async () => {
    expect(received.processorAwareAt).toBe('2026-11-30T07:00:00.000Z');
    const notified = new Date(received.processorNotifiedAt as string).getTime();
    expect(received.processorDelayMinutes).toBe(
      Math.round((notified - Date.parse('2026-11-30T07:00:00Z')) / 60_000),
    );
    expect(received.processorDelayMinutes as number).toBeGreaterThan(0);
    const own = await app.http.get(`${api}/breaches/${waived.id}`).set(as(world.readerA));
    expect(own.body).toMatchObject({ processorAwareAt: null, processorDelayMinutes: null });

    const record = await download(world.readerA, `/breaches/${received.id}/record.pdf`);
    expect(record.status).toBe(200);
    const { flat } = await pdfText(record.body as Buffer);
    expect(flat).toContain(
      'Connaissance de l’incident par le sous-traitant : 30 novembre 2026 à 8\u00a0h\u00a000',
    );
    expect(flat).toMatch(/Délai du sous-traitant \(connaissance → notification\) : \d+ h \d{2} min/);
  });

  it('renders the whole register as a French PDF, each breach with facts, effects, measures, dates and delays', async () => {
    const documents = await countRows(app, 'generated_document');
    const audits = await countRows(app, 'audit_event');
    const response = await download(world.readerA, `/organisations/${world.memberA.id}/breaches.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/pdf/);
    expect(response.headers['content-disposition']).toMatch(/registre-violations-.*\.pdf/);
    const { flat } = await pdfText(response.body as Buffer);
    for (const text of [
      'Registre des violations de données personnelles',
      'Article 33.5 du RGPD',
      world.memberA.name,
      'Nombre de violations enregistrées : 3',
      // The first breach, whole.
      '1. Envoi du fichier des bénéficiaires du CCAS',
      'Le fichier des bénéficiaires a été joint par erreur',
      'Divulgation de la situation sociale de familles',
      'Rappel du courriel et demande de suppression aux destinataires',
      'Formation des agents',
      'Prise de connaissance : 28 mars 2026 à 10\u00a0h\u00a000',
      'Échéance de notification (72 heures) : 31 mars 2026 à 11\u00a0h\u00a000',
      'Notifiée le 30 mars 2026 à 16\u00a0h\u00a045',
      '53 h 45 min après la prise de connaissance (dans le délai de 72 heures)',
      'NOTIF-2026-4242',
      'Personnes non informées',
      'Art. 34.3.c : efforts disproportionnés',
      'Adresses inconnues pour la plupart des 40 000 personnes concernées',
      'Date de la communication publique : 31 mars 2026 à 9\u00a0h\u00a000',
      'Communiqué sur le site internet de la ville',
      'Risque élevé pour les droits et libertés des personnes',
      // The others, in order of awareness.
      '2. =SOMME(A1:A2) tableau exporté',
      '3. Accès non autorisé au serveur applicatif',
      'Connaissance de l’incident par le sous-traitant : 30 novembre 2026 à 8\u00a0h\u00a000',
      'Délai du sous-traitant',
    ])
      expect(flat).toContain(text);
    expect(flat).not.toContain('NOTE-INTERNE-SECRETE');
    expect(flat).not.toContain('B-ONLY');
    expect(await countRows(app, 'generated_document')).toBe(documents + 1);
    expect(await countRows(app, 'audit_event')).toBe(audits + 1);
    const list = await app.http
      .get(`${api}/documents?organisationId=${world.memberA.id}`)
      .set(as(world.dpoA));
    expect(list.body.items[0]).toMatchObject({
      kind: 'breach-register',
      organisationId: world.memberA.id,
      title: `Registre des violations de données personnelles — ${world.memberA.name}`,
      id: response.headers['x-document-id'],
    });
  });

  it('exports the same register as a workbook, one row per breach, Paris times, delays in hours', async () => {
    const response = await download(world.dpoA, `/organisations/${world.memberA.id}/breaches.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Violations')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(headers).toEqual(
      expect.arrayContaining([
        'Violation',
        'Description des faits',
        'Conséquences probables',
        'Mesures prises',
        'Notification à la CNIL',
        'Délai de notification à la CNIL (heures)',
        'Délai du sous-traitant (heures)',
        'Date de la communication publique',
      ]),
    );
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(headers.map((header, i) => [header, values[i] ?? null])));
    });
    expect(rows.map((r) => r['N°'])).toEqual([1, 2, 3]);
    expect(rows[0]).toMatchObject({
      Violation: 'Envoi du fichier des bénéficiaires du CCAS',
      Statut: 'Clôturée',
      'Prise de connaissance': '28/03/2026 10:00',
      'Échéance de notification (72 heures)': '31/03/2026 11:00',
      'Notification à la CNIL': '30/03/2026 16:45',
      'Délai de notification à la CNIL (heures)': 53.8,
      'Référence de la notification': 'NOTIF-2026-4242',
      'Conséquences probables': 'Divulgation de la situation sociale de familles',
      'Mesures prises': 'Rappel du courriel et demande de suppression aux destinataires',
      'Personnes informées (art. 34)': 'Non',
      'Date de la communication publique': '31/03/2026 09:00',
      'Moyen de la communication publique':
        'Communiqué sur le site internet de la ville et affichage en mairie',
      'Nombre approximatif de personnes': 40000,
      Identifiant: waived.id,
    });
    // Typed text is never a formula.
    expect(rows[1].Violation).toBe("'=SOMME(A1:A2) tableau exporté");
    expect(rows[2]['Connaissance de l’incident par le sous-traitant']).toBe('30/11/2026 08:00');
    expect(rows[2]['Délai du sous-traitant (heures)']).toBe(
      Math.round((received.processorDelayMinutes as number) / 6) / 10,
    );
    expect(JSON.stringify(rows)).not.toMatch(/NOTE-INTERNE-SECRETE|B-ONLY/);
  });

  it("keeps each register to its member: another member's DPO, operator roles and vendors get 404", async () => {
    const documents = await countRows(app, 'generated_document');
    for (const format of ['pdf', 'xlsx']) {
      for (const actor of [
        world.dpoB,
        world.admin,
        world.securityOfficer,
        world.auditor,
        world.vendorContact,
        world.nobody,
      ])
        expectProblem(
          await app.http.get(`${api}/organisations/${world.memberA.id}/breaches.${format}`).set(as(actor)),
          404,
        );
      expectProblem(
        await app.http.get(`${api}/organisations/not-a-uuid/breaches.${format}`).set(as(world.dpoA)),
        400,
      );
      expect((await app.http.get(`${api}/organisations/${world.memberA.id}/breaches.${format}`)).status).toBe(
        401,
      );
    }
    expect(await countRows(app, 'generated_document')).toBe(documents);
    // The DPO shared by several members reads each of their registers.
    const shared = await download(world.sharedDpo, `/organisations/${world.memberB.id}/breaches.pdf`);
    expect(shared.status).toBe(200);
    const { flat } = await pdfText(shared.body as Buffer);
    expect(flat).toContain('1. Violation de B-ONLY');
    expect(flat).not.toContain('Envoi du fichier des bénéficiaires');
    expect(otherMember.id).toBeDefined();
  });
});
