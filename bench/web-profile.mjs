/**
 * Where the register list's page load spends its time: the same set-up as bench/web.mjs (built server, fresh
 * embedded database, a member with 300 entries, its DPO signed in), then for each run a new page load of
 * `/registre` with a CPU profile of the page (CDP `Profiler`) and the timeline of its requests (start → end, ms
 * after the navigation began), until the first entry's link is shown.
 * Run: npm run build && node bench/web-profile.mjs [runs]
 *   PROFILE_TOP=1   also print the 30 functions with the most self time (the profiles go to /tmp/web-register-N.cpuprofile)
 *   PROFILE_IDLE=1  wait until the dashboard's requests are answered before each load
 *   PROFILE_API=1   first time the dashboard's and the register's API requests alone, three times each
 */
import { writeFileSync } from 'node:fs';
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

try {
  const member = await seedRegisterOf300(bench);

  const browser = await launchBenchChromium();
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(`${url}/connexion`);
  await page.getByLabel('Adresse électronique').fill(DPO_EMAIL);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByText(/brouillons? à terminer/).waitFor();
  if (process.env.PROFILE_API) {
    // The dashboard's and the register's requests, one at a time (server time under the current load).
    const orgId = member.id;
    const paths = [
      `/organisations/${orgId}/processing-activities?pageSize=100`,
      `/organisations/${orgId}/processing-activities?pageSize=100&status=draft`,
      `/organisations/${orgId}/processing-activities?pageSize=5&status=draft`,
      `/organisations/${orgId}/processing-activities?pageSize=100&dpia=required`,
      `/organisations/${orgId}/processing-activities?pageSize=25&sort=name`,
      '/auth/me',
      '/access-reviews?pageSize=200',
      '/notifications/unread-count',
    ];
    for (const path of paths) {
      const times = [];
      for (let i = 0; i < 3; i += 1) {
        const t = performance.now();
        await page.request.get(`${url}/api/v1${path}`);
        times.push(Math.round(performance.now() - t));
      }
      console.log(`  ${times.join(' / ')} ms  ${path.replace(orgId, ':orgId')}`);
    }
  }
  for (let run = 0; run < runs; run += 1) {
    // PROFILE_IDLE=1: wait until the dashboard's own requests are answered before leaving it.
    if (process.env.PROFILE_IDLE) await page.waitForLoadState('networkidle');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const timeline = [];
    const t0 = performance.now();
    const at = () => Math.round(performance.now() - t0);
    const onRequest = (r) => timeline.push({ start: at(), url: r.url().replace(url, ''), r });
    const onDone = (r) => {
      const e = timeline.find((x) => x.r === r);
      if (e) e.end = at();
    };
    page.on('request', onRequest);
    page.on('requestfinished', onDone);
    await page.goto(`${url}/registre`);
    await page.getByRole('link', { name: 'Traitement 001' }).waitFor();
    const shown = at();
    const { profile } = await cdp.send('Profiler.stop');
    page.off('request', onRequest);
    page.off('requestfinished', onDone);
    const marks = await page.evaluate(() =>
      performance
        .getEntriesByType('navigation')
        .map((n) => ({ dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) })),
    );
    console.log(`run ${run}: link shown at ${shown} ms`, JSON.stringify(marks));
    for (const e of timeline)
      console.log(`  ${String(e.start).padStart(5)} → ${String(e.end ?? '?').padStart(5)}  ${e.url}`);
    writeFileSync(`/tmp/web-register-${run}.cpuprofile`, JSON.stringify(profile));
    // Self time by function (top 25) and by script.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const dt = profile.timeDeltas;
    profile.samples.forEach((id, i) => {
      const n = byId.get(id);
      const f = n.callFrame;
      const key = `${f.functionName || '(anon)'} ${f.url.replace(url, '')}:${f.lineNumber}:${f.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0) / 1000);
    });
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30);
    if (process.env.PROFILE_TOP)
      for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(7)} ms  ${k}`);
    await page.goto(`${url}/`);
    await page.getByText(/brouillons? à terminer/).waitFor();
  }
  await context.close();
  await browser.close();
} finally {
  await bench.stop();
}
