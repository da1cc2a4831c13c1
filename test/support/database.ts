import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseTarget, EmbeddedPostgres } from '@vigie/db';
import { Client } from 'pg';

/** The template every e2e file copies: a migrated PGlite snapshot, or a migrated database on the server. */
export const SNAPSHOT_FILE = join(
  tmpdir(),
  `vigie-e2e-snapshot-${process.env.VIGIE_TEST_RUN ?? 'local'}.tgz`,
);
export const TEMPLATE_DATABASE = `vigie_e2e_template_${process.env.VIGIE_TEST_RUN ?? 'local'}`;

/** A fresh database for one e2e file, dropped (or closed) afterwards. */
export interface TestDatabase {
  target: DatabaseTarget;
  embedded?: EmbeddedPostgres;
  /** URL of this database (server mode), for tests that reconnect or break the connection. */
  url: string;
  drop(): Promise<void>;
}

/** Connection URL of `database` on the server named by DATABASE_URL. */
export function serverUrl(database: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Opens a new database copied from the template (server) or from the snapshot (embedded). */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.DATABASE_URL) {
    const name = `vigie_e2e_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}"`);
    const url = serverUrl(name);
    return {
      target: { url, poolSize: 5 },
      url,
      drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const embedded = await EmbeddedPostgres.open({ snapshot: new Blob([readFileSync(SNAPSHOT_FILE)]) });
  return {
    target: { url: embedded.url, poolSize: 1 },
    embedded,
    url: embedded.url,
    drop: () => embedded.close(),
  };
}
