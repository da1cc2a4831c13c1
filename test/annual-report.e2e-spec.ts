import ExcelJS from 'exceljs';
import { createBreach, patchBreach } from './support/breach-fixtures';
import { pdfText } from './support/pdf-text';
import {
  countRows,
  createApplication,
  createEntry,
  entryPayload,
  entryVersion,
} from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { currentVersion } from './support/versions';
import { as, Actor, createWorld, expectProblem, World } from './support/world';

const api = '/api/v1';
const YEAR = 2026;
const HEADER = 'username,displayName,email,role,lastLogin,reviewerEmail';

/** Collects a binary answer (PDF, XLSX) as a Buffer. */
function binary(res: NodeJS.ReadableStream, done: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/**
 * The DPO's annual report on a member, from realistic data of every kind: entries created, validated and
 * reviewed in the year, a DPIA to carry out, breaches notified in time and late, rights requests answered in
 * time, extended, late and open, an access review with revocations, an application without a vendor.
 */
describe('DPO annual report (e2e)', () => {
  let app: TestApp;
  let world: World;

  const sql = (query: string, params: unknown[] = []) => app.dataSource.query(query, params);

  async function validate(actor: Actor, entry: { id: string; version: number }) {
    const response = await app.http
      .post(`${api}/processing-activities/${entry.id}/validate`)
      .set(as(actor))
      .send({ version: entry.version });
    expect(response.status).toBe(200);
    return response.body as { id: string; version: number };
  }

  async function rightsRequest(
    organisationId: string,
    right: string,
    receivedAt: string,
    steps: Record<string, unknown>[],
  ) {
    const created = await app.http
      .post(`${api}/organisations/${organisationId}/rights-requests`)
      .set(as(organisationId === world.memberA.id ? world.dpoA : world.dpoB))
      .send({ right, requesterName: 'Mme Martin', receivedAt, receivedChannel: 'email' });
    expect(created.status).toBe(201);
    let version = created.body.version;
    for (const step of steps) {
      const patched = await app.http
        .patch(`${api}/rights-requests/${created.body.id}`)
        .set(as(world.dpoA))
        .send({ version, ...step });
      if (patched.status !== 200) throw new Error(`${JSON.stringify(step)}: ${JSON.stringify(patched.body)}`);
      version = patched.body.version;
    }
    return created.body.id as string;
  }

  async function report(actor: Actor, orgId: string, format: 'pdf' | 'xlsx', query = `?year=${YEAR}`) {
    const response = await app.http
      .get(`${api}/organisations/${orgId}/annual-report.${format}${query}`)
      .set(as(actor))
      .buffer(true)
      .parse(binary as never);
    if (/json/.test(response.headers['content-type'] ?? ''))
      response.body = JSON.parse((response.body as Buffer).toString('utf8'));
    return response;
  }

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    const A = world.memberA.id;
    const application = await createApplication(app, world.admin, 'Portail Famille', [A]);

    // Register: three validated entries (one reviewed: validated in 2025, again in 2026; one overdue), a
    // draft whose screening requires a DPIA, an archived entry.
    const reviewed = await validate(
      world.dpoA,
      await createEntry(app, world.editorA, A, entryPayload('État civil')),
    );
    const edited = await app.http
      .patch(`${api}/processing-activities/${reviewed.id}`)
      .set(as(world.dpoA))
      .send({ version: reviewed.version, description: 'Revue annuelle' });
    expect(edited.status).toBe(200);
    await validate(world.dpoA, edited.body);
    const overdue = await validate(
      world.dpoA,
      await createEntry(app, world.editorA, A, entryPayload('Cantine scolaire')),
    );
    await validate(world.dpoA, await createEntry(app, world.editorA, A, entryPayload('Listes électorales')));
    await createEntry(
      app,
      world.editorA,
      A,
      entryPayload('Vidéoprotection des espaces publics', {
        dpiaCriteria: ['systematic-monitoring', 'large-scale'],
      }),
    );
    const toArchive = await validate(
      world.dpoA,
      await createEntry(app, world.editorA, A, entryPayload('Ancien fichier')),
    );
    expect(
      (
        await app.http
          .delete(`${api}/processing-activities/${toArchive.id}`)
          .set(as(world.dpoA))
          .set('If-Match', String(await entryVersion(app, toArchive.id)))
      ).status,
    ).toBe(200);
    // Dates of the year (the entries were written today): created and validated in 2026, one first in 2025.
    await sql(
      `UPDATE processing_activity SET created_at = '2026-02-01T10:00:00+01:00' WHERE organisation_id = $1`,
      [A],
    );
    await sql(`UPDATE processing_activity SET created_at = '2025-03-01T10:00:00+01:00' WHERE id = $1`, [
      reviewed.id,
    ]);
    await sql(
      `UPDATE processing_activity_version SET at = '2026-02-02T10:00:00+01:00' WHERE organisation_id = $1`,
      [A],
    );
    await sql(
      `UPDATE processing_activity_version SET at = '2025-03-02T10:00:00+01:00' WHERE activity_id = $1 AND version <= 2`,
      [reviewed.id],
    );
    await sql(`UPDATE processing_activity SET review_date = '2026-06-30' WHERE id = $1`, [overdue.id]);

    // Breaches of 2026: one notified in time, one late (high risk, people informed), one not notifiable;
    // one of 2025 that the report of 2026 leaves out.
    const inTime = await createBreach(app, world.editorA, A);
    await patchBreach(app, world.dpoA, inTime, { status: 'assessed', riskLevel: 'risk' });
    expect(
      (
        await patchBreach(app, world.dpoA, inTime, {
          status: 'notified',
          cnilNotifiedAt: '2026-03-31T11:00:00+02:00',
        })
      ).status,
    ).toBe(200);
    const late = await createBreach(app, world.editorA, A, { awareAt: '2026-05-04T09:00:00+02:00' });
    await patchBreach(app, world.dpoA, late, { status: 'assessed', riskLevel: 'high-risk' });
    const lateNotified = await patchBreach(app, world.dpoA, late, {
      status: 'notified',
      cnilNotifiedAt: '2026-05-08T10:00:00+02:00',
      notificationDelayReason: 'Prestataire injoignable pendant le pont',
      subjectsInformed: true,
      subjectsInformedAt: '2026-05-09T10:00:00+02:00',
      subjectsInformationMeans: 'Courrier individuel',
    });
    expect({ status: lateNotified.status, body: lateNotified.body }).toMatchObject({ status: 200 });
    const none = await createBreach(app, world.editorA, A, { awareAt: '2026-09-01T09:00:00+02:00' });
    await patchBreach(app, world.dpoA, none, { status: 'assessed', riskLevel: 'none' });
    await patchBreach(app, world.dpoA, none, {
      status: 'not-notifiable',
      notNotifiableReason: 'Données chiffrées',
    });
    await createBreach(app, world.editorA, A, { awareAt: '2025-06-01T09:00:00+02:00' });
    await createBreach(app, world.dpoB, world.memberB.id, { awareAt: '2026-04-01T09:00:00+02:00' });

    // Rights requests of 2026: answered in time, extended then answered, answered late, still open and late.
    const answer = (answeredAt: string) => ({ status: 'answered', answeredAt, answerChannel: 'email' });
    await rightsRequest(A, 'access', '2026-01-31T09:00:00+01:00', [
      { status: 'in-progress', identityChecked: true },
      answer('2026-02-10T10:00:00+01:00'),
    ]);
    const extended = await rightsRequest(A, 'erasure', '2026-02-02T09:00:00+01:00', [
      { status: 'in-progress', identityChecked: true },
      answer('2026-03-20T10:00:00+01:00'),
    ]);
    // Extended by a month in February (an extension is decided within the first month: dated here by SQL).
    await sql(
      `UPDATE rights_request SET extension_months = 1, extension_reason = 'Archives à rechercher',
         extended_at = '2026-02-20T10:00:00+01:00', due_date = '2026-04-02' WHERE id = $1`,
      [extended],
    );
    await rightsRequest(A, 'access', '2026-03-02T09:00:00+01:00', [
      { status: 'in-progress', identityChecked: true },
      answer('2026-05-20T10:00:00+02:00'),
    ]);
    await rightsRequest(A, 'objection', '2026-10-01T09:00:00+02:00', []);
    await rightsRequest(world.memberB.id, 'access', '2026-02-01T09:00:00+01:00', []);

    // An access review of the member's application, opened in 2026: one account kept, one revoked, one modified.
    const campaign = await app.http.post(`${api}/access-reviews`).set(as(world.securityOfficer)).send({
      organisationId: A,
      applicationId: application.id,
      name: 'Revue Portail Famille',
      dueDate: '2026-12-31',
    });
    expect(campaign.status).toBe(201);
    const csv = [
      HEADER,
      `agent.un,Agent un,a1@example.test,user,2026-11-01,${world.dpoA.email}`,
      `agent.deux,Agent deux,a2@example.test,user,2026-11-01,${world.dpoA.email}`,
      `agent.trois,Agent trois,a3@example.test,admin,2026-11-01,${world.dpoA.email}`,
    ].join('\n');
    const imported = await app.http
      .post(`${api}/access-reviews/${campaign.body.id}/accounts`)
      .set(as(world.securityOfficer))
      .set('If-Match', String(campaign.body.version))
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(imported.body.rejected).toEqual([]);
    await app.http
      .post(`${api}/access-reviews/${campaign.body.id}/open`)
      .set(as(world.securityOfficer))
      .send({ version: await currentVersion(app, 'access_review', campaign.body.id) })
      .expect(200);
    const items = (await app.http.get(`${api}/access-reviews/${campaign.body.id}/items`).set(as(world.dpoA)))
      .body.items as {
      id: string;
      username: string;
    }[];
    const decisions: Record<string, string> = {
      'agent.un': 'keep',
      'agent.deux': 'revoke',
      'agent.trois': 'modify',
    };
    for (const item of items) {
      await app.http
        .post(`${api}/access-reviews/${campaign.body.id}/items/${item.id}/decision`)
        .set(as(world.dpoA))
        .send({
          version: await currentVersion(app, 'access_review_item', item.id),
          decision: decisions[item.username],
          reason: 'Revue annuelle',
        })
        .expect(200);
    }
    await app.http
      .post(`${api}/access-reviews/${campaign.body.id}/close`)
      .set(as(world.securityOfficer))
      .send({ version: await currentVersion(app, 'access_review', campaign.body.id) })
      .expect(200);
    await sql(`UPDATE access_review SET opened_at = '2026-06-01T10:00:00+02:00' WHERE id = $1`, [
      campaign.body.id,
    ]);
  }, 180_000);
  afterAll(() => app?.close());

  it('renders the PDF in French with the figures of the year, stored as a generated record', async () => {
    const before = await countRows(app, 'generated_document');
    const response = await report(world.dpoA, world.memberA.id, 'pdf');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const { flat } = await pdfText(response.body as Buffer);
    if (process.env.SHOW_PDF) console.log(flat);
    for (const expected of [
      'Bilan annuel 2026 du délégué à la protection des données',
      'Mairie de Gentilly — du 1er janvier au 31 décembre 2026',
      'Fiches validées : 3',
      'Fiches en brouillon : 1',
      'Fiches archivées : 1',
      'Fiches créées en 2026 : 4',
      'Fiches validées en 2026 : 4',
      'Fiches revues et validées à nouveau en 2026 : 1',
      'Révisions en retard : 1',
      'Cantine scolaire',
      'AIPD requises selon l’examen : 1',
      'AIPD restant à mener : 1',
      'Vidéoprotection des espaces publics',
      'Violations constatées en 2026 : 3',
      'Notifiées à la CNIL dans les 72 heures : 1',
      'Notifiées à la CNIL après 72 heures : 1',
      'Sans risque pour les personnes (non notifiées) : 1',
      'Personnes concernées informées : 1',
      '4 demande(s) reçue(s) en 2026 ; 2 traitée(s) dans le délai',
      '1 prolongée(s), 2 en retard, 1 en cours',
      "Droit d'accès (art. 15)21010",
      "Droit à l'effacement (art. 17)11100",
      'Portail Famille133111', // campaigns, accounts, reviewed, kept, revoked, modified
      'Retraits ou modifications de droits restant à appliquer : 2',
      'Aucun éditeur renseigné',
      'Actions restant à mener',
      "Analyses d'impact (AIPD) à mener1",
      'Violations de données non clôturées4',
    ]) {
      expect({ expected, found: flat.includes(expected) }).toEqual({ expected, found: true });
    }
    expect(flat).not.toContain('Mme Martin');
    expect(await countRows(app, 'generated_document')).toBe(before + 1);
    const records = await app.http
      .get(`${api}/documents?organisationId=${world.memberA.id}&kind=annual-report`)
      .set(as(world.readerA));
    expect(records.body.items).toEqual([
      expect.objectContaining({
        id: response.headers['x-document-id'],
        title: 'Bilan annuel 2026 du délégué à la protection des données — Mairie de Gentilly',
      }),
    ]);
    const events = await app.http
      .get(`${api}/audit-events?organisationId=${world.memberA.id}`)
      .set(as(world.dpoA));
    expect(events.body.items.map((e: { entityId: string }) => e.entityId)).toContain(
      response.headers['x-document-id'],
    );
  });

  it('gives the figures as an XLSX workbook, stored too', async () => {
    const response = await report(world.dpoA, world.memberA.id, 'xlsx');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/spreadsheetml/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Synthèse',
      'Droits',
      'Habilitations',
      'Fournisseurs',
      'Actions',
    ]);
    const summary = new Map<string, unknown>();
    workbook.getWorksheet('Synthèse')!.eachRow((row, n) => {
      if (n > 1) summary.set(`${row.getCell(1).value} / ${row.getCell(2).value}`, row.getCell(3).value);
    });
    expect(Object.fromEntries(summary)).toMatchObject({
      'Registre / Fiches validées': 3,
      'Registre / Fiches créées en 2026': 4,
      'Registre / Révisions en retard': 1,
      'AIPD / AIPD restant à mener': 1,
      'Violations / Violations constatées en 2026': 3,
      'Violations / Notifiées après 72 heures': 1,
      'Droits / Demandes reçues en 2026': 4,
      'Droits / En retard': 2,
      'Habilitations / Comptes retirés': 1,
      'Fournisseurs / Applications avec un point d’attention': 1,
    });
    const rights = workbook.getWorksheet('Droits')!.getSheetValues().slice(2) as unknown[][];
    expect(rights.map((row) => row.slice(1))).toEqual([
      ["Droit d'accès (art. 15)", 2, 1, 0, 1, 0],
      ["Droit à l'effacement (art. 17)", 1, 1, 1, 0, 0],
      ["Droit d'opposition (art. 21)", 1, 0, 0, 1, 1],
      ['Total', 4, 2, 1, 2, 1],
    ]);
    const records = await app.http
      .get(`${api}/documents?organisationId=${world.memberA.id}&kind=annual-report-figures`)
      .set(as(world.dpoA));
    expect(records.body.items).toEqual([expect.objectContaining({ id: response.headers['x-document-id'] })]);
  });

  it('answers 404 for another member, 403 to the other roles, 400 to a bad year, writing nothing', async () => {
    const before = await countRows(app, 'generated_document');
    expectProblem(await report(world.dpoB, world.memberA.id, 'pdf'), 404);
    expectProblem(await report(world.vendorContact, world.memberA.id, 'pdf'), 404);
    expectProblem(await report(world.editorA, world.memberA.id, 'pdf'), 403);
    expectProblem(await report(world.readerA, world.memberA.id, 'xlsx'), 403);
    expectProblem(await report(world.admin, world.memberA.id, 'pdf'), 403);
    for (const query of ['?year=abc', '?year=2017', '?year=2999', '?year=2026.5', '?year=2026&other=1']) {
      const response = await report(world.dpoA, world.memberA.id, 'pdf', query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    expectProblem(
      await app.http.post(`${api}/annual-reports`).set(as(world.dpoA)).send({ year: 'deux mille' }),
      400,
    );
    expectProblem(
      await app.http.post(`${api}/annual-reports`).set(as(world.editorA)).send({ year: YEAR }),
      403,
    );
    expect(await countRows(app, 'generated_document')).toBe(before);
  });

  it('generates the report of every member of a shared DPO at once, each with its own figures', async () => {
    const response = await app.http
      .post(`${api}/annual-reports`)
      .set(as(world.sharedDpo))
      .send({ year: YEAR });
    expect(response.status).toBe(201);
    expect(response.body.items.map((i: { organisationName: string }) => i.organisationName)).toEqual([
      'Mairie de Gentilly',
      'Mairie de Vitry-sur-Seine',
    ]);
    const vitry = response.body.items[1];
    expect(vitry).toMatchObject({
      year: YEAR,
      pdf: { kind: 'annual-report' },
      xlsx: { kind: 'annual-report-figures' },
    });
    const content = await app.http
      .get(`${api}/documents/${vitry.pdf.id}/content`)
      .set(as(world.dpoB))
      .buffer(true)
      .parse(binary as never);
    const { flat } = await pdfText(content.body as Buffer);
    expect(flat).toContain('Mairie de Vitry-sur-Seine');
    expect(flat).toContain('Violations constatées en 2026 : 1');
    expect(flat).toContain('1 demande(s) reçue(s) en 2026');
    expect(flat).not.toContain('Portail Famille');
    // A DPO of one member gets that member's only.
    const single = await app.http.post(`${api}/annual-reports`).set(as(world.dpoB)).send({ year: YEAR });
    expect(single.body.items.map((i: { organisationId: string }) => i.organisationId)).toEqual([
      world.memberB.id,
    ]);
  });
});
