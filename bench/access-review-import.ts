/**
 * Import of a 50,000-line account list into an access review (`POST /access-reviews/:id/accounts`, text/csv
 * streamed from a file): time, and peak memory of the process (RSS and heap, sampled every 10 ms, the server
 * runs in this process) above the level before the import. Usage:
 *   node -r ./scripts/ts-register.js bench/access-review-import.ts [embedded|postgres] [lines]
 */
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { call, startBench, timed } from './certification-setup';

const MiB = 1024 * 1024;

function csv(lines: number, reviewers: string[]): string {
  const rows = ['username;displayName;email;role;lastLogin;reviewerEmail'];
  const roles = ['agent', 'gestionnaire', 'Administrateur fonctionnel', 'lecteur', '"Valideur; niveau 2"'];
  for (let i = 1; i <= lines; i += 1) {
    const day = new Date(Date.UTC(2026, 0, 1) - (i % 400) * 86_400_000).toISOString().slice(0, 10);
    rows.push(
      [
        `agent.${i}`,
        `"Agent n° ${i}, service ${i % 40}"`,
        i % 7 === 0 ? '' : `agent.${i}@mairie.test`,
        roles[i % roles.length],
        i % 11 === 0 ? '' : day,
        i % 5 === 0 ? '' : reviewers[i % reviewers.length],
      ].join(';'),
    );
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'embedded') as 'embedded' | 'postgres';
  const lines = Number(process.argv[3] ?? 50_000);
  const bench = await startBench(mode);
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-import-'));
  try {
    const [member] = await bench.sql<{ id: string }>(
      `INSERT INTO organisation (name, short_name, kind) VALUES ('Mairie du banc', 'BANC', 'member') RETURNING id`,
    );
    const reviewers: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const email = `relecteur.${i}@mairie.test`;
      const [user] = await bench.sql<{ id: string }>(
        `INSERT INTO app_user (email, display_name, password_hash) VALUES ($1, $2, 'x') RETURNING id`,
        [email, `Relecteur ${i}`],
      );
      await bench.sql(`INSERT INTO membership (organisation_id, user_id, role) VALUES ($1, $2, $3)`, [
        member.id,
        user.id,
        i === 0 ? 'dpo' : 'editor',
      ]);
      reviewers.push(email);
    }
    const application = await call(bench.url, bench.token, 'POST', '/applications', {
      name: 'Ciril GF',
      domain: 'Finances',
      hosting: 'operator',
      dataLocation: 'FR',
      healthData: false,
      securityMeasures: [],
    });
    await call(bench.url, bench.token, 'POST', `/applications/${application.id}/deployments`, {
      organisationId: member.id,
    });
    const campaign = await call(bench.url, bench.token, 'POST', '/access-reviews', {
      organisationId: member.id,
      applicationId: application.id,
      name: 'Revue des accès — banc',
      dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
    });
    const file = join(dir, 'comptes.csv');
    writeFileSync(file, csv(lines, reviewers));
    const size = statSync(file).size;

    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakHeap = Math.max(peakHeap, now.heapUsed);
    }, 10);
    const [result, ms] = await timed(async () => {
      const response = await fetch(`${bench.url}/access-reviews/${campaign.id}/accounts`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bench.token}`,
          'content-type': 'text/csv',
          'if-match': String(campaign.version),
        },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      if (!response.ok) throw new Error(`import: ${response.status} ${await response.text()}`);
      return (await response.json()) as { imported: number; rejected: unknown[] };
    });
    clearInterval(sampler);
    const [{ n }] = await bench.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM access_review_item WHERE access_review_id = $1`,
      [campaign.id],
    );
    console.log(
      `${mode}: ${lines} lines (${(size / MiB).toFixed(1)} MiB), imported ${result.imported}, rejected ` +
        `${result.rejected.length}, rows ${n}, in ${(ms / 1000).toFixed(2)} s (${Math.round(lines / (ms / 1000))} lines/s)`,
    );
    console.log(
      `memory before: rss ${(base.rss / MiB).toFixed(0)} MiB, heap ${(base.heapUsed / MiB).toFixed(0)} MiB; ` +
        `peak during: rss ${(peakRss / MiB).toFixed(0)} MiB (+${((peakRss - base.rss) / MiB).toFixed(0)}), ` +
        `heap ${(peakHeap / MiB).toFixed(0)} MiB (+${((peakHeap - base.heapUsed) / MiB).toFixed(0)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
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
