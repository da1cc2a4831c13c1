import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type FileChooser, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Vigie-demo-2026!';
export const SHARED_DPO = 'dpo@mutualise.demo';
export const REFERENT = 'referent@ivry.demo';
export const READER = 'lecteur@ivry.demo';

/** No serious or critical accessibility violation on the page as it is now (axe-core, WCAG 2.1 A and AA). */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** The shared page contract: French, one h1, a title, the skip link and the accessibility statement's link. */
export async function expectPageBasics(page: Page, title: RegExp | string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page).toHaveTitle(title);
  await expect(page.locator('h1')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toHaveCount(1);
  await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité' })).toBeVisible();
  await expectAccessible(page);
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'À faire' })).toBeVisible();
}

/** A bearer token for API calls a test makes to set the scene. */
export async function tokenOf(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post('/api/v1/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  return (await response.json()).accessToken as string;
}

export interface Membership {
  organisationId: string;
  organisationName: string;
  role: string;
}

export async function membershipsOf(request: APIRequestContext, token: string): Promise<Membership[]> {
  const me = await request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${token}` } });
  return (await me.json()).memberships as Membership[];
}

/** Presses Tab until `target` has the focus (at most `limit` times). */
async function tabUntilFocused(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/**
 * Opens the file chooser of `control` from the keyboard alone: Tab to it, then Space. A press was once lost in
 * CI (no chooser in 60 s, the control focused in the page's snapshot): the focus is checked again and the key
 * pressed again, three times at most, so that a lost press fails only when it keeps being lost.
 */
export async function chooseFileByKeyboard(page: Page, control: Locator): Promise<FileChooser> {
  for (let attempt = 1; ; attempt++) {
    await tabUntilFocused(page, control);
    const chooser = page.waitForEvent('filechooser', { timeout: 10_000 });
    await page.keyboard.press('Space');
    try {
      return await chooser;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
