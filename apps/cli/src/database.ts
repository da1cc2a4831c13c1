import { join } from 'node:path';
import { AppConfig } from '@vigie/core';
import { dataSourceOptions, EmbeddedPostgres } from '@vigie/db';
import { MIGRATIONS } from '@vigie/migrations';
import { DataSource, getMetadataArgsStorage } from 'typeorm';
// The API's composition: importing it declares the entities of every lib, which the commands read as the API does.
import '../../api/src/app.module';

/**
 * Every entity the application declares: the CLI runs the API's own work (the reminder scans, the recurring
 * campaigns) on its data source, through the same scoped queries, so it knows the same entities.
 */
export function applicationEntities(): (new (...args: never[]) => object)[] {
  const targets = getMetadataArgsStorage().tables.map((table) => table.target);
  return [
    ...new Set(
      targets.filter((target): target is new (...args: never[]) => object => typeof target === 'function'),
    ),
  ];
}

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
  const dataSource = new DataSource(dataSourceOptions(target, applicationEntities(), MIGRATIONS));
  try {
    await dataSource.initialize();
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.close();
  }
}
