import { createTestApp, TestApp } from './support/test-app';
import {
  as,
  createOrganisation,
  createActor,
  expectProblem,
  createWorld,
  World,
  Actor,
} from './support/world';
import { countRows, createApplication } from './support/register-fixtures';
import { patchBreach } from './support/breach-fixtures';

const api = '/api/v1';

interface Row {
  id: string;
  organisation_id: string;
  status: string;
  aware_at: Date;
  notification_deadline: Date;
  processor_notified_at: Date | null;
  application_ids: string[];
}

describe('Incidents and their fan-out (e2e)', () => {
  let app: TestApp;
  let world: World;
  let memberC: { id: string; name: string };
  let dpoC: Actor;
  let shared: { id: string };
  let onlyB: { id: string };
  let unused: { id: string };

  const breachesOf = async (incidentId: string): Promise<Row[]> =>
    app.dataSource.query(
      `SELECT id, organisation_id, status, aware_at, notification_deadline, processor_notified_at, application_ids
         FROM breach WHERE incident_id = $1 ORDER BY organisation_id`,
      [incidentId],
    );
  const declare = (actor: Actor, body: Record<string, unknown>) =>
    app.http
      .post(`${api}/incidents`)
      .set(as(actor))
      .send({
        title: 'Accès non autorisé au serveur applicatif',
        awareAt: '2026-03-28T10:00:00+01:00',
        description: 'Un compte de service a été utilisé depuis une adresse inconnue.',
        ...body,
      });

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    memberC = await createOrganisation(app, world.admin, 'member', 'Mairie de Champigny-sur-Marne');
    dpoC = await createActor(app, world.admin, [{ organisationId: memberC.id, role: 'dpo' }], 'dpo-c');
    shared = await createApplication(app, world.admin, 'Kiosque familles', [
      world.memberA.id,
      world.memberB.id,
    ]);
    onlyB = await createApplication(app, world.admin, 'Pelehas', [world.memberB.id]);
    unused = await createApplication(app, world.admin, 'Logiciel inutilisé', []);
  });
  afterAll(() => app.close());

  it('gives exactly the deploying members a breach to assess, notified now, in one transaction with audit events', async () => {
    const before = Date.now();
    const response = await declare(world.securityOfficer, { applicationId: shared.id });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      organisationId: world.operatorId,
      applicationIds: [shared.id],
      applications: [{ id: shared.id, name: 'Kiosque familles' }],
      awareAt: '2026-03-28T09:00:00.000Z',
    });
    const members = response.body.members as { organisationId: string; breachStatus: string }[];
    expect(members.map((m) => m.organisationId).sort()).toEqual([world.memberA.id, world.memberB.id].sort());
    expect(members.every((m) => m.breachStatus === 'to-assess')).toBe(true);
    expect(members.every((m) => !('breachId' in m))).toBe(true);

    const rows = await breachesOf(response.body.id);
    expect(rows.map((r) => r.organisation_id).sort()).toEqual([world.memberA.id, world.memberB.id].sort());
    for (const row of rows) {
      expect(row.status).toBe('to-assess');
      expect(row.application_ids).toEqual([shared.id]);
      const notified = new Date(row.processor_notified_at!).getTime();
      expect(notified).toBeGreaterThanOrEqual(before - 1000);
      // The member becomes aware when its processor tells it: its 72 hours start then.
      expect(new Date(row.aware_at).getTime()).toBe(notified);
      expect(new Date(row.notification_deadline).getTime()).toBe(notified + 72 * 3_600_000);
    }
    const events: { action: string; organisation_id: string }[] = await app.dataSource.query(
      `SELECT action, organisation_id FROM audit_event WHERE entity_id = $1 OR entity_id = ANY($2::uuid[]) ORDER BY seq`,
      [response.body.id, rows.map((r) => r.id)],
    );
    expect(events.map((e) => e.action)).toEqual(['incident.create', 'breach.receive', 'breach.receive']);
  });

  it('fans an incident on several applications out once per member, with the applications it deploys', async () => {
    const response = await declare(world.securityOfficer, { applicationIds: [shared.id, onlyB.id] });
    expect(response.status).toBe(201);
    const rows = await breachesOf(response.body.id);
    const byMember = new Map(rows.map((r) => [r.organisation_id, [...r.application_ids].sort()]));
    expect([...byMember.keys()].sort()).toEqual([world.memberA.id, world.memberB.id].sort());
    expect(byMember.get(world.memberA.id)).toEqual([shared.id]);
    expect(byMember.get(world.memberB.id)).toEqual([shared.id, onlyB.id].sort());
    expect(rows.some((r) => r.organisation_id === memberC.id)).toBe(false);
  });

  it('declares an incident on an application no member uses without any breach', async () => {
    const response = await declare(world.securityOfficer, { applicationId: unused.id });
    expect(response.status).toBe(201);
    expect(response.body.members).toEqual([]);
    expect(await breachesOf(response.body.id)).toEqual([]);
  });

  it('lets only the security officer declare (403, nothing written)', async () => {
    const incidents = await countRows(app, 'incident');
    const breaches = await countRows(app, 'breach');
    for (const actor of [
      world.admin,
      world.auditor,
      world.dpoA,
      world.editorA,
      world.vendorContact,
      world.nobody,
    ]) {
      expectProblem(await declare(actor, { applicationId: shared.id }), 403);
    }
    expect(await countRows(app, 'incident')).toBe(incidents);
    expect(await countRows(app, 'breach')).toBe(breaches);
  });

  it('refuses bad input with 400, writing nothing', async () => {
    const incidents = await countRows(app, 'incident');
    const breaches = await countRows(app, 'breach');
    for (const body of [
      {},
      { applicationId: 'nope' },
      { applicationId: '00000000-0000-4000-8000-000000000000' },
      { applicationIds: [] },
      { applicationId: shared.id, awareAt: '2026-03-28 10:00' },
      { applicationId: shared.id, title: '' },
      { applicationId: shared.id, occurredAt: '2026-03-29T00:00:00Z' },
      { applicationId: shared.id, severity: 'high' },
    ]) {
      expectProblem(await declare(world.securityOfficer, body), 400);
    }
    expect(await countRows(app, 'incident')).toBe(incidents);
    expect(await countRows(app, 'breach')).toBe(breaches);
  });

  it("shows the operator each member's status, never the member's notes or assessment, and no breach", async () => {
    const incident = (await declare(world.securityOfficer, { applicationId: shared.id })).body;
    const [rowA] = (await breachesOf(incident.id)).filter((r) => r.organisation_id === world.memberA.id);
    const breach = { id: rowA.id, version: 1 };
    const own = await app.http.get(`${api}/breaches/${breach.id}`).set(as(world.dpoA));
    expect(own.body).toMatchObject({ incidentId: incident.id, processorNotifiedAt: expect.any(String) });
    expect(
      (
        await patchBreach(app, world.editorA, breach, {
          notes: 'SECRET-NOTE du CCAS',
          riskAssessment: 'SECRET-ASSESSMENT',
          natures: ['confidentiality'],
          approxSubjects: 40,
        })
      ).status,
    ).toBe(200);
    expect(
      (await patchBreach(app, world.dpoA, breach, { status: 'assessed', riskLevel: 'high-risk' })).status,
    ).toBe(200);

    for (const actor of [world.securityOfficer, world.admin]) {
      expectProblem(await app.http.get(`${api}/breaches/${breach.id}`).set(as(actor)), 404);
      const view = await app.http.get(`${api}/incidents/${incident.id}`).set(as(actor));
      expect(view.status).toBe(200);
      const text = JSON.stringify(view.body);
      expect(text).not.toMatch(/SECRET|high-risk|riskLevel|notes/);
      expect(text).not.toContain(breach.id);
      const lineA = view.body.members.find(
        (m: { organisationId: string }) => m.organisationId === world.memberA.id,
      );
      expect(lineA).toEqual({
        organisationId: world.memberA.id,
        organisationName: world.memberA.name,
        breachStatus: 'assessed',
        processorNotifiedAt: expect.any(String),
        assessedAt: expect.any(String),
        cnilNotifiedAt: null,
        closedAt: null,
      });
      const list = await app.http.get(`${api}/incidents`).set(as(actor));
      expect(JSON.stringify(list.body)).not.toMatch(/SECRET/);
    }
  });

  it("shows a member's roles the incidents they were notified of, with only their own breach", async () => {
    const incident = (await declare(world.securityOfficer, { applicationId: shared.id })).body;
    const onB = (await declare(world.securityOfficer, { applicationId: onlyB.id })).body;
    for (const actor of [world.dpoA, world.editorA, world.readerA]) {
      const view = await app.http.get(`${api}/incidents/${incident.id}`).set(as(actor));
      expect(view.status).toBe(200);
      expect(view.body.members).toEqual([
        expect.objectContaining({ organisationId: world.memberA.id, breachId: expect.any(String) }),
      ]);
      expect(JSON.stringify(view.body)).not.toContain(world.memberB.id);
      expectProblem(await app.http.get(`${api}/incidents/${onB.id}`).set(as(actor)), 404);
      const list = await app.http.get(`${api}/incidents?pageSize=200`).set(as(actor));
      const ids = list.body.items.map((i: { id: string }) => i.id);
      expect(ids).toContain(incident.id);
      expect(ids).not.toContain(onB.id);
      expect(JSON.stringify(list.body)).not.toContain(world.memberB.id);
    }
    const viewB = await app.http.get(`${api}/incidents/${onB.id}`).set(as(world.dpoB));
    expect(viewB.body.members.map((m: { organisationId: string }) => m.organisationId)).toEqual([
      world.memberB.id,
    ]);
    const shared2 = await app.http.get(`${api}/incidents/${incident.id}`).set(as(world.sharedDpo));
    expect(shared2.body.members).toHaveLength(2);
  });

  it('shows nothing to vendors, the auditor, members not concerned and users without role (404, empty lists)', async () => {
    const incident = (await declare(world.securityOfficer, { applicationId: shared.id })).body;
    for (const actor of [world.vendorContact, world.auditor, dpoC, world.nobody]) {
      expectProblem(await app.http.get(`${api}/incidents/${incident.id}`).set(as(actor)), 404);
      const list = await app.http.get(`${api}/incidents`).set(as(actor));
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ items: [], total: 0 });
    }
    expectProblem(await app.http.get(`${api}/incidents/not-a-uuid`).set(as(world.securityOfficer)), 400);
  });

  it('lists incidents for the operator, paginated, latest awareness first', async () => {
    const later = (
      await declare(world.securityOfficer, { applicationId: shared.id, awareAt: '2026-11-01T08:00:00+01:00' })
    ).body;
    const list = await app.http.get(`${api}/incidents?pageSize=2`).set(as(world.securityOfficer));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 2, total: await countRows(app, 'incident') });
    expect(list.body.items[0].id).toBe(later.id);
    expect(list.body.items[0].members).toHaveLength(2);
  });
});
