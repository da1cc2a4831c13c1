/**
 * `GET /api/v1/organisations` (authenticated, scoped in SQL) against a no-op route of the same process
 * (`GET /health/live`), with autocannon: the ratio of their throughputs (target ≥ 0.5 on PostgreSQL).
 * and a read (`GET /api/v1/organisations/:id`).
 * Run: npm run build && node -r ./scripts/ts-register.js bench/throughput.ts [embedded|postgres] [seconds]
 * (or BENCH_FROM_SOURCE=1 without a build). The three routes are measured twice, interleaved.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
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
    const first = (await (await fetch(`${server.url}/api/v1/organisations`, { headers: auth })).json()) as {
      items: { id: string }[];
    };
    const read = `${server.url}/api/v1/organisations/${first.items[0].id}`;
    await load(`${server.url}/api/v1/organisations`, auth, 2); // warm-up
    await load(read, auth, 2);
    const runs: { noop: number; list: number; read: number }[] = [];
    const lines: string[] = [];
    const show = (label: string, r: Awaited<ReturnType<typeof load>>) =>
      lines.push(
        `${label.padEnd(32)}${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`,
      );
    for (let round = 0; round < 2; round += 1) {
      const noop = await load(`${server.url}/health/live`, {}, seconds);
      const list = await load(`${server.url}/api/v1/organisations`, auth, seconds);
      const one = await load(read, auth, seconds);
      show('no-op GET /health/live', noop);
      show('GET /api/v1/organisations', list);
      show('GET /api/v1/organisations/:id', one);
      runs.push({ noop: noop.rps, list: list.rps, read: one.rps });
    }
    console.log(
      `database: ${mode}; 10 connections, ${seconds} s each, two interleaved rounds; load average ${loadavg()[0].toFixed(1)}`,
    );
    console.log(lines.join('\n'));
    const ratio = (key: 'list' | 'read') => runs.map((r) => (r[key] / r.noop).toFixed(2)).join(', ');
    console.log(
      `ratio to the no-op (target ≥ 0.5 on PostgreSQL): list ${ratio('list')}; read ${ratio('read')}; ` +
        `server RSS ${server.rssMiB().toFixed(0)} MiB`,
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
