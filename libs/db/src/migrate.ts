import { DataSource, Migration } from 'typeorm';

// Names the session lock taken while migrating, so that API instances started together migrate one at a time.
const MIGRATION_LOCK_KEY = 7_340_001;

/**
 * Runs pending migrations, each in its own transaction. On a server, a session-level advisory lock held on a
 * separate connection keeps concurrent instances from migrating at the same time.
 */
export async function runMigrations(dataSource: DataSource): Promise<Migration[]> {
  const poolSize = (dataSource.options.extra as { max?: number } | undefined)?.max ?? 10;
  if (poolSize < 2) return dataSource.runMigrations({ transaction: 'each' });
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
