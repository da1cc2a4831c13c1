import { join } from 'node:path';
import { AppConfig, AuditEvent } from '@vigie/core';
import { dataSourceOptions, EmbeddedPostgres } from '@vigie/db';
import { Organisation, User } from '@vigie/identity';
import { MIGRATIONS } from '@vigie/migrations';
import { DataSource } from 'typeorm';

/**
 * Opens the configured database for a command (the embedded one under the data folder when DATABASE_URL is
 * unset), runs `work`, and closes everything whatever happens.
 */
export async function withDataSource<T>(
  config: AppConfig,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const embedded = config.databaseUrl
    ? undefined
    : await EmbeddedPostgres.open({ dataDir: join(config.dataDir, 'pglite') });
  const target = embedded ? { url: embedded.url, poolSize: 1 } : { url: config.databaseUrl!, poolSize: 2 };
  const dataSource = new DataSource(dataSourceOptions(target, [AuditEvent, Organisation, User], MIGRATIONS));
  try {
    await dataSource.initialize();
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.close();
  }
}
