/**
 * Start-up times of the built server on the embedded database:
 * - first start: empty data folder → migrations, bootstrap and demo data → /health/ready (target < 15 s);
 * - cold start: the same folder again, process not warm → /health/ready (target < 6 s).
 * Run: npm run build && node -r ./scripts/ts-register.js bench/startup.ts [runs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, startServer } from './support';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const first: number[] = [];
  const cold: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-start-'));
    const env = { VIGIE_DATA_DIR: dataDir, DATABASE_URL: '' };
    try {
      const a = await startServer(env, 29100 + i);
      first.push(a.readyMs);
      await a.server.stop();
      const b = await startServer(env, 29100 + i);
      cold.push(b.readyMs);
      rss.push(b.server.rssMiB());
      await b.server.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const fmt = (values: number[]) =>
    `median ${(median(values) / 1000).toFixed(2)} s (min ${(Math.min(...values) / 1000).toFixed(2)}, max ${(Math.max(...values) / 1000).toFixed(2)})`;
  console.log(`first start (migrations + demo data), ${runs} runs: ${fmt(first)}   target < 15 s`);
  console.log(`cold start on an existing data folder, ${runs} runs: ${fmt(cold)}   target < 6 s`);
  console.log(`RSS after a cold start: median ${median(rss).toFixed(0)} MiB`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
