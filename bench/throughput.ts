/**
 * `GET /api/v1/organisations` (authenticated, scoped in SQL) against a no-op route of the same process
 * (`GET /health/live`), with autocannon: the ratio of their throughputs (target ≥ 0.5 on PostgreSQL).
 * and a read (`GET /api/v1/organisations/:id`).
 * Run: npm run build && node -r ./scripts/ts-register.js bench/throughput.ts [embedded|postgres] [seconds] [rounds]
 * (or BENCH_FROM_SOURCE=1 without a build). The three routes are measured twice, interleaved.
 *
 * Besides requests per second, it reports the server's own CPU time per request (user + system, read from
 * /proc while each route runs): on a machine shared with other work the rate mostly says how long the server
 * waited for a core, while its CPU time per request is what bounds its throughput.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freshServerDatabase, loginAdmin, startServer } from './support';

/** CPU time (user + system) a process has used so far, in ms (Linux: /proc, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(url: string, headers: Record<string, string>, seconds: number, pid: number) {
  const cpuStart = cpuMs(pid);
  const result = await autocannon({ url, headers, connections: 10, duration: seconds });
  const cpu = cpuMs(pid) - cpuStart;
  return {
    rps: result.requests.average,
    cpuUs: (1000 * cpu) / Math.max(1, result.requests.total),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function main(): Promise<void> {
  const mode = process.argv[2] ?? 'embedded';
  const seconds = Number(process.argv[3] ?? 10);
  const rounds = Number(process.argv[4] ?? 2);
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
  const { server } = await startServer(env, 29200);
  try {
    const token = await loginAdmin(server.url);
    const auth = { authorization: `Bearer ${token}` };
    const first = (await (await fetch(`${server.url}/api/v1/organisations`, { headers: auth })).json()) as {
      items: { id: string }[];
    };
    const read = `${server.url}/api/v1/organisations/${first.items[0].id}`;
    const pid = server.child.pid!;
    await load(`${server.url}/api/v1/organisations`, auth, 2, pid); // warm-up
    await load(read, auth, 2, pid);
    await load(`${server.url}/health/live`, {}, 2, pid);
    type Run = Awaited<ReturnType<typeof load>>;
    const runs: { noop: Run; list: Run; read: Run }[] = [];
    const lines: string[] = [];
    const show = (label: string, r: Awaited<ReturnType<typeof load>>) =>
      lines.push(
        `${label.padEnd(32)}${r.rps.toFixed(0).padStart(6)} req/s  server CPU ${r.cpuUs.toFixed(0).padStart(5)} µs/req  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}`,
      );
    for (let round = 0; round < rounds; round += 1) {
      const noop = await load(`${server.url}/health/live`, {}, seconds, pid);
      const list = await load(`${server.url}/api/v1/organisations`, auth, seconds, pid);
      const one = await load(read, auth, seconds, pid);
      show('no-op GET /health/live', noop);
      show('GET /api/v1/organisations', list);
      show('GET /api/v1/organisations/:id', one);
      runs.push({ noop, list, read: one });
    }
    console.log(
      `database: ${mode}; 10 connections, ${seconds} s each, ${rounds} interleaved rounds; load average ${loadavg()[0].toFixed(1)}`,
    );
    console.log(lines.join('\n'));
    const ratio = (key: 'list' | 'read') => runs.map((r) => (r[key].rps / r.noop.rps).toFixed(2)).join(', ');
    const cpuRatio = (key: 'list' | 'read') =>
      runs.map((r) => (r.noop.cpuUs / r[key].cpuUs).toFixed(2)).join(', ');
    console.log(
      `ratio to the no-op (target ≥ 0.5 on PostgreSQL), requests per second: list ${ratio('list')}; read ${ratio('read')}`,
    );
    console.log(
      `ratio to the no-op, server CPU per request: list ${cpuRatio('list')}; read ${cpuRatio('read')}; ` +
        `server RSS ${server.rssMiB().toFixed(0)} MiB`,
    );
    // With many short rounds (e.g. 2 s × 10) on a loaded machine: each round's ratio is taken while the
    // load is about the same for the three routes; their medians move less than any single round.
    const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const medianOf = (key: 'list' | 'read', measure: (r: Run) => number, inverse: boolean) =>
      middle(
        runs.map((r) => (inverse ? measure(r.noop) / measure(r[key]) : measure(r[key]) / measure(r.noop))),
      );
    console.log(
      `medians over ${rounds} rounds: requests/s ratio list ${medianOf('list', (r) => r.rps, false).toFixed(2)}, ` +
        `read ${medianOf('read', (r) => r.rps, false).toFixed(2)}; CPU ratio list ` +
        `${medianOf('list', (r) => r.cpuUs, true).toFixed(2)}, read ${medianOf('read', (r) => r.cpuUs, true).toFixed(2)}; ` +
        `server CPU µs/req no-op ${middle(runs.map((r) => r.noop.cpuUs)).toFixed(0)}, list ` +
        `${middle(runs.map((r) => r.list.cpuUs)).toFixed(0)}, read ${middle(runs.map((r) => r.read.cpuUs)).toFixed(0)}`,
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
