import './register-paths';
import { rmSync } from 'node:fs';
import { adminQuery, SNAPSHOT_FILE, TEMPLATE_DATABASE } from './database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.DATABASE_URL) {
    await adminQuery(`DROP DATABASE IF EXISTS "${TEMPLATE_DATABASE}" WITH (FORCE)`);
  } else {
    rmSync(SNAPSHOT_FILE, { force: true });
  }
}
