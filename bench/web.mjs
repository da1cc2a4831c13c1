/**
 * The web application in Chromium (the one of @sparticuz/chromium), against the built server on a fresh embedded
 * database: JavaScript of the first page (gzip), sign-in to an interactive dashboard, and navigation to an
 * interactive register list of a member with 300 entries (its first page shown with the total).
 * Run: npm run build && node bench/web.mjs [runs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import sparticuz from '@sparticuz/chromium';

const runs = Number(process.argv[2] ?? 5);
const port = 42000 + (process.pid % 5000);
const url = `http://127.0.0.1:${port}`;
const ADMIN_PASSWORD = 'bench-admin-password';
const PASSWORD = 'bench-dpo-password-2026';
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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
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
    email: 'dpo@bench.test',
    displayName: 'DPO Bench',
    password: PASSWORD,
  });
  await call(admin, 'POST', `/organisations/${member.id}/memberships`, { userId: user.id, role: 'dpo' });
  const dpo = (await call(null, 'POST', '/auth/login', { email: 'dpo@bench.test', password: PASSWORD }))
    .accessToken;
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

  const drop = [
    '--single-process',
    '--no-zygote',
    '--disable-web-security',
    '--allow-running-insecure-content',
    '--disable-site-isolation-trials',
  ];
  const browser = await chromium.launch({
    executablePath: await sparticuz.executablePath(),
    args: sparticuz.args.filter((a) => !drop.includes(a) && !a.startsWith('--headless')),
  });
  const signIn = [];
  const register = [];
  let firstPageJs = 0;
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    const scripts = [];
    page.on('response', (r) => r.request().resourceType() === 'script' && scripts.push(r.url()));
    await page.goto(`${url}/connexion`);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    if (run === 0) {
      for (const script of scripts)
        firstPageJs += gzipSync(await (await page.request.get(script)).body()).length;
    }
    await page.getByLabel('Adresse électronique').fill('dpo@bench.test');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    let started = performance.now();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText(/brouillons? à terminer/).waitFor();
    signIn.push(performance.now() - started);

    // A new page load (cold in-memory caches of the application, assets from the browser cache as in real use).
    started = performance.now();
    await page.goto(`${url}/registre`);
    await page.getByRole('status').filter({ hasText: '300 traitements' }).waitFor();
    await page.getByRole('link', { name: 'Traitement 001' }).waitFor();
    register.push(performance.now() - started);
    await context.close();
  }
  await browser.close();
  console.log(
    JSON.stringify(
      {
        firstPageJavaScriptGzipKB: Math.round(firstPageJs / 102.4) / 10,
        signInToDashboardMs: { median: Math.round(median(signIn)), runs: signIn.map(Math.round) },
        registerListOf300Ms: { median: Math.round(median(register)), runs: register.map(Math.round) },
      },
      null,
      2,
    ),
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
