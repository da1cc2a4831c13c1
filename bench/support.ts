import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

export const ROOT = resolve(__dirname, '..');
export const SERVER_ENTRY = resolve(ROOT, 'dist/apps/api/apps/api/src/main.js');
export const ADMIN_PASSWORD = 'bench-admin-password';

export interface BenchServer {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
  /** Resident memory of the server process, in MiB (Linux). */
  rssMiB(): number;
}

/** The built server (`npm run build` first), or with BENCH_FROM_SOURCE=1 its sources through SWC (no build). */
function serverArguments(nodeArguments: string[]): string[] {
  return process.env.BENCH_FROM_SOURCE === '1'
    ? [...nodeArguments, '-r', resolve(ROOT, 'scripts/ts-register.js'), resolve(ROOT, 'apps/api/src/main.ts')]
    : [...nodeArguments, SERVER_ENTRY];
}

/**
 * Starts the server (see {@link serverArguments}) and resolves once /health/ready answers; `nodeArguments` go
 * to node itself (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). `port` is below 32768: a readiness
 * poll of a port inside Linux's ephemeral range (32768–60999) can be given that very port as its own and connect
 * to itself, which then holds the port (seen: « EADDRINUSE » with nothing listening).
 */
export async function startServer(
  env: NodeJS.ProcessEnv,
  port: number,
  nodeArguments: string[] = [],
): Promise<{ server: BenchServer; readyMs: number }> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, serverArguments(nodeArguments), {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      VIGIE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  for (;;) {
    if (child.exitCode !== null) throw new Error('the server exited before it was ready');
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    readyMs,
    server: {
      child,
      url,
      stop: async () => {
        child.kill('SIGTERM');
        await exited;
      },
      rssMiB: () => {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      },
    },
  };
}

/** A fresh database on the server of BENCH_DATABASE_URL (default: the local one), dropped by `drop()`. */
export async function freshServerDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const run = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await run(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

export async function loginAdmin(url: string, email = 'admin@vigie.local'): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: ADMIN_PASSWORD }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
