import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const BUILT_MAIN = join(ROOT, 'dist/apps/api/apps/api/src/main.js');

interface Started {
  npm: ChildProcess;
  /** The pid of the server process started under npm. */
  serverPid: number;
  readyMs: number;
  exited: Promise<number | null>;
  output: () => string;
}

/** `npm start` as an operator types it, timed from spawn to a ready answer. */
async function npmStart(dataDir: string, port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    VIGIE_DATA_DIR: dataDir,
    PORT: String(port),
    VIGIE_DEMO: '0',
    VIGIE_ADMIN_PASSWORD: 'npm-start-admin-password',
  };
  delete env.DATABASE_URL;
  delete env.VIGIE_WEB_DIR;
  const startedAt = Date.now();
  const npm = spawn('npm', ['start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  npm.stdout!.on('data', (chunk) => (output += chunk));
  npm.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((done) => npm.on('exit', (code) => done(code)));
  for (let i = 0; i < 1200; i += 1) {
    if (npm.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      const readyMs = Date.now() - startedAt;
      const serverPid = Number(
        execFileSync('ps', ['-o', 'pid=', '--ppid', String(npm.pid)], { encoding: 'utf8' }).trim() || npm.pid,
      );
      return { npm, serverPid, readyMs, exited, output: () => output };
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  npm.kill('SIGKILL');
  throw new Error(`npm start did not become ready:\n${output}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A port the system has just handed out as free (a fixed random one may be an ephemeral port in use). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, () => probe.close(() => done(true)));
  });
}

/** Stops `npm start` by signalling npm only (a service manager's SIGTERM, or Ctrl-C's SIGINT) and checks all stopped. */
async function stopThroughNpm(started: Started, signal: NodeJS.Signals, port: number): Promise<void> {
  started.npm.kill(signal);
  await started.exited;
  for (let i = 0; i < 200 && alive(started.serverPid); i += 1) await new Promise((r) => setTimeout(r, 25));
  expect(alive(started.serverPid)).toBe(false);
  expect(await portIsFree(port)).toBe(true);
  expect(started.output()).toContain(`${signal} received, shutting down`);
}

describe('npm start (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-npm-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('only starts the built server (no build) on an existing data folder, stopped by a signal to npm', async () => {
    // npm ci builds through the `prepare` script; npm start must not build again.
    expect(existsSync(BUILT_MAIN)).toBe(true);
    const port = await freePort();
    const first = await npmStart(dataDir, port);
    expect(first.output()).not.toMatch(/nest build|vite build/);
    await stopThroughNpm(first, 'SIGTERM', port);

    // Restarts on the existing data folder, each stopped by a different signal sent to npm alone. The start
    // time is reported, not asserted (timings belong to bench/: a loaded machine must not fail the suite).
    const times: number[] = [];
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const againPort = await freePort();
      const again = await npmStart(dataDir, againPort);
      try {
        times.push(again.readyMs);
        const home = await fetch(`http://127.0.0.1:${againPort}/`);
        expect(home.status).toBe(200);
        expect(await home.text()).toContain('<html lang="fr">');
      } finally {
        await stopThroughNpm(again, signal, againPort);
      }
    }
    console.log(`npm start on an existing data folder: ready in ${times.map((t) => `${t} ms`).join(', ')}`);
  }, 120_000);
});
