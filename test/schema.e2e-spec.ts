import { createTestApp, TestApp } from './support/test-app';

/**
 * The migrations and the entities describe the same schema: TypeORM finds nothing to change. A failure lists
 * the statements a new migration needs (or the entity mistake to mend).
 */
describe('Schema (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('matches the entities exactly after all migrations', async () => {
    const pending = await app.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('runs every migration down and up again', async () => {
    const migrations = app.dataSource.migrations.length;
    for (let i = 0; i < migrations; i += 1) await app.dataSource.undoLastMigration({ transaction: 'each' });
    const tables = await app.dataSource.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
    );
    expect(tables[0].n).toBe(0);
    await app.dataSource.runMigrations({ transaction: 'each' });
    expect((await app.dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
