import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, expectProblem, World } from './support/world';

const BASE = '/api/v1/applications';

describe('Application catalog (e2e)', () => {
  let app: TestApp;
  let world: World;
  let appA: { id: string; version: number };
  let appB: { id: string };

  const payload = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    domain: 'Action sociale',
    hosting: 'operator',
    dataLocation: 'FR',
    healthData: false,
    securityMeasures: ['Sauvegardes quotidiennes chiffrées'],
    ...extra,
  });
  const count = async (table: string) =>
    Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n);

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    const a = await app.http
      .post(BASE)
      .set(as(world.admin))
      .send(payload('BL Social', { vendorId: world.vendor.id, purpose: 'Aide sociale' }));
    expect(a.status).toBe(201);
    appA = a.body;
    const b = await app.http.post(BASE).set(as(world.securityOfficer)).send(payload('Pelehas'));
    expect(b.status).toBe(201);
    appB = b.body;
    expect(
      (
        await app.http
          .post(`${BASE}/${appA.id}/deployments`)
          .set(as(world.admin))
          .send({ organisationId: world.memberA.id })
      ).status,
    ).toBe(201);
    expect(
      (
        await app.http
          .post(`${BASE}/${appB.id}/deployments`)
          .set(as(world.admin))
          .send({ organisationId: world.memberB.id })
      ).status,
    ).toBe(201);
  });
  afterAll(() => app.close());

  it('creates an application with every field of the contract and its vendor name', async () => {
    const response = await app.http.get(`${BASE}/${appA.id}`).set(as(world.securityOfficer));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: 'BL Social',
      domain: 'Action sociale',
      vendorId: world.vendor.id,
      vendorName: world.vendor.name,
      hosting: 'operator',
      dataLocation: 'FR',
      healthData: false,
      securityMeasures: ['Sauvegardes quotidiennes chiffrées'],
      version: 1,
    });
  });

  it('shows a member only the applications deployed for it', async () => {
    const listA = await app.http.get(BASE).set(as(world.readerA));
    expect(listA.status).toBe(200);
    expect(listA.body.items.map((a: { name: string }) => a.name)).toEqual(['BL Social']);
    expect(listA.body.total).toBe(1);
    expectProblem(await app.http.get(`${BASE}/${appB.id}`).set(as(world.dpoA)), 404);
    const shared = await app.http.get(BASE).set(as(world.sharedDpo));
    expect(shared.body.items.map((a: { name: string }) => a.name)).toEqual(['BL Social', 'Pelehas']);
  });

  it('shows a vendor contact no application, not even its own vendor’s', async () => {
    const list = await app.http.get(BASE).set(as(world.vendorContact));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    expectProblem(await app.http.get(`${BASE}/${appA.id}`).set(as(world.vendorContact)), 404);
  });

  it('lets a member read only its own deployment of an application', async () => {
    const admin = await app.http.get(`${BASE}/${appA.id}/deployments`).set(as(world.admin));
    expect(admin.body.items).toEqual([
      expect.objectContaining({ organisationId: world.memberA.id, organisationName: world.memberA.name }),
    ]);
    const member = await app.http.get(`${BASE}/${appA.id}/deployments`).set(as(world.editorA));
    expect(member.status).toBe(200);
    expect(member.body.items).toHaveLength(1);
    expectProblem(await app.http.get(`${BASE}/${appB.id}/deployments`).set(as(world.editorA)), 404);
  });

  it('refuses members the management of the catalog (403)', async () => {
    const before = await count('application');
    expectProblem(await app.http.post(BASE).set(as(world.dpoA)).send(payload('Intrus')), 403);
    expectProblem(
      await app.http.patch(`${BASE}/${appA.id}`).set(as(world.dpoA)).send({ name: 'X', version: 1 }),
      403,
    );
    expectProblem(
      await app.http
        .post(`${BASE}/${appA.id}/deployments`)
        .set(as(world.dpoA))
        .send({ organisationId: world.memberA.id }),
      403,
    );
    expectProblem(await app.http.post(BASE).set(as(world.auditor)).send(payload('Intrus')), 403);
    expect(await count('application')).toBe(before);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await count('application');
    for (const bad of [
      payload('X1', { domain: 'Jardinage' }),
      payload('X2', { dataLocation: 'ZZ' }),
      payload('X3', { hosting: 'cloud' }),
      payload('X4', { vendorId: world.memberA.id }),
      payload('X5', { healthData: 'yes' }),
      payload('X6', { unknown: 1 }),
    ]) {
      expectProblem(await app.http.post(BASE).set(as(world.admin)).send(bad), 400);
    }
    expectProblem(
      await app.http
        .post(`${BASE}/${appA.id}/deployments`)
        .set(as(world.admin))
        .send({ organisationId: world.vendor.id }),
      400,
    );
    expect(await count('application')).toBe(before);
  });

  it('refuses a duplicate name and a duplicate deployment with 409', async () => {
    expectProblem(await app.http.post(BASE).set(as(world.admin)).send(payload('bl social')), 409);
    expectProblem(
      await app.http
        .post(`${BASE}/${appA.id}/deployments`)
        .set(as(world.admin))
        .send({ organisationId: world.memberA.id }),
      409,
    );
  });

  it('refuses a null for a field that cannot be empty (400), accepts it where it removes a value', async () => {
    const current = await app.http.get(`${BASE}/${appB.id}`).set(as(world.admin));
    expectProblem(
      await app.http
        .patch(`${BASE}/${appB.id}`)
        .set(as(world.admin))
        .send({ name: null, version: current.body.version }),
      400,
    );
    const cleared = await app.http
      .patch(`${BASE}/${appB.id}`)
      .set(as(world.admin))
      .send({ purpose: 'Demandes de logement', vendorId: null, version: current.body.version });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ name: 'Pelehas', vendorId: null, purpose: 'Demandes de logement' });
  });

  it('updates with the version last read and refuses a stale one with 409', async () => {
    const updated = await app.http
      .patch(`${BASE}/${appA.id}`)
      .set(as(world.admin))
      .send({ hosting: 'vendor-saas', version: appA.version });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ hosting: 'vendor-saas', version: appA.version + 1 });
    expectProblem(
      await app.http
        .patch(`${BASE}/${appA.id}`)
        .set(as(world.admin))
        .send({ healthData: true, version: appA.version }),
      409,
    );
    const audit = await app.http.get(`/api/v1/audit-events?entityId=${appA.id}`).set(as(world.admin));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'application.update',
      'application.create',
    ]);
  });

  it('removes a deployment, after which the member no longer sees the application', async () => {
    const created = await app.http
      .post(`${BASE}/${appB.id}/deployments`)
      .set(as(world.admin))
      .send({ organisationId: world.memberA.id });
    expect((await app.http.get(`${BASE}/${appB.id}`).set(as(world.readerA))).status).toBe(200);
    expectProblem(
      await app.http.delete(`${BASE}/${appB.id}/deployments/${created.body.id}`).set(as(world.dpoA)),
      403,
    );
    expect(
      (await app.http.delete(`${BASE}/${appB.id}/deployments/${created.body.id}`).set(as(world.admin)))
        .status,
    ).toBe(204);
    expectProblem(await app.http.get(`${BASE}/${appB.id}`).set(as(world.readerA)), 404);
  });
});
