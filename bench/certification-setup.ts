import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@vigie/core';
import { EmbeddedPostgres } from '@vigie/db';
import { Client } from 'pg';
import { RunningVigie, startVigie } from '../apps/api/src/runtime';

const ADMIN_EMAIL = 'admin@bench.test';
const ADMIN_PASSWORD = 'bench-admin-password';
const JWT_SECRET = 'bench-secret-that-is-long-enough-for-hs256-signing';
const PASSWORD = 'bench-user-password';

/** A running Vigie (in this process, listening on a free port) with a security officer signed in. */
export interface CertificationBench {
  url: string;
  token: string;
  /** The operator's administrator (who alone creates organisations). */
  adminToken: string;
  operatorId: string;
  vigie: RunningVigie;
  /** Runs SQL on the bench database (for bulk set-up). */
  sql<T = unknown>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * `embedded`: a fresh in-memory PGlite. `postgres`: a database created on BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards.
 */
export async function startBench(mode: 'embedded' | 'postgres'): Promise<CertificationBench> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  let drop = async () => undefined as void;
  if (mode === 'postgres') {
    const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `vigie_bench_cert_${randomBytes(4).toString('hex')}`;
    await adminQuery(admin, `CREATE DATABASE "${name}"`);
    const target = new URL(admin);
    target.pathname = `/${name}`;
    url = target.toString();
    drop = () => adminQuery(admin, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } else {
    embedded = await EmbeddedPostgres.open({});
    url = embedded.url;
  }
  const config = loadConfig({
    VIGIE_ADMIN_EMAIL: ADMIN_EMAIL,
    VIGIE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    VIGIE_JWT_SECRET: JWT_SECRET,
    VIGIE_AUDIT_KEY: 'bench-audit-key-bench-audit-key-bench-audit-key',
    VIGIE_DEMO: '0',
    LOG_LEVEL: 'silent',
    PORT: '0',
    ...(mode === 'postgres' ? { DATABASE_URL: url } : {}),
  });
  const vigie = await startVigie(
    config,
    { target: { url, poolSize: mode === 'postgres' ? 10 : 1 }, embedded },
    { jwtSecret: JWT_SECRET, listen: false, logger: false },
  );
  await vigie.app.listen(0, '127.0.0.1');
  const port = (vigie.app.getHttpServer().address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}/api/v1`;
  const adminToken = await login(base, ADMIN_EMAIL, ADMIN_PASSWORD);
  const operators = await call(base, adminToken, 'GET', '/organisations?kind=operator');
  const operatorId = operators.items[0].id as string;
  const user = await call(base, adminToken, 'POST', '/users', {
    email: 'rssi@bench.test',
    displayName: 'RSSI',
    password: PASSWORD,
  });
  await call(base, adminToken, 'POST', `/organisations/${operatorId}/memberships`, {
    userId: user.id,
    role: 'security-officer',
  });
  const dataSource = vigie.app.get((await import('typeorm')).DataSource);
  return {
    url: base,
    token: await login(base, 'rssi@bench.test', PASSWORD),
    adminToken,
    operatorId,
    vigie,
    sql: (text, params) => dataSource.query(text, params),
    close: async () => {
      await vigie.close();
      await drop();
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function login(base: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** One API call; the JSON answer (loosely typed: benches read a few fields) or the bytes. */
export async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: object,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<any> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.headers.get('content-type')?.includes('json')
    ? response.json()
    : Buffer.from(await response.arrayBuffer());
}

/**
 * An ISO 27001 assessment with realistic content: every Annex A control given a status, a few exclusions with
 * a justification, inclusion reasons, owners and due dates; then `evidenceCount` evidence files (`size` bytes
 * each, stored as uploads are) linked to the controls, a third with expiry dates around today.
 */
export async function seedIsoAssessment(
  bench: CertificationBench,
  evidenceCount: number,
  size = 16 * 1024,
): Promise<string> {
  const assessment = await call(bench.url, bench.token, 'POST', '/assessments', {
    frameworkCode: 'iso27001-2022',
    name: 'ISO 27001 — banc de mesure',
  });
  await bench.sql(
    `UPDATE requirement_assessment ra SET
       applicable = (fr.position % 17 <> 0),
       status = CASE WHEN fr.position % 17 = 0 THEN 'not-applicable'
                     WHEN fr.position % 3 = 0 THEN 'implemented'
                     WHEN fr.position % 3 = 1 THEN 'in-progress' ELSE 'not-started' END,
       justification = CASE WHEN fr.position % 17 = 0 THEN 'Mesure sans objet pour le périmètre hébergé : aucun développement interne ni site secondaire dans le périmètre.' ELSE 'Retenue à l''issue de l''appréciation des risques.' END,
       inclusion_reasons = CASE WHEN fr.position % 17 = 0 THEN '[]'::jsonb ELSE '["risk-treatment","contractual"]'::jsonb END,
       due_date = current_date + ((fr.position % 60) - 20),
       notes = 'Note de suivi'
     FROM framework_requirement fr WHERE fr.id = ra.requirement_id AND ra.assessment_id = $1`,
    [assessment.id],
  );
  const content = randomBytes(size);
  content.write('%PDF-1.7\n', 0);
  const sha256 = createHash('sha256').update(content).digest('hex');
  await bench.sql(
    `WITH ras AS (
       SELECT ra.id, row_number() OVER (ORDER BY fr.position) - 1 AS n, count(*) OVER () AS total
       FROM requirement_assessment ra JOIN framework_requirement fr ON fr.id = ra.requirement_id
       WHERE ra.assessment_id = $1 AND fr.kind = 'control'
     ), files AS (
       INSERT INTO evidence (organisation_id, file_name, content_type, size, sha256, content, effective_date, expires_at)
       SELECT $2, 'preuve-' || i || '.pdf', 'application/pdf', $4, $5, $3, current_date - 200,
              CASE WHEN i % 3 = 0 THEN current_date + (i % 90) - 30 END
       FROM generate_series(1, $6::int) AS i
       RETURNING id, (regexp_replace(file_name, '\\D', '', 'g'))::int AS i
     )
     INSERT INTO evidence_link (organisation_id, evidence_id, requirement_assessment_id)
     SELECT $2, files.id, ras.id FROM files JOIN ras ON ras.n = files.i % ras.total`,
    [assessment.id, bench.operatorId, content, size, sha256, evidenceCount],
  );
  return assessment.id as string;
}

/** min / median / p95 / max of durations in ms. */
export function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `min ${sorted[0].toFixed(1)} ms, median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (n=${sorted.length})`;
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = process.hrtime.bigint();
  const result = await work();
  return [result, Number(process.hrtime.bigint() - started) / 1e6];
}
