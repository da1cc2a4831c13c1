import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@vigie/core';
import supertest from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { RunningVigie, startVigie } from '../../apps/api/src/runtime';
import { createTestDatabase, TestDatabase } from './database';
import { TcpProxy, throughProxy } from './tcp-proxy';

export const ADMIN_EMAIL = 'admin@vigie.test';
export const ADMIN_PASSWORD = 'admin-password-for-tests';
export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';
export const TEST_AUDIT_KEY = 'test-audit-key-that-is-long-enough-for-hmac-sha256';

/** A booted application on its own fresh database, driven over HTTP. */
export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  config: AppConfig;
  database: TestDatabase;
  dataSource: DataSource;
  vigie: RunningVigie;
  /** With `{ proxy: true }`: the TCP proxy between the application and its database. */
  proxy?: TcpProxy;
  /** Stops the application and drops its database. */
  close(): Promise<void>;
}

/**
 * Boots the real application (same module, same HTTP setup, same bootstrap as `npm start`) on a new database,
 * with an administrator and no demo data unless asked.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { proxy?: boolean } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  let proxy: TcpProxy | undefined;
  let target = database.target;
  if (options.proxy) {
    const { hostname, port } = new URL(database.url);
    proxy = new TcpProxy(hostname, Number(port || 5432));
    target = { ...target, url: throughProxy(database.url, await proxy.start()) };
  }
  const config = loadConfig({
    VIGIE_ADMIN_EMAIL: ADMIN_EMAIL,
    VIGIE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    VIGIE_DEMO: '0',
    LOG_LEVEL: 'silent',
    VIGIE_JWT_SECRET: TEST_JWT_SECRET,
    VIGIE_AUDIT_KEY: TEST_AUDIT_KEY,
    VIGIE_AUDIT_CHECKPOINT_FILE: join(
      tmpdir(),
      `vigie-test-${process.pid}-${randomUUID()}-checkpoints.jsonl`,
    ),
    // No background job queue unless a test asks for it (VIGIE_JOBS: '1').
    VIGIE_JOBS: '0',
    // The per-user limit of imports and exports is tested on its own (test/robustness/heavy-work.e2e-spec.ts).
    VIGIE_EXPENSIVE_PER_MINUTE: '100000',
    ...env,
    ...(process.env.DATABASE_URL ? { DATABASE_URL: target.url } : {}),
  });
  const vigie = await startVigie(
    config,
    { target, embedded: database.embedded },
    {
      jwtSecret: TEST_JWT_SECRET,
      listen: false,
      logger: env.LOG_LEVEL !== undefined && env.LOG_LEVEL !== 'silent',
    },
  ).catch(async (error: unknown) => {
    await proxy?.stop();
    await database.drop();
    throw error;
  });
  const app = vigie.app;
  return {
    app,
    http: supertest.agent(app.getHttpServer()),
    config,
    database,
    dataSource: app.get(DataSource),
    vigie,
    proxy,
    close: async () => {
      await vigie.close();
      await proxy?.stop();
      await database.drop();
      rmSync(config.auditCheckpointFile, { force: true });
    },
  };
}
