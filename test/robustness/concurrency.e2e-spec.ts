import { createHash } from 'node:crypto';
import { createApplication } from '../support/register-fixtures';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createWorld, World } from '../support/world';

const PARALLEL = 8;

/** Parallel writers on one resource: optimistic locking lets exactly one win and loses nothing. */
describe('Concurrency (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    // Room in the worker pool's queue for the parallel renders (a full queue answers 429, tested elsewhere).
    app = await createTestApp({ VIGIE_WORKER_QUEUE: String(PARALLEL * 2) });
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('lets exactly one of several updates with the same version succeed; the others get 409', async () => {
    const { body: current } = await app.http
      .get(`/api/v1/organisations/${world.memberB.id}`)
      .set(as(world.admin));
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        app.http
          .patch(`/api/v1/organisations/${world.memberB.id}`)
          .set(as(world.admin))
          .send({ name: `Nom concurrent ${i}`, version: current.version }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(PARALLEL - 1).fill(409)]);
    const winner = responses.find((r) => r.status === 200)!;
    const { body: after } = await app.http
      .get(`/api/v1/organisations/${world.memberB.id}`)
      .set(as(world.admin));
    expect(after).toMatchObject({ name: winner.body.name, version: current.version + 1 });
    const events = await app.dataSource.query(
      "SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1 AND action = 'organisation.update'",
      [world.memberB.id],
    );
    expect(events[0].n).toBe(1);
  });

  it('keeps sequential updates (each with the version it read) all applied', async () => {
    let version = (await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.admin))).body
      .version;
    for (let i = 0; i < 5; i += 1) {
      const response = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.admin))
        .send({ name: `Étape ${i}`, version });
      expect(response.status).toBe(200);
      version = response.body.version;
    }
    expect(version).toBeGreaterThanOrEqual(6);
  });

  it('renders the same PDF in parallel into one record, every answer holding its stored bytes', async () => {
    const before = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM generated_document WHERE organisation_id = $1 AND kind = 'register'`,
      [world.memberA.id],
    );
    const responses = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        app.http
          .get(`/api/v1/organisations/${world.memberA.id}/register.pdf`)
          .set(as(world.dpoA))
          .buffer(true),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(PARALLEL).fill(200));
    const ids = new Set(responses.map((r) => r.headers['x-document-id']));
    expect(ids.size).toBe(1);
    const after = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM generated_document WHERE organisation_id = $1 AND kind = 'register'`,
      [world.memberA.id],
    );
    expect(after[0].n).toBe(before[0].n + 1);
    for (const response of responses) {
      const body = response.body as Buffer;
      expect(response.headers['x-content-sha256']).toBe(createHash('sha256').update(body).digest('hex'));
      const stored = await app.http
        .get(`/api/v1/documents/${response.headers['x-document-id']}/content`)
        .set(as(world.dpoA))
        .buffer(true);
      expect(Buffer.compare(stored.body as Buffer, body)).toBe(0);
    }
  });

  it('imports account lists in parallel without duplicating or losing an account', async () => {
    const application = await createApplication(app, world.admin, 'Parallèle', [world.memberA.id]);
    const campaign = await app.http.post('/api/v1/access-reviews').set(as(world.securityOfficer)).send({
      organisationId: world.memberA.id,
      applicationId: application.id,
      name: 'Revue parallèle',
      dueDate: '2027-06-30',
    });
    expect(campaign.status).toBe(201);
    const header = 'username,displayName,email,role,lastLogin,reviewerEmail';
    // Four lists of 200 accounts, each overlapping the next by 100 usernames: 500 distinct accounts in all.
    const lists = Array.from({ length: 4 }, (_, list) =>
      [
        header,
        ...Array.from(
          { length: 200 },
          (_, i) => `agent.${list * 100 + i},Agent ${list * 100 + i},,agent,2026-10-01,`,
        ),
      ].join('\n'),
    );
    const responses = await Promise.all(
      lists.map((csv) =>
        app.http
          .post(`/api/v1/access-reviews/${campaign.body.id}/accounts`)
          .set(as(world.securityOfficer))
          .set('If-Match', String(campaign.body.version))
          .set('Content-Type', 'text/csv')
          .send(csv),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const imported = responses.reduce((sum, r) => sum + r.body.imported, 0);
    const rejected = responses.reduce((sum, r) => sum + r.body.rejected.length, 0);
    expect(imported).toBe(500);
    expect(imported + rejected).toBe(800);
    const rows = await app.dataSource.query(
      'SELECT count(*)::int AS n, count(DISTINCT lower(username))::int AS d FROM access_review_item WHERE access_review_id = $1',
      [campaign.body.id],
    );
    expect(rows[0]).toEqual({ n: 500, d: 500 });
  });
});
