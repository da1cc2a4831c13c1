/**
 * The 49-question built-in questionnaire as a vendor contact answers it: the built server on a fresh embedded
 * database with the demo data; the RSSI sends « Questionnaire sécurité éditeur » to Berger-Levrault, then
 * (1) N saves of one answer through the API, each with the version last read (what the page's autosave sends),
 * p50 / p95 / p99 (target p95 ≤ 300 ms); (2) in Chromium, the questionnaire page loaded until its 49 questions
 * and « Soumettre » are shown, and answers given by clicking, each save timed from the request to its answer.
 * Run: npm run build && node bench/questionnaire.mjs [saves] [page runs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import sparticuz from '@sparticuz/chromium';

const saves = Number(process.argv[2] ?? 200);
const pageRuns = Number(process.argv[3] ?? 3);
const port = 21000 + (process.pid % 2000);
const url = `http://127.0.0.1:${port}`;
const DEMO_PASSWORD = 'Vigie-demo-2026!';
const dataDir = mkdtempSync(join(tmpdir(), 'vigie-bench-questionnaire-'));

const server = spawn(process.execPath, ['dist/apps/api/apps/api/src/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    VIGIE_DATA_DIR: dataDir,
    VIGIE_DEMO: '1',
    VIGIE_JOBS: '0',
    LOG_LEVEL: 'warn',
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
  return response.json();
}

const login = async (email) =>
  (await call(null, 'POST', '/auth/login', { email, password: DEMO_PASSWORD })).accessToken;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]);
};
const summary = (values) => ({
  n: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
});

try {
  for (let i = 0; ; i += 1) {
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (i > 1800) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const rssi = await login('rssi@siim94.demo');
  const vendor = await login('contact@berger-levrault.demo');
  const vendors = await call(rssi, 'GET', '/organisations?kind=vendor&pageSize=200');
  const vendorId = vendors.items.find((o) => o.name === 'Berger-Levrault').id;
  const templates = await call(rssi, 'GET', '/questionnaire-templates');
  const template = templates.items.find((t) => t.builtin) ?? templates.items[0];
  const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const questionnaires = [];
  for (let run = 0; run <= pageRuns; run += 1)
    questionnaires.push(
      await call(rssi, 'POST', '/questionnaires', { templateId: template.id, vendorId, dueDate }),
    );

  // (1) The API: one answer saved at a time, alternating between the two choices of a yes-no question.
  const first = questionnaires[0];
  const questions = first.sections.flatMap((s) => s.questions);
  const yesNo = questions.find((q) => q.type === 'yes-no');
  let version = first.version;
  const api = [];
  for (let n = 0; n < saves; n += 1) {
    const started = performance.now();
    const saved = await call(vendor, 'PUT', `/questionnaires/${first.id}/answers`, {
      answers: [{ questionKey: yesNo.key, value: n % 2 ? 'no' : 'yes' }],
      version,
    });
    api.push(performance.now() - started);
    version = saved.version;
  }

  // (2) The page, in Chromium.
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
  const load = [];
  const pageSaves = [];
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.goto(`${url}/connexion`);
  await page.getByLabel('Adresse électronique').fill('contact@berger-levrault.demo');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
  const started = new Map();
  page.on('request', (r) => r.method() === 'PUT' && started.set(r, performance.now()));
  page.on('requestfinished', (r) => {
    if (started.has(r)) pageSaves.push(performance.now() - started.get(r));
  });
  for (const q of questionnaires.slice(1)) {
    const begin = performance.now();
    await page.goto(`${url}/questionnaires/${q.id}`);
    await page.getByRole('button', { name: 'Soumettre' }).waitFor();
    await page.getByRole('heading', { level: 1, name: template.name }).waitFor();
    load.push(performance.now() - begin);
    const radios = page.getByRole('radio', { name: 'Oui', exact: true });
    const count = Math.min(10, await radios.count());
    for (let i = 0; i < count; i += 1) {
      const before = pageSaves.length;
      await radios.nth(i).check();
      while (pageSaves.length === before) await new Promise((r) => setTimeout(r, 20));
    }
  }
  await browser.close();
  console.log(
    JSON.stringify(
      {
        questions: questions.length,
        apiSaveOneAnswerMs: summary(api),
        pageLoadUntilInteractiveMs: load.map(Math.round),
        pageAutosaveRequestMs: summary(pageSaves),
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
