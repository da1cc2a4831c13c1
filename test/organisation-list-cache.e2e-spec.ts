import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { Organisation } from '@vigie/identity';
import { answerCacheOf, findPlainPageAnswer } from '@vigie/db';
import { RunningVigie, startVigie } from '../apps/api/src/runtime';
import { createTestApp, TEST_JWT_SECRET, TestApp } from './support/test-app';
import { as, createWorld, World } from './support/world';

const LIST = '/api/v1/organisations?pageSize=200';

/**
 * The organisations list is answered from JSON text kept while the `organisation` table keeps its change mark
 * (libs/db `findPlainPageAnswer`, migration TableChangeMarks): every change, however written, is seen at the
 * next request, each caller's scope gets its own answer, and a kept answer is the very answer made without it.
 */
describe('Organisations list kept between changes (e2e)', () => {
  let app: TestApp;
  let world: World;
  const names = async (http: TestAgent = app.http, actor = world.admin) =>
    ((await http.get(LIST).set(as(actor))).body.items as { name: string }[]).map((o) => o.name);
  const organisationCache = () => answerCacheOf(app.dataSource, 'organisation');

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('answers a kept page byte for byte as the page made from the rows, with the same headers', async () => {
    await app.dataSource.query(`UPDATE organisation SET name = name`); // a new mark: nothing kept
    const made = await app.http.get(LIST).set(as(world.admin));
    expect(organisationCache().size.answers).toBeGreaterThan(0);
    const kept = await app.http.get(LIST).set(as(world.admin));
    expect(made.status).toBe(200);
    expect(kept.text).toBe(made.text);
    expect(JSON.parse(kept.text)).toMatchObject({ total: made.body.items.length, page: 1, pageSize: 200 });
    for (const response of [made, kept]) {
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
    }
    // The same bytes as each organisation's own read, in a page built as every other list's.
    const reads = [];
    for (const item of made.body.items as { id: string }[])
      reads.push((await app.http.get(`/api/v1/organisations/${item.id}`).set(as(world.admin))).body);
    expect(kept.text).toBe(JSON.stringify({ items: reads, total: reads.length, page: 1, pageSize: 200 }));
  });

  it('sees at the next request a change written in plain SQL: insert, update, delete', async () => {
    await names();
    await app.dataSource.query(
      `INSERT INTO organisation (name, short_name, kind) VALUES ('Commune écrite en SQL', 'SQLDIRECT', 'member')`,
    );
    expect(await names()).toContain('Commune écrite en SQL');
    await app.dataSource.query(
      `UPDATE organisation SET name = 'Commune renommée en SQL' WHERE short_name = 'SQLDIRECT'`,
    );
    expect(await names()).toEqual(expect.arrayContaining(['Commune renommée en SQL']));
    expect(await names()).not.toContain('Commune écrite en SQL');
    await app.dataSource.query(`DELETE FROM organisation WHERE short_name = 'SQLDIRECT'`);
    expect(await names()).not.toContain('Commune renommée en SQL');
  });

  it('sees a change through the API at the next request, and a rolled-back change never', async () => {
    const before = await app.http.get(`/api/v1/organisations/${world.memberB.id}`).set(as(world.admin));
    await names();
    const renamed = await app.http
      .patch(`/api/v1/organisations/${world.memberB.id}`)
      .set(as(world.admin))
      .send({ name: 'Mairie de Cachan (renommée)', version: before.body.version });
    expect(renamed.status).toBe(200);
    expect(await names()).toContain('Mairie de Cachan (renommée)');
    await expect(
      app.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE organisation SET name = 'Jamais validé' WHERE id = $1`, [
          world.memberB.id,
        ]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await names()).toContain('Mairie de Cachan (renommée)');
    expect(await names()).not.toContain('Jamais validé');
  });

  it("keeps one answer per caller scope: a member's DPO never gets the administrator's page", async () => {
    const all = await names();
    expect(all.length).toBeGreaterThan(2);
    expect(await names(app.http, world.dpoA)).toEqual([world.memberA.name]);
    const memberB = await app.http.get(`/api/v1/organisations/${world.memberB.id}`).set(as(world.admin));
    expect(await names(app.http, world.dpoB)).toEqual([memberB.body.name]);
    expect(await names()).toEqual(all);
  });

  it('answers a page past the end with the total, and a filter with its own answer', async () => {
    const past = await app.http.get('/api/v1/organisations?page=50&pageSize=10').set(as(world.admin));
    expect(past.status).toBe(200);
    expect(past.body.items).toEqual([]);
    expect(past.body.total).toBeGreaterThan(2);
    const vendors = await app.http.get('/api/v1/organisations?kind=vendor').set(as(world.admin));
    expect((vendors.body.items as { kind: string }[]).every((o) => o.kind === 'vendor')).toBe(true);
    expect(vendors.body.items.length).toBeGreaterThan(0);
  });

  it('refuses to keep the answers of a query reading another table than its own', async () => {
    const reader = app.dataSource.manager;
    const joined = () =>
      findPlainPageAnswer(
        reader,
        (manager) =>
          manager
            .createQueryBuilder(Organisation, 'o')
            .innerJoin('membership', 'm', 'm.organisation_id = o.id'),
        { page: 1, pageSize: 10 },
        'test|joined',
        (page) => JSON.stringify(page),
      );
    await expect(joined()).rejects.toThrow(/one table alone/);
    const subquery = () =>
      findPlainPageAnswer(
        reader,
        (manager) =>
          manager
            .createQueryBuilder(Organisation, 'o')
            .where('EXISTS (SELECT 1 FROM membership m WHERE m.organisation_id = o.id)'),
        { page: 1, pageSize: 10 },
        'test|subquery',
        (page) => JSON.stringify(page),
      );
    await expect(subquery()).rejects.toThrow(/one table alone/);
  });

  // Two API instances on one database, as behind a load balancer, and a transaction left open beside the API
  // (PostgreSQL only: the embedded database serves one connection, as for the shared limits).
  (process.env.DATABASE_URL ? describe : describe.skip)('with two instances', () => {
    let second: RunningVigie;
    let secondHttp: TestAgent;
    beforeAll(async () => {
      second = await startVigie(
        app.config,
        { target: app.database.target, embedded: app.database.embedded },
        { jwtSecret: TEST_JWT_SECRET, listen: false },
      );
      secondHttp = supertest.agent(second.app.getHttpServer());
    });
    afterAll(() => second?.close());

    it('answers the committed rows while a change is still open in another transaction', async () => {
      await names();
      const runner = app.dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(`UPDATE organisation SET name = 'Pas encore validé' WHERE id = $1`, [
          world.memberA.id,
        ]);
        expect(await names()).not.toContain('Pas encore validé');
        expect(await names(secondHttp)).not.toContain('Pas encore validé');
        await runner.commitTransaction();
      } finally {
        await runner.release();
      }
      expect(await names()).toContain('Pas encore validé');
      expect(await names(secondHttp)).toContain('Pas encore validé');
    });

    it('sees on one instance, at its next request, a change made through the other', async () => {
      const kept = await names(secondHttp);
      expect(await names(secondHttp)).toEqual(kept);
      const current = await app.http.get(`/api/v1/organisations/${world.vendor.id}`).set(as(world.admin));
      const renamed = await app.http
        .patch(`/api/v1/organisations/${world.vendor.id}`)
        .set(as(world.admin))
        .send({ name: 'Éditeur renommé ailleurs', version: current.body.version });
      expect(renamed.status).toBe(200);
      expect(await names(secondHttp)).toContain('Éditeur renommé ailleurs');
    });
  });
});
