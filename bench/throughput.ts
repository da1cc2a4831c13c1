/**
 * `GET /api/v1/organisations` (authenticated, scoped in SQL) against a no-op route of the same process
 * (`GET /health/live`), with autocannon: the ratio of their throughputs (target ≥ 0.5 on PostgreSQL).
 * Run: npm run build && node -r ./scripts/ts-register.js bench/throughput.ts [embedded|postgres] [seconds]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freshServerDatabase, loginAdmin, startServer } from './support';

async function load(url: string, headers: Record<string, string>, seconds: number) {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'embedded';
  const seconds = Number(process.argv[3] ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-rps-'));
  const database = mode === 'postgres' ? await freshServerDatabase('vigie_bench_throughput') : undefined;
  const env = database
    ? {
        DATABASE_URL: database.url,
        VIGIE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
        VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
        VIGIE_DEMO: '1',
        VIGIE_DATA_DIR: dataDir,
      }
    : { DATABASE_URL: '', VIGIE_DATA_DIR: dataDir };
  const { server } = await startServer(env, 39200);
  try {
    const token = await loginAdmin(server.url);
    const auth = { authorization: `Bearer ${token}` };
    await load(`${server.url}/api/v1/organisations`, auth, 2); // warm-up
    const noop = await load(`${server.url}/health/live`, {}, seconds);
    const list = await load(`${server.url}/api/v1/organisations`, auth, seconds);
    console.log(`database: ${mode}; 10 connections, ${seconds} s each`);
    console.log(
      `no-op GET /health/live         ${noop.rps.toFixed(0)} req/s  p50 ${noop.p50} ms  p99 ${noop.p99} ms  errors ${noop.errors}`,
    );
    console.log(
      `GET /api/v1/organisations       ${list.rps.toFixed(0)} req/s  p50 ${list.p50} ms  p99 ${list.p99} ms  errors ${list.errors}`,
    );
    console.log(
      `ratio ${(list.rps / noop.rps).toFixed(2)} (target ≥ 0.5 on PostgreSQL); server RSS ${server.rssMiB().toFixed(0)} MiB`,
    );
  } finally {
    await server.stop();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
