import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  startTestProvider,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TestProvider,
} from '../support/oidc-provider';
import { expectAccessible, REFERENT } from './support/helpers';

/**
 * Single sign-on in Chromium: a real OpenID Provider (oidc-provider 9, configured like ProConnect) and a Vigie
 * server of its own, started with the single sign-on settings (the shared server of the other browser tests
 * runs without them). The whole way: the button, the provider, back in Vigie signed in, the logout at the
 * provider, and a refusal's page.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, server: ChildProcess): Promise<void> {
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the Vigie server stopped (${server.exitCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

test.describe('Single sign-on', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let provider: TestProvider;
  let server: ChildProcess;
  let base: string;
  const dataDir = join(tmpdir(), `vigie-web-sso-${process.pid}`);

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({
      redirectUri: `${base}/api/v1/auth/oidc/callback`,
      postLogoutRedirectUri: `${base}/connexion`,
    });
    rmSync(dataDir, { recursive: true, force: true });
    server = spawn(process.execPath, ['dist/apps/api/apps/api/src/main.js'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        VIGIE_DATA_DIR: dataDir,
        VIGIE_DEMO: '1',
        VIGIE_JOBS: '0',
        LOG_LEVEL: 'error',
        VIGIE_PUBLIC_URL: base,
        VIGIE_OIDC_ISSUER: provider.issuer,
        VIGIE_OIDC_CLIENT_ID: TEST_CLIENT_ID,
        VIGIE_OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
        VIGIE_OIDC_LABEL: 'ProConnect',
      },
    });
    await waitReady(`${base}/health/ready`, server);
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const stopped = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await stopped;
    }
    await provider?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('signs in with the provider, then out of Vigie and of the provider', async ({ page }) => {
    provider.accounts.set('referent-ivry', {
      sub: 'referent-ivry',
      email: REFERENT.toUpperCase(),
      email_verified: true,
      given_name: 'Claude',
      usual_name: 'Référent',
    });
    provider.nextLogin = 'referent-ivry';
    await page.goto(`${base}/connexion`);
    const button = page.getByRole('button', { name: 'Se connecter avec ProConnect' });
    await expect(button).toBeVisible();
    await expect(page.getByRole('button', { name: 'Se connecter', exact: true })).toBeVisible();
    await expectAccessible(page);
    await button.click();
    await expect(page.getByRole('heading', { level: 1, name: 'À faire' })).toBeVisible();
    expect(new URL(page.url()).origin).toBe(base);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Registre' })).toBeVisible();

    const atProvider = page.waitForRequest(
      (request) =>
        request.url().startsWith(`${provider.issuer}/session/end`) &&
        new URL(request.url()).searchParams.has('id_token_hint'),
    );
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await atProvider;
    // The provider's end-session endpoint, then back to Vigie's sign-in page.
    await page.waitForURL(`${base}/connexion**`);
    await expect(page.getByRole('button', { name: 'Se connecter avec ProConnect' })).toBeVisible();
    const me = await page.request.get(`${base}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
  });

  test('shows why an unknown person is refused, in French, accessibly', async ({ page }) => {
    provider.accounts.set('stranger', {
      sub: 'stranger',
      email: 'inconnu@exemple.gouv.fr',
      email_verified: true,
      siret: '21940041300015',
    });
    provider.nextLogin = 'stranger';
    await page.goto(`${base}/connexion`);
    await page.getByRole('button', { name: 'Se connecter avec ProConnect' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Connexion refusée' })).toBeVisible();
    await expect(page.getByRole('alert')).toContainText('Aucun compte Vigie ne correspond');
    await expect(page).toHaveTitle(/Connexion refusée/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Retour à la page de connexion' }).click();
    await expect(page.getByRole('button', { name: 'Se connecter avec ProConnect' })).toBeVisible();
    expect((await page.request.get(`${base}/api/v1/auth/me`)).status()).toBe(401);
  });
});
