/**
 * The assessment page in Chromium (the one of @sparticuz/chromium): an ISO/IEC 27001 assessment with its 93
 * controls and 1,000 evidence files, from a new page load until it is interactive (every requirement row shown,
 * the progress chart drawn, a status control enabled). Target ≤ 1 s. Needs the built web application
 * (`npm run build:web`); the server runs in this process. Usage:
 *   node -r ./scripts/ts-register.js bench/web-certification.ts [embedded|postgres] [runs] [evidence]
 */
import { chromium } from '@playwright/test';
import { call, seedIsoAssessment, startBench, stats, timed } from './certification-setup';

const PASSWORD = 'bench-user-password';

async function main(): Promise<void> {
  const mode = (process.argv[2] ?? 'embedded') as 'embedded' | 'postgres';
  const runs = Number(process.argv[3] ?? 5);
  const evidence = Number(process.argv[4] ?? 1000);
  const bench = await startBench(mode);
  const origin = bench.url.replace(/\/api\/v1$/, '');
  try {
    const [assessmentId, seedMs] = await timed(() => seedIsoAssessment(bench, evidence));
    const requirements = await call(
      bench.url,
      bench.token,
      'GET',
      `/assessments/${assessmentId}/requirements?pageSize=200`,
    );
    const controls = requirements.items.filter((r: { kind: string }) => r.kind === 'control').length;
    const last = requirements.items[requirements.items.length - 1].ref as string;
    console.log(
      `${mode}: assessment of ${requirements.total} requirements (${controls} controls), ${evidence} evidence files, seeded in ${seedMs.toFixed(0)} ms`,
    );
    const drop = [
      '--single-process',
      '--no-zygote',
      '--disable-web-security',
      '--allow-running-insecure-content',
      '--disable-site-isolation-trials',
    ];
    // ESM only: loaded dynamically from this CommonJS module.
    const { default: sparticuz } = await import('@sparticuz/chromium');
    const browser = await chromium.launch({
      executablePath: await sparticuz.executablePath(),
      args: sparticuz.args.filter((a) => !drop.includes(a) && !a.startsWith('--headless')),
    });
    const samples: number[] = [];
    try {
      for (let run = 0; run <= runs; run += 1) {
        const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
        const page = await context.newPage();
        await page.goto(`${origin}/connexion`);
        await page.getByLabel('Adresse électronique').fill('rssi@bench.test');
        await page.getByLabel('Mot de passe').fill(PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByRole('heading', { level: 1, name: 'À faire' }).waitFor();
        const started = performance.now();
        await page.goto(`${origin}/certification/${assessmentId}`);
        await page.getByRole('link', { name: last, exact: true }).waitFor();
        await page.getByRole('img', { name: 'Exigences par thème et par statut' }).waitFor();
        await page.locator('select[aria-label^="Statut de "]:enabled').first().waitFor();
        const elapsed = performance.now() - started;
        // The first run warms the server's and the browser's caches (as a person's second visit would).
        if (run > 0) samples.push(elapsed);
        else console.log(`first load (cold): ${elapsed.toFixed(0)} ms`);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    console.log(`assessment page interactive: ${stats(samples)} (target ≤ 1000 ms)`);
  } finally {
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
