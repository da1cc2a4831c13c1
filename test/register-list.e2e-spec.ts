import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, expectProblem, World } from './support/world';
import { createApplication, createEntry, entryPayload, entryVersion } from './support/register-fixtures';

const api = '/api/v1';
/** Two WP248 criteria: the screening requires a DPIA. */
const DPIA_CRITERIA = ['vulnerable-subjects', 'matching-datasets'];

describe('Register list: orders and filters (e2e)', () => {
  let app: TestApp;
  let world: World;
  let appA: { id: string };
  const ids: Record<string, string> = {};

  const list = (query: string, actor = world.readerA, orgId?: string) =>
    app.http
      .get(`${api}/organisations/${orgId ?? world.memberA.id}/processing-activities?${query}`)
      .set(as(actor));
  const names = (body: { items: { name: string }[] }) => body.items.map((item) => item.name);

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    appA = await createApplication(app, world.admin, 'BL Enfance', [world.memberA.id]);
    // Created in this order, so that the last update order differs from the name order.
    ids.cantine = (
      await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Cantine', { applicationIds: [appA.id] }),
      )
    ).id;
    ids.accueil = (await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Accueil'))).id;
    ids.video = (
      await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Vidéoprotection', { dpiaCriteria: DPIA_CRITERIA, applicationIds: [appA.id] }),
      )
    ).id;
    ids.bus = (
      await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Bus scolaire', { dpiaCriteria: DPIA_CRITERIA }),
      )
    ).id;
    await createEntry(app, world.dpoB, world.memberB.id, entryPayload('Autre commune'));
    // Accueil validated (review date a year later), Cantine validated with an earlier review date.
    for (const id of [ids.accueil, ids.cantine]) {
      const validated = await app.http
        .post(`${api}/processing-activities/${id}/validate`)
        .set(as(world.dpoA))
        .send({ version: await entryVersion(app, id) });
      expect(validated.status).toBe(200);
    }
    await app.dataSource.query(`UPDATE processing_activity SET review_date = '2027-01-15' WHERE id = $1`, [
      ids.cantine,
    ]);
    const done = await app.http
      .put(`${api}/processing-activities/${ids.video}/dpia-assessment`)
      .set(as(world.dpoA))
      .send({ status: 'done', reference: 'AIPD-2026-01', residualRisk: 'low', version: 1 });
    expect(done.status).toBe(200);
  });
  afterAll(() => app.close());

  it('sorts by name by default, and by name descending', async () => {
    expect(names((await list('')).body)).toEqual(['Accueil', 'Bus scolaire', 'Cantine', 'Vidéoprotection']);
    expect(names((await list('sort=-name')).body)).toEqual([
      'Vidéoprotection',
      'Cantine',
      'Bus scolaire',
      'Accueil',
    ]);
  });

  it('sorts by status, then name', async () => {
    expect(names((await list('sort=status')).body)).toEqual([
      'Bus scolaire',
      'Vidéoprotection',
      'Accueil',
      'Cantine',
    ]);
    expect(names((await list('sort=-status')).body)).toEqual([
      'Accueil',
      'Cantine',
      'Bus scolaire',
      'Vidéoprotection',
    ]);
  });

  it('sorts by review date, entries without one last either way', async () => {
    expect(names((await list('sort=reviewDate')).body)).toEqual([
      'Cantine',
      'Accueil',
      'Bus scolaire',
      'Vidéoprotection',
    ]);
    expect(names((await list('sort=-reviewDate')).body)).toEqual([
      'Accueil',
      'Cantine',
      'Bus scolaire',
      'Vidéoprotection',
    ]);
  });

  it('sorts by last update, and pages keep the order', async () => {
    // The last updates set apart, a minute between each.
    await app.dataSource.query(
      `UPDATE processing_activity SET updated_at = now() + (CASE name WHEN 'Bus scolaire' THEN 1 WHEN 'Accueil' THEN 2 WHEN 'Cantine' THEN 3 ELSE 4 END) * interval '1 minute' WHERE organisation_id = $1`,
      [world.memberA.id],
    );
    expect(names((await list('sort=-updatedAt')).body)).toEqual([
      'Vidéoprotection',
      'Cantine',
      'Accueil',
      'Bus scolaire',
    ]);
    const second = await list('sort=updatedAt&pageSize=2&page=2');
    expect(second.body).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(names(second.body)).toEqual(['Cantine', 'Vidéoprotection']);
  });

  it('filters by DPIA: required, not required, done', async () => {
    expect(names((await list('dpia=required')).body)).toEqual(['Bus scolaire', 'Vidéoprotection']);
    expect(names((await list('dpia=not-required')).body)).toEqual(['Accueil', 'Cantine']);
    expect(names((await list('dpia=done')).body)).toEqual(['Vidéoprotection']);
    const paged = await list('dpia=required&pageSize=1&page=2&sort=-name');
    expect(paged.body).toMatchObject({ total: 2, page: 2 });
    expect(names(paged.body)).toEqual(['Bus scolaire']);
  });

  it('filters by application, combined with the other filters', async () => {
    expect(names((await list(`applicationId=${appA.id}`)).body)).toEqual(['Cantine', 'Vidéoprotection']);
    expect(names((await list(`applicationId=${appA.id}&status=validated`)).body)).toEqual(['Cantine']);
    expect(names((await list(`applicationId=${appA.id}&dpia=required&q=vidéo`)).body)).toEqual([
      'Vidéoprotection',
    ]);
  });

  it('refuses an unknown order or filter value (400, in French)', async () => {
    for (const query of ['sort=createdAt', 'sort=name;DROP', 'dpia=maybe', 'applicationId=bl-enfance']) {
      expectProblem(await list(query), 400);
    }
  });

  it("keeps another member's DPO out (404), whatever the order", async () => {
    expectProblem(await list('sort=-updatedAt', world.dpoB), 404);
    const own = await list('sort=-updatedAt&dpia=not-required', world.dpoB, world.memberB.id);
    expect(names(own.body)).toEqual(['Autre commune']);
  });
});
