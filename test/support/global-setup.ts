import './register-paths';
import { writeFileSync } from 'node:fs';
import { dataSourceOptions, DatabaseTarget, EmbeddedPostgres, runMigrations } from '@vigie/db';
import { MIGRATIONS } from '@vigie/migrations';
import { DataSource } from 'typeorm';
import { adminQuery, serverUrl, SNAPSHOT_FILE, TEMPLATE_DATABASE } from './database';

async function migrate(target: DatabaseTarget): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(target, [], MIGRATIONS));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Builds the migrated template once per run: a PGlite snapshot file (each e2e file opens an in-memory copy)
 * or a template database on the server (each e2e file gets `CREATE DATABASE … TEMPLATE`).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
    await migrate({ url: serverUrl(TEMPLATE_DATABASE), poolSize: 2 });
    return;
  }
  const embedded = await EmbeddedPostgres.open({});
  try {
    await migrate({ url: embedded.url, poolSize: 1 });
    writeFileSync(SNAPSHOT_FILE, Buffer.from(await (await embedded.snapshot()).arrayBuffer()));
  } finally {
    await embedded.close();
  }
}
