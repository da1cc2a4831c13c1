/**
 * `npm run api:types`: boots the application on an in-memory embedded database, takes its OpenAPI document and
 * writes the web client's types (apps/web/src/api/schema.d.ts, committed).
 */
import { writeFileSync } from 'node:fs';
import { generateSecret, loadConfig } from '@vigie/core';
import { EmbeddedPostgres } from '@vigie/db';
import { openApiDocument } from '../apps/api/src/http-setup';
import { startVigie } from '../apps/api/src/runtime';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { typesFor, TYPES_FILE } = require('./openapi-types.js') as {
  typesFor: (document: unknown) => string;
  TYPES_FILE: string;
};

async function main(): Promise<void> {
  const embedded = await EmbeddedPostgres.open({});
  const jwtSecret = generateSecret();
  const config = loadConfig({
    VIGIE_DEMO: '0',
    VIGIE_JOBS: '0',
    LOG_LEVEL: 'silent',
    VIGIE_JWT_SECRET: jwtSecret,
    VIGIE_ADMIN_PASSWORD: generateSecret(),
  });
  const vigie = await startVigie(
    config,
    { target: { url: embedded.url, poolSize: 1 }, embedded },
    { jwtSecret, listen: false, logger: false },
  );
  try {
    writeFileSync(TYPES_FILE, typesFor(openApiDocument(vigie.app)));
    process.stdout.write(`Wrote ${TYPES_FILE}\n`);
  } finally {
    await vigie.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
