/**
 * The web application in Chromium (the one of @sparticuz/chromium), against the built server on a fresh embedded
 * database: JavaScript of the first page (gzip), sign-in to an interactive dashboard, and navigation to an
 * interactive register list of a member with 300 entries (its first page shown with the total).
 * Run: npm run build && node bench/web.mjs [runs]
 */
import { gzipSync } from 'node:zlib';
import {
  DPO_EMAIL,
  launchBenchChromium,
  PASSWORD,
  seedRegisterOf300,
  startBenchServer,
} from './web-setup.mjs';

const runs = Number(process.argv[2] ?? 5);
const bench = startBenchServer();
const { url } = bench;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  await seedRegisterOf300(bench);

  const browser = await launchBenchChromium();
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
    await page.getByLabel('Adresse électronique').fill(DPO_EMAIL);
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
  await bench.stop();
}
