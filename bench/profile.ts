/**
 * A CPU profile of one route under a sequential loop of requests, in-process on PostgreSQL (no build):
 *   node -r ./scripts/ts-register.js bench/profile.ts [path] [requests] [out.cpuprofile]
 * e.g. `bench/profile.ts /organisations 2000`. Prints the self time by package (or by source file of the
 * application) and writes the profile (open it in Chrome DevTools) when a file name is given.
 */
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { Session } from 'node:inspector/promises';
import { startBench } from './certification-setup';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  hitCount?: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(url: string, token: string): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on('end', () => done(response.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The package of a script URL (`node_modules/<pkg>`), or its path under the repository, or `node:`. */
function owner(url: string): string {
  if (!url) return '(native, GC, idle)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return 'node (core)';
  const local = /\/(libs\/[^/]+\/src\/.*|apps\/[^/]+\/src\/.*|bench\/.*)$/.exec(url);
  return local ? local[1] : url;
}

async function main(): Promise<void> {
  const path = process.argv[2] ?? '/organisations';
  const requests = Number(process.argv[3] ?? 2000);
  const out = process.argv[4];
  const bench = await startBench('postgres');
  const session = new Session();
  try {
    for (let i = 0; i < 20; i += 1) {
      await bench.sql(
        `INSERT INTO organisation (id, name, short_name, kind) VALUES (gen_random_uuid(), $1, $2, 'member')`,
        [`Commune de Banc ${String(i).padStart(3, '0')}`, `BANC${i}`],
      );
    }
    for (let i = 0; i < 100; i += 1) await get(`${bench.url}${path}`, bench.token);
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    for (let i = 0; i < requests; i += 1) {
      const status = await get(`${bench.url}${path}`, bench.token);
      if (status !== 200) throw new Error(`${path} answered ${status}`);
    }
    const { profile } = await session.post('Profiler.stop');
    if (out) writeFileSync(out, JSON.stringify(profile));
    const byOwner = new Map<string, number>();
    let total = 0;
    for (const node of profile.nodes as ProfileNode[]) {
      const hits = node.hitCount ?? 0;
      total += hits;
      const name = ['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName)
        ? node.callFrame.functionName
        : owner(node.callFrame.url);
      byOwner.set(name, (byOwner.get(name) ?? 0) + hits);
    }
    console.log(`${path}: ${requests} sequential requests; self time by owner (share of samples)`);
    for (const [name, hits] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`${((100 * hits) / total).toFixed(1).padStart(5)} %  ${name}`);
  } finally {
    session.disconnect();
    agent.destroy();
    await bench.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
