/**
 * A CPU profile of the server process (`node --cpu-prof`) while autocannon (10 connections) loads one route,
 * on a fresh PostgreSQL database with the demo data, split by layer with `bench/cpuprofile-layers.js`:
 *   BENCH_FROM_SOURCE=1 node -r ./scripts/ts-register.js bench/server-profile.ts [list|read|noop] [seconds] [out dir]
 * Prints the server's CPU time per request (from /proc, profiler overhead included) and each layer's share of
 * the busy samples, then µs per request by layer (share × CPU per request); keeps the profile in `out dir`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { freshServerDatabase, loginAdmin, startServer } from './support';

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function main(): Promise<void> {
  const route = process.argv[2] ?? 'list';
  const seconds = Number(process.argv[3] ?? 8);
  const out = resolve(process.argv[4] ?? mkdtempSync(join(tmpdir(), 'vigie-server-profile-')));
  mkdirSync(out, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-prof-'));
  const database = await freshServerDatabase('vigie_bench_profile');
  const { server } = await startServer(
    {
      DATABASE_URL: database.url,
      VIGIE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
      VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
      VIGIE_DEMO: '1',
      VIGIE_DATA_DIR: dataDir,
    },
    29211,
    ['--cpu-prof', `--cpu-prof-dir=${out}`],
  );
  let window = 0;
  try {
    const token = await loginAdmin(server.url);
    const auth = { authorization: `Bearer ${token}` };
    const first = (await (await fetch(`${server.url}/api/v1/organisations`, { headers: auth })).json()) as {
      items: { id: string }[];
    };
    const urls: Record<string, [string, Record<string, string>]> = {
      list: [`${server.url}/api/v1/organisations`, auth],
      read: [`${server.url}/api/v1/organisations/${first.items[0].id}`, auth],
      noop: [`${server.url}/health/live`, {}],
    };
    const [url, headers] = urls[route];
    await autocannon({ url, headers, connections: 10, duration: 2 }); // warm-up
    const pid = server.child.pid!;
    const cpuStart = cpuMs(pid);
    const result = await autocannon({ url, headers, connections: 10, duration: seconds });
    const cpuUs = (1000 * (cpuMs(pid) - cpuStart)) / Math.max(1, result.requests.total);
    window = seconds;
    console.log(
      `${route}: ${result.requests.average.toFixed(0)} req/s, server CPU ${cpuUs.toFixed(0)} µs/req ` +
        `(profiler on), errors ${result.errors + result.non2xx}, load average ${loadavg()[0].toFixed(1)}`,
    );
  } finally {
    await server.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const file = readdirSync(out)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => join(out, name))
    .sort()
    .pop();
  if (!file) throw new Error('no profile written');
  // The load ended just before the stop: keep the last `window` seconds of the profile (less the shutdown).
  const profile = JSON.parse(readFileSync(file, 'utf8')) as { startTime: number; endTime: number };
  const total = (profile.endTime - profile.startTime) / 1e6;
  const skip = Math.max(0, total - window - 0.2);
  console.log(`profile ${file}`);
  console.log(
    execFileSync('node', [join(__dirname, 'cpuprofile-layers.js'), file, String(skip), String(window)], {
      encoding: 'utf8',
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
