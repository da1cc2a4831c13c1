import type { DataSourceOptions, MixedList } from 'typeorm';

export interface DatabaseTarget {
  url: string;
  poolSize: number;
}

/**
 * TypeORM options shared by the API, the CLI and the tests. The schema is only ever changed by migrations;
 * extensions are never installed (PGlite has none loaded and `gen_random_uuid()` is built in since PG 13).
 */
export function dataSourceOptions(
  target: DatabaseTarget,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    extra: {
      max: target.poolSize,
      connectionTimeoutMillis: 5000,
      // Idle connections are dropped so that a restarted server is reached again without stale sockets.
      idleTimeoutMillis: 10_000,
    },
  };
}
