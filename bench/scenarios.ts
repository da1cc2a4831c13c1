/**
 * `npm run bench`: the main request scenarios against the built server, on the embedded database and on
 * PostgreSQL: p50 / p95 / p99 latency, throughput and its ratio to a no-op route of the same process, and the
 * server's peak memory. Run: npm run build && node -r ./scripts/ts-register.js bench/scenarios.ts [embedded|postgres] [seconds]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { freshServerDatabase, loginAdmin, startServer } from './support';

interface Scenario {
  name: string;
  method?: 'GET' | 'POST';
  path: string;
  token?: string;
  /** Body of each request (a function gives a new one per request). */
  body?: () => object;
  connections?: number;
}

async function run(url: string, scenario: Scenario, seconds: number) {
  const result = await autocannon({
    url: `${url}${scenario.path}`,
    method: scenario.method ?? 'GET',
    connections: scenario.connections ?? 10,
    duration: seconds,
    headers: {
      ...(scenario.token ? { authorization: `Bearer ${scenario.token}` } : {}),
      ...(scenario.body ? { 'content-type': 'application/json' } : {}),
    },
    requests: scenario.body
      ? [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(scenario.body!()) }) }]
      : undefined,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p95: (result.latency as unknown as Record<string, number>).p97_5 ?? result.latency.p90,
    p99: result.latency.p99,
    failed: result.errors + result.non2xx,
  };
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function main(): Promise<void> {
  const mode = process.argv[2] === 'postgres' ? 'postgres' : 'embedded';
  const seconds = Number(process.argv[3] ?? 5);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-scenarios-'));
  const database = mode === 'postgres' ? await freshServerDatabase('vigie_bench_scenarios') : undefined;
  const env = database
    ? {
        DATABASE_URL: database.url,
        VIGIE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
        VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
        VIGIE_DEMO: '1',
        VIGIE_DATA_DIR: dataDir,
      }
    : { DATABASE_URL: '', VIGIE_DATA_DIR: dataDir };
  const { server } = await startServer({ ...env, VIGIE_LOGIN_ATTEMPTS: '1000' }, 29400);
  try {
    const admin = await loginAdmin(server.url);
    const dpoLogin = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'dpo@mutualise.demo', password: 'Vigie-demo-2026!' }),
    }).then((r) => r.json() as Promise<{ accessToken: string }>);
    const me = await fetch(`${server.url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${dpoLogin.accessToken}` },
    }).then((r) => r.json() as Promise<{ memberships: { organisationId: string }[] }>);
    const memberId = me.memberships[0].organisationId;
    let created = 0;
    const scenarios: Scenario[] = [
      { name: 'no-op (GET /health/live)', path: '/health/live' },
      { name: 'list (GET /organisations)', path: '/api/v1/organisations', token: admin },
      {
        name: 'read (GET /organisations/:id)',
        path: `/api/v1/organisations/${memberId}`,
        token: dpoLogin.accessToken,
      },
      {
        name: 'create (POST /organisations)',
        method: 'POST',
        path: '/api/v1/organisations',
        token: admin,
        body: () => ({
          name: `Organisme de test ${++created}`,
          shortName: `B${process.pid}-${created}`,
          kind: 'member',
        }),
      },
      {
        name: 'PDF (GET /organisations/:id/audit-trail.pdf)',
        path: `/api/v1/organisations/${memberId}/audit-trail.pdf`,
        token: dpoLogin.accessToken,
        connections: 2,
      },
    ];
    const results: { name: string; rps: number; p50: number; p95: number; p99: number; failed: number }[] =
      [];
    for (const scenario of scenarios)
      results.push({ name: scenario.name, ...(await run(server.url, scenario, seconds)) });
    const noop = results[0].rps;
    console.log(`\nVigie scenarios on the ${mode} database, ${seconds} s each (Node ${process.version})`);
    console.log(
      'scenario'.padEnd(46) +
        'req/s'.padStart(8) +
        'ratio'.padStart(8) +
        'p50'.padStart(7) +
        'p95'.padStart(7) +
        'p99'.padStart(7) +
        '  failed',
    );
    for (const r of results) {
      console.log(
        r.name.padEnd(46) +
          r.rps.toFixed(0).padStart(8) +
          (r.rps / noop).toFixed(2).padStart(8) +
          `${r.p50}`.padStart(7) +
          `${r.p95}`.padStart(7) +
          `${r.p99}`.padStart(7) +
          `  ${r.failed}`,
      );
    }
    console.log(
      `server peak RSS: ${peakRssMiB(server.child.pid!).toFixed(0)} MiB (latencies in ms; p95 column is autocannon's p97.5)`,
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
