import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

interface Server {
  process: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  url: string;
}

/** Starts `apps/api/src/main.ts` as its own process, as `npm start` does, on an embedded data folder. */
async function startServer(dataDir: string, port: number): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VIGIE_DATA_DIR: dataDir,
    PORT: String(port),
    VIGIE_ADMIN_PASSWORD: 'process-admin-password',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['-r', './scripts/ts-register.js', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i += 1) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { process: child, output: () => output, exited, url };
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready:\n${output}`);
}

describe('The service as a process (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-process-'));
  const port = 10000 + Math.floor(Math.random() * 20000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'stops cleanly on %s and finds every committed row after a restart',
    async (signal) => {
      const server = await startServer(dataDir, port);
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@vigie.local', password: 'process-admin-password' }),
      }).then((r) => r.json());
      const auth = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };
      const shortName = `P${signal}`;
      const created = await fetch(`${server.url}/api/v1/organisations`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: `Créée avant ${signal}`, shortName, kind: 'member' }),
      });
      expect(created.status).toBe(201);
      const { id } = await created.json();
      // A failed sign-in and a request carrying personal data in its query string.
      await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'jeanne.dupont@ivry.fr', password: 'a-wrong-password-123' }),
      });
      await fetch(`${server.url}/api/v1/audit-events?entityId=${id}&email=jeanne.dupont@ivry.fr`, {
        headers: auth,
      });

      server.process.kill(signal);
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain(`${signal} received, shutting down`);
      // No credential reaches the JSON log lines.
      const jsonLines = server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      expect(jsonLines.join('\n')).not.toContain(login.accessToken);
      expect(jsonLines.join('\n')).not.toContain('process-admin-password');
      expect(jsonLines.join('\n')).not.toContain('a-wrong-password-123');
      expect(jsonLines.join('\n')).not.toContain('jeanne.dupont');
      // Structured lines with the request id and the outcome.
      const requestLines = jsonLines.map((line) => JSON.parse(line)).filter((line) => line.req);
      expect(requestLines.length).toBeGreaterThan(0);
      expect(requestLines[0]).toMatchObject({
        req: { id: expect.any(String), method: expect.any(String) },
        res: { statusCode: expect.any(Number) },
      });

      const restarted = await startServer(dataDir, port);
      try {
        const read = await fetch(`${restarted.url}/api/v1/organisations/${id}`, { headers: auth });
        expect(read.status).toBe(200);
        expect((await read.json()).shortName).toBe(shortName);
      } finally {
        restarted.process.kill('SIGTERM');
        expect(await restarted.exited).toBe(0);
      }
    },
  );
});
