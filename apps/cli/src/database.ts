import { join } from 'node:path';
import { AppConfig, AuditEvent } from '@vigie/core';
import { dataSourceOptions, EmbeddedPostgres } from '@vigie/db';
import { MIGRATIONS } from '@vigie/migrations';
import { DEFAULT_DATA_SOURCE_NAME } from '@nestjs/typeorm/dist/typeorm.constants';
// The registry behind `autoLoadEntities`: each lib's `TypeOrmModule.forFeature([...])` adds its entities there.
import { EntitiesMetadataStorage } from '@nestjs/typeorm/dist/entities-metadata.storage';
import { DataSource } from 'typeorm';
// The API's composition: importing it declares the entities of every lib, which the commands read as the API does.
import '../../api/src/app.module';

/** The entities a data source is opened with. */
type EntityList = Extract<Parameters<typeof dataSourceOptions>[1], unknown[]>;

/**
 * The entities of the API's data source (the audit events, then those its libs register for `autoLoadEntities`):
 * the CLI runs the API's own work (the reminder scans, the recurring campaigns) through the same scoped queries,
 * so it opens the database with the same entities, and no other entity declared in the process.
 */
export function applicationEntities(): EntityList {
  const registered = EntitiesMetadataStorage.getEntitiesByDataSource(DEFAULT_DATA_SOURCE_NAME);
  return [...new Set([AuditEvent, ...registered])] as EntityList;
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
