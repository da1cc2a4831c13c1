import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, resolveJwtSecret } from '@vigie/core';
import { EmbeddedPostgres } from '@vigie/db';
import { Client } from 'pg';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { applicationEntities } from '../apps/cli/src/database';
import { runCli } from '../apps/cli/src/main';
import { openDatabase, RunningVigie, startVigie } from '../apps/api/src/runtime';

/**
 * The embedded database as a newcomer runs it: a data folder on disk, kept across restarts, shared with the CLI.
 * Runs on PGlite whatever DATABASE_URL says.
 */
describe('Embedded database on disk (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-embedded-'));
  const env = {
    VIGIE_DATA_DIR: dataDir,
    VIGIE_ADMIN_PASSWORD: 'embedded-admin-password',
    LOG_LEVEL: 'silent',
  };
  const config = loadConfig(env);
  const previousEnv = { ...process.env };

  async function start(): Promise<RunningVigie> {
    return startVigie(config, await openDatabase(config), {
      jwtSecret: resolveJwtSecret(config),
      listen: false,
      logger: false,
    });
  }

  beforeAll(() => {
    delete process.env.DATABASE_URL;
    Object.assign(process.env, env);
  });
  afterAll(() => {
    process.env = previousEnv;
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two starts on disk with the demo data, and a CLI process: minutes on a loaded machine.
  it('keeps every committed row, the secret and the bootstrap across a restart, and lets the CLI verify the chain', async () => {
    const first = await start();
    expect(first.bootstrap).toMatchObject({ created: true, admin: { email: 'admin@vigie.local' } });
    expect(first.bootstrap.demoAccounts?.length).toBeGreaterThan(0);
    const http = supertest(first.app.getHttpServer());
    const login = await http
      .post('/api/v1/auth/login')
      .send({ email: 'admin@vigie.local', password: 'embedded-admin-password' });
    const token = login.body.accessToken as string;
    const created = await http
      .post('/api/v1/organisations')
      .set({ Authorization: `Bearer ${token}` })
      .send({ name: 'Syndicat mixte du bassin versant de la Bièvre', shortName: 'BIEVRE', kind: 'member' });
    expect(created.status).toBe(201);
    // The CLI opens the database with the API's entities, and only those.
    const apiEntities = first.app.get(DataSource).entityMetadatas.map((metadata) => metadata.target);
    expect(new Set(applicationEntities())).toEqual(new Set(apiEntities));
    await first.close();
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');

    // The CLI opens the same folder once the API has stopped.
    const out: string[] = [];
    expect(await runCli(['audit:verify'], (line) => out.push(line))).toBe(0);
    expect(out.join('\n')).toMatch(/Audit chain intact: \d+ events verified/);
    expect(await runCli(['migrate'], (line) => out.push(line))).toBe(0);
    expect(out.join('\n')).toContain('The schema is up to date');
    // The scans the hourly job runs, run by the CLI on its own data source (every capability's entities).
    expect(await runCli(['notifications:run'], (line) => out.push(line))).toBe(0);
    expect(out.join('\n')).toMatch(/questionnaires: \d+ notice\(s\) given/);
    expect(await runCli(['access-reviews:schedule'], (line) => out.push(line))).toBe(0);

    const second = await start();
    try {
      expect(second.bootstrap.created).toBe(false);
      expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
      const again = supertest(second.app.getHttpServer());
      // The token issued before the restart is still valid: same secret.
      const read = await again
        .get(`/api/v1/organisations/${created.body.id}`)
        .set({ Authorization: `Bearer ${token}` });
      expect(read.status).toBe(200);
      expect(read.body.name).toBe('Syndicat mixte du bassin versant de la Bièvre');
      const members = await again
        .get('/api/v1/organisations?kind=member&pageSize=200')
        .set({ Authorization: `Bearer ${token}` });
      expect(members.body.total).toBe(16);
    } finally {
      await second.close();
    }
  }, 300_000);

  it('refuses to open a data folder that another live process holds', async () => {
    const first = await EmbeddedPostgres.open({ dataDir: join(dataDir, 'pglite') });
    try {
      // Simulate another process: rewrite the lock with a live pid that is not ours (our parent).
      const lock = join(dataDir, 'pglite', 'vigie.lock');
      writeFileSync(lock, String(process.ppid));
      await expect(EmbeddedPostgres.open({ dataDir: join(dataDir, 'pglite') })).rejects.toThrow(
        /is open in process/,
      );
      writeFileSync(lock, String(process.pid));
    } finally {
      await first.close();
    }
  });

  it('reports the first altered event through the CLI (exit code 1)', async () => {
    const embedded = await EmbeddedPostgres.open({ dataDir: join(dataDir, 'pglite') });
    const client = new Client({ connectionString: embedded.url });
    await client.connect();
    const { rows } = await client.query('SELECT id, seq FROM audit_event ORDER BY seq LIMIT 1 OFFSET 5');
    await client.query(`UPDATE audit_event SET action = 'organisation.delete' WHERE id = $1`, [rows[0].id]);
    await client.end();
    await embedded.close();

    const out: string[] = [];
    expect(await runCli(['audit:verify'], (line) => out.push(line))).toBe(1);
    expect(out[0]).toBe(
      `Audit chain BROKEN at event #${rows[0].seq} (${rows[0].id}): its content does not match its hash (the event was altered)`,
    );
  });
});
