/**
 * Listing one member's 300 activities (two pages of 200 and 100, as its DPO) when the member is alone in the
 * table, then with 15 members × 300 activities plus 100,000 rows of 50 other organisations: the ratio of the
 * median latencies should stay under 1.3 (tenant and CASL filters in SQL, served by the
 * (organisation_id, name, id) index). PostgreSQL server only (the rows are inserted in SQL).
 * Run: npm run build && node -r ./scripts/ts-register.js bench/register-list.ts [requests]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { benchEntry, memberWithDpo } from './register-fixtures';
import { freshServerDatabase, loginAdmin, median, startServer } from './support';

const ENTRY = benchEntry(1, '00000000-0000-0000-0000-000000000000');

/** `count` activities of `organisationId` in one statement (same content as the API would store). */
async function insertActivities(
  db: Client,
  organisationId: string,
  count: number,
  prefix: string,
): Promise<void> {
  await db.query(
    `INSERT INTO processing_activity (organisation_id, name, description, status, purposes, data_subjects,
       data_categories, special_categories, recipients, transfers, security_measures, dpia_criteria,
       cnil_list_items, art35_cases)
     SELECT $1, $2 || lpad(g::text, 6, '0'), $3, CASE WHEN g % 2 = 0 THEN 'validated' ELSE 'draft' END,
       $4, $5, $6, $7, $8, '[]', $9, '[]', '["social-support"]', '[]'
     FROM generate_series(1, $10) AS g`,
    [
      organisationId,
      prefix,
      ENTRY.description,
      JSON.stringify(ENTRY.purposes),
      JSON.stringify(ENTRY.dataSubjects),
      JSON.stringify(ENTRY.dataCategories),
      JSON.stringify(ENTRY.specialCategories),
      JSON.stringify(ENTRY.recipients),
      JSON.stringify(ENTRY.securityMeasures),
      count,
    ],
  );
}

async function newMembers(db: Client, count: number, prefix: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO organisation (name, short_name, kind)
     SELECT 'Membre ' || $1 || g, $1 || g, 'member' FROM generate_series(1, $2) AS g RETURNING id`,
    [prefix, count],
  );
  return rows.rows.map((row) => row.id);
}

async function measure(url: string, token: string, organisationId: string, requests: number) {
  const path = `${url}/api/v1/organisations/${organisationId}/processing-activities`;
  const once = async () => {
    const started = process.hrtime.bigint();
    for (const page of [1, 2]) {
      const response = await fetch(`${path}?page=${page}&pageSize=200`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { total: number; items: unknown[] };
      if (!response.ok || body.total !== 300) throw new Error(`list: ${response.status} total ${body.total}`);
    }
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  for (let i = 0; i < 10; i += 1) await once(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < requests; i += 1) times.push(await once());
  const sorted = [...times].sort((a, b) => a - b);
  return { median: median(times), p90: sorted[Math.floor(sorted.length * 0.9)] };
}

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 50);
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-list-'));
  const database = await freshServerDatabase('vigie_bench_register_list');
  const { server } = await startServer(
    {
      DATABASE_URL: database.url,
      VIGIE_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-42',
      VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
      VIGIE_DEMO: '0',
      VIGIE_DATA_DIR: dataDir,
    },
    29220,
  );
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    const admin = await loginAdmin(server.url);
    const member = await memberWithDpo(server.url, admin, 'BENCHLIST');
    await insertActivities(db, member.organisationId, 300, 'Traitement ');
    await db.query('ANALYZE');
    const alone = await measure(server.url, member.dpoToken, member.organisationId, requests);
    const rowsAlone = (await db.query('SELECT count(*)::int AS n FROM processing_activity')).rows[0].n;
    console.log(
      `alone: ${rowsAlone} rows in the table; 300 activities in 2 pages: median ${alone.median.toFixed(1)} ms, p90 ${alone.p90.toFixed(1)} ms`,
    );

    for (const organisationId of await newMembers(db, 14, 'BM'))
      await insertActivities(db, organisationId, 300, 'Traitement ');
    const others = await newMembers(db, 50, 'AUTRE');
    for (const organisationId of others)
      await insertActivities(db, organisationId, 2000, 'Autre traitement ');
    await db.query('ANALYZE');
    const crowded = await measure(server.url, member.dpoToken, member.organisationId, requests);
    const rowsCrowded = (await db.query('SELECT count(*)::int AS n FROM processing_activity')).rows[0].n;
    console.log(
      `crowded: ${rowsCrowded} rows (15 members × 300 + 100,000 others); median ${crowded.median.toFixed(1)} ms, p90 ${crowded.p90.toFixed(1)} ms`,
    );
    console.log(
      `ratio crowded / alone (medians): ${(crowded.median / alone.median).toFixed(2)} (target < 1.3)`,
    );
  } finally {
    await db.end();
    await server.stop();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
