import { createHash } from 'node:crypto';
import { AuditEvent, verifyAuditChain } from '@vigie/core';
import { createTestApp, TestApp } from './support/test-app';
import { pdfText } from './support/pdf-text';
import { as, createWorld, expectProblem, World } from './support/world';

describe('Audit trail and generated PDF records (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('records who changed what, with before and after values and the request id', async () => {
    const response = await app.http
      .patch(`/api/v1/organisations/${world.memberA.id}`)
      .set(as(world.admin))
      .set('X-Request-Id', 'req-audit-1')
      .send({ name: 'Mairie de Gentilly — audit', version: 1 });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-audit-1');
    const events = await app.http
      .get(`/api/v1/audit-events?entityId=${world.memberA.id}`)
      .set(as(world.admin));
    expect(events.status).toBe(200);
    expect(events.body.items[0]).toMatchObject({
      actorId: world.admin.id,
      organisationId: world.memberA.id,
      action: 'organisation.update',
      entity: 'organisation',
      entityId: world.memberA.id,
      requestId: 'req-audit-1',
      changes: { name: { before: 'Mairie de Gentilly', after: 'Mairie de Gentilly — audit' } },
    });
  });

  it('writes no event when the change is refused', async () => {
    const before = await app.dataSource.getRepository(AuditEvent).count();
    await app.http
      .patch(`/api/v1/organisations/${world.memberA.id}`)
      .set(as(world.admin))
      .send({ name: 'Stale', version: 1 })
      .expect(409);
    await app.http
      .post('/api/v1/organisations')
      .set(as(world.dpoA))
      .send({ name: 'X', shortName: 'X', kind: 'member' })
      .expect(403);
    expect(await app.dataSource.getRepository(AuditEvent).count()).toBe(before);
  });

  it("scopes the trail: a DPO reads their member's events only", async () => {
    const own = await app.http
      .get(`/api/v1/audit-events?organisationId=${world.memberA.id}`)
      .set(as(world.dpoA));
    expect(own.status).toBe(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(
      own.body.items.every((e: { organisationId: string }) => e.organisationId === world.memberA.id),
    ).toBe(true);
    const other = await app.http
      .get(`/api/v1/audit-events?organisationId=${world.memberB.id}`)
      .set(as(world.dpoA));
    expect(other.body).toMatchObject({ items: [], total: 0 });
    const unfiltered = await app.http.get('/api/v1/audit-events?pageSize=200').set(as(world.dpoA));
    expect(
      unfiltered.body.items.every((e: { organisationId: string }) => e.organisationId === world.memberA.id),
    ).toBe(true);
    const vendor = await app.http.get('/api/v1/audit-events').set(as(world.vendorContact));
    expect(vendor.body.total).toBe(0);
    expectProblem(await app.http.get('/api/v1/audit-events?organisationId=nope').set(as(world.dpoA)), 400);
  });

  it("shows the administrator a member's account events, never the events of its own records", async () => {
    await app.http
      .get(`/api/v1/organisations/${world.memberA.id}/audit-trail.pdf`)
      .set(as(world.dpoA))
      .expect(200);
    const asDpo = await app.http
      .get(`/api/v1/audit-events?organisationId=${world.memberA.id}&pageSize=200`)
      .set(as(world.dpoA));
    expect(asDpo.body.items.map((e: { action: string }) => e.action)).toContain('document.generate');
    const asAdmin = await app.http
      .get(`/api/v1/audit-events?organisationId=${world.memberA.id}&pageSize=200`)
      .set(as(world.admin));
    const actions = asAdmin.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['organisation.update', 'membership.create']));
    expect(actions).not.toContain('document.generate');
    expect(
      asAdmin.body.items.every((e: { entity: string }) =>
        ['organisation', 'user', 'membership'].includes(e.entity),
      ),
    ).toBe(true);
  });

  it('chains the events and catches an altered one', async () => {
    expect(await verifyAuditChain(app.dataSource.manager)).toMatchObject({
      ok: true,
      checked: expect.any(Number),
    });
    const [target] = await app.dataSource.query(
      'SELECT id, seq FROM audit_event ORDER BY seq LIMIT 1 OFFSET 3',
    );
    await app.dataSource.query(
      `UPDATE audit_event SET changes = '{"name":{"before":null,"after":"forged"}}' WHERE id = $1`,
      [target.id],
    );
    const result = await verifyAuditChain(app.dataSource.manager, { batchSize: 2 });
    expect(result).toMatchObject({
      ok: false,
      checked: 3,
      brokenAt: { id: target.id, seq: String(target.seq) },
    });
  });

  describe('generated PDF records', () => {
    it("renders a member's audit trail as a PDF, stores it, and serves the same bytes again", async () => {
      const pdf = await app.http
        .get(`/api/v1/organisations/${world.memberA.id}/audit-trail.pdf`)
        .set(as(world.dpoA))
        .buffer(true);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const body = pdf.body as Buffer;
      const { text, flat } = await pdfText(body);
      expect(text).toContain("Journal d'audit");
      expect(flat).toContain('Modification · organisation');
      expect(flat).toContain('Mairie de Gentilly → Mairie de Gentilly — audit');
      expect(text).toMatch(/Page 1 \/ \d+/);

      const list = await app.http
        .get(`/api/v1/documents?organisationId=${world.memberA.id}`)
        .set(as(world.dpoA));
      expect(list.status).toBe(200);
      const record = list.body.items.find((d: { id: string }) => d.id === pdf.headers['x-document-id']);
      expect(record).toMatchObject({
        organisationId: world.memberA.id,
        kind: 'audit-trail',
        size: body.length,
        createdBy: world.dpoA.id,
      });
      expect(record.sha256).toBe(createHash('sha256').update(body).digest('hex'));

      const again = await app.http
        .get(`/api/v1/documents/${record.id}/content`)
        .set(as(world.readerA))
        .buffer(true);
      expect(again.status).toBe(200);
      expect(Buffer.compare(again.body as Buffer, body)).toBe(0);
    });

    it("hides a member's records from other members and from the operator (404, absent from lists)", async () => {
      const list = await app.http
        .get(`/api/v1/documents?organisationId=${world.memberA.id}`)
        .set(as(world.dpoA));
      const id = list.body.items[0].id;
      for (const actor of [world.dpoB, world.admin, world.securityOfficer, world.vendorContact]) {
        expectProblem(await app.http.get(`/api/v1/documents/${id}/content`).set(as(actor)), 404);
        const theirs = await app.http.get('/api/v1/documents?pageSize=200').set(as(actor));
        expect(theirs.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
      }
      expect((await app.http.get(`/api/v1/documents/${id}`).set(as(world.sharedDpo))).status).toBe(200);
    });

    it('refuses the audit-trail PDF to roles that may not read the trail (403) and hides other members (404)', async () => {
      expectProblem(
        await app.http
          .get(`/api/v1/organisations/${world.memberA.id}/audit-trail.pdf`)
          .set(as(world.readerA)),
        403,
      );
      expectProblem(
        await app.http.get(`/api/v1/organisations/${world.memberB.id}/audit-trail.pdf`).set(as(world.dpoA)),
        404,
      );
    });

    it('names a deployment by its application, as the catalog that owns the table says', async () => {
      const application = await app.http.post('/api/v1/applications').set(as(world.securityOfficer)).send({
        name: 'Logiciel du journal',
        domain: 'Finances',
        hosting: 'operator',
        dataLocation: 'FR',
        healthData: false,
        securityMeasures: [],
      });
      expect(application.status).toBe(201);
      await app.http
        .post(`/api/v1/applications/${application.body.id}/deployments`)
        .set(as(world.securityOfficer))
        .send({ organisationId: world.memberA.id })
        .expect(201);
      const pdf = await app.http
        .get(`/api/v1/organisations/${world.memberA.id}/audit-trail.pdf`)
        .set(as(world.dpoA))
        .buffer(true);
      expect(pdf.status).toBe(200);
      const { flat } = await pdfText(pdf.body as Buffer);
      expect(flat).toContain('Logiciel du journal (déploiement)');
    });
  });
});
