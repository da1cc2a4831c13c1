/**
 * The set-up shared by the browser benches (bench/web.mjs, bench/web-profile.mjs): the built server on a fresh
 * embedded database, a member with 300 register entries and its DPO, and the Chromium of @sparticuz/chromium.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sparticuz from '@sparticuz/chromium';

const ADMIN_PASSWORD = 'bench-admin-password';
export const DPO_EMAIL = 'dpo@bench.test';
export const PASSWORD = 'bench-dpo-password-2026';

/** Starts the built server; `call(token, method, path, body)` calls its API; `stop()` ends it and its data. */
export function startBenchServer() {
  const port = 19000 + (process.pid % 2000);
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-web-'));
  const server = spawn(process.execPath, ['dist/apps/api/apps/api/src/main.js'], {
    env: {
      ...process.env,
      PORT: String(port),
      VIGIE_DATA_DIR: dataDir,
      VIGIE_DEMO: '0',
      VIGIE_JOBS: '0',
      LOG_LEVEL: 'warn',
      VIGIE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      VIGIE_LOGIN_ATTEMPTS: '1000',
    },
    stdio: 'ignore',
  });
  async function call(token, method, path, body) {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? undefined : response.json();
  }
  async function stop() {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { url, call, stop };
}

/** Waits for the server to be ready, then creates a member, its DPO and 300 entries; answers the member. */
export async function seedRegisterOf300({ url, call }) {
  for (let i = 0; ; i += 1) {
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 600) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const admin = (
    await call(null, 'POST', '/auth/login', { email: 'admin@vigie.local', password: ADMIN_PASSWORD })
  ).accessToken;
  const member = await call(admin, 'POST', '/organisations', {
    name: 'Mairie de Bench',
    shortName: 'BENCH',
    kind: 'member',
  });
  const user = await call(admin, 'POST', '/users', {
    email: DPO_EMAIL,
    displayName: 'DPO Bench',
    password: PASSWORD,
  });
  await call(admin, 'POST', `/organisations/${member.id}/memberships`, { userId: user.id, role: 'dpo' });
  const dpo = (await call(null, 'POST', '/auth/login', { email: DPO_EMAIL, password: PASSWORD })).accessToken;
  for (let n = 1; n <= 300; n += 1) {
    await call(dpo, 'POST', `/organisations/${member.id}/processing-activities`, {
      name: `Traitement ${String(n).padStart(3, '0')}`,
      purposes: [
        {
          description: 'Gestion du service',
          legalBasis: 'public-task',
          legalBasisDetail: 'Code général des collectivités territoriales, art. L. 2121-29',
        },
      ],
      dataSubjects: ['residents'],
      dataCategories: [{ category: 'identity', retention: '5 ans', finalFate: 'destruction' }],
    });
  }
  return member;
}

/** The Chromium of @sparticuz/chromium, without the flags meant for one-shot serverless processes. */
export async function launchBenchChromium() {
  const drop = [
    '--single-process',
    '--no-zygote',
    '--disable-web-security',
    '--allow-running-insecure-content',
    '--disable-site-isolation-trials',
  ];
  return chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: sparticuz.args.filter((a) => !drop.includes(a) && !a.startsWith('--headless')),
  });
}
