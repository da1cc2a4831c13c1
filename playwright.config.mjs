// Browser tests: the real server (built by `npm run build`) on a fresh embedded database with the demo data,
// driven in the Chromium shipped inside the @sparticuz/chromium package (no download, no apt).
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import chromium from '@sparticuz/chromium';

// Workers load this file again: they inherit the main process's run id, hence the same data folder and port.
process.env.VIGIE_PW_RUN ??= String(process.pid);
// Below Linux's ephemeral ports (32768–60999), which a readiness poll could take as its own (bench/support.ts).
process.env.VIGIE_PW_PORT ??= String(10000 + (process.pid % 9000));
const port = Number(process.env.VIGIE_PW_PORT);
export const dataDir = join(tmpdir(), `vigie-web-tests-${process.env.VIGIE_PW_RUN}`);

// Its defaults are for one-shot serverless processes: these would kill the browser when a context closes.
const DROPPED = [
  '--single-process',
  '--no-zygote',
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
];
const args = chromium.args.filter((arg) => !DROPPED.includes(arg) && !arg.startsWith('--headless'));
const executablePath = await chromium.executablePath();

export default defineConfig({
  testDir: 'test/web',
  testMatch: '**/*.pw.ts',
  outputDir: join(tmpdir(), `vigie-web-results-${process.env.VIGIE_PW_RUN}`),
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './test/web/support/teardown.mjs',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    headless: true,
    launchOptions: { executablePath, args },
    trace: 'off',
    screenshot: 'off',
  },
  webServer: {
    command: `rm -rf "${dataDir}" && node dist/apps/api/apps/api/src/main.js`,
    url: `http://127.0.0.1:${port}/health/ready`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      VIGIE_DATA_DIR: dataDir,
      VIGIE_DEMO: '1',
      VIGIE_JOBS: '0',
      LOG_LEVEL: 'warn',
      // The journeys sign in many times from one address.
      VIGIE_LOGIN_ATTEMPTS: '50',
      // The administrator of the administration journeys (otherwise its password is random, printed once).
      VIGIE_ADMIN_EMAIL: 'admin@vigie.local',
      VIGIE_ADMIN_PASSWORD: 'Vigie-admin-2026!',
    },
  },
});
