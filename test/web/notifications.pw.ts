import { expect, test, type Page } from '@playwright/test';
import {
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  REFERENT,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

/** The bell's accessible name: « Notifications (3 non lues) ». */
async function unreadOfBell(page: Page): Promise<number> {
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications \(/ });
  await expect(bell).toBeVisible();
  const name = (await bell.textContent()) ?? '';
  const match = /\((\d+) non lues?\)/.exec(name);
  return match ? Number(match[1]) : 0;
}

test('the bell counts a breach recorded by the référent; the DPO reads it, marks it read, the count goes down', async ({
  page,
  request,
}) => {
  await signIn(page, SHARED_DPO);
  const before = await unreadOfBell(page);

  // The référent of Ivry records a breach: the DPO of Ivry is notified.
  const token = await tokenOf(request, REFERENT);
  const ivry = (await membershipsOf(request, token)).find((m) => m.organisationName.includes('Ivry'))!;
  const title = `Clé USB perdue ${Date.now()}`;
  const created = await request.post(`/api/v1/organisations/${ivry.organisationId}/breaches`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      title,
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
      description: 'Une clé USB contenant un tableau des inscriptions a été perdue.',
      natures: ['confidentiality'],
      dataCategories: ['identity'],
      approxSubjects: 40,
    },
  });
  expect(created.status()).toBe(201);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'À faire' })).toBeVisible();
  await expect.poll(() => unreadOfBell(page)).toBe(before + 1);
  await expect(
    page
      .getByRole('banner')
      .getByRole('link', { name: `Notifications (${before + 1} non lue${before + 1 > 1 ? 's' : ''})` }),
  ).toBeVisible();
  // The dashboard shows the unread notices too.
  const section = page.getByRole('region', { name: 'Notifications non lues' });
  await expect(section.getByRole('link', { name: new RegExp(title) })).toBeVisible();
  await expectAccessible(page);

  await page
    .getByRole('banner')
    .getByRole('link', { name: /^Notifications/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await expectPageBasics(page, /Notifications/);
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: new RegExp(title) }) });
  await expect(item).toContainText('Non lue');
  await expect(item.getByRole('link', { name: new RegExp(title) })).toHaveAttribute(
    'href',
    /^\/violations\//,
  );
  // Newest first: the new notice heads the list.
  await expect(page.locator('.notification').first()).toContainText(title);

  await item.getByRole('button', { name: 'Marquer comme lue' }).click();
  await expect(item.getByRole('button', { name: 'Marquer comme lue' })).toHaveCount(0);
  await expect(item).not.toContainText('Non lue');
  await expect.poll(() => unreadOfBell(page)).toBe(before);
  await expectAccessible(page);

  // « Non lues seulement »: the notice read is no longer listed.
  await page.getByLabel('Non lues seulement').check();
  await expect(page).toHaveURL(/non-lues=1/);
  await expect(page.getByRole('link', { name: new RegExp(title) })).toHaveCount(0);
  await expectAccessible(page);
});

test('« Mon compte »: e-mail preferences per kind, a legal deadline cannot be switched off', async ({
  page,
}) => {
  await signIn(page, SHARED_DPO);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Mon compte' })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Courriels de notification' })).toBeVisible();
  const legal = page.getByRole('group', { name: 'Violation de données enregistrée' });
  await expect(legal.getByLabel('Aucun courriel')).toBeDisabled();
  await expect(legal).toHaveAccessibleDescription(/ne peut pas être désactivé/);
  const other = page.getByRole('group', { name: 'Preuve expirant dans 30 jours' });
  await other.getByLabel('Aucun courriel').check();
  await legal.getByLabel('Résumé quotidien (8 h)').check();
  await page.getByRole('button', { name: 'Enregistrer les préférences' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Vos préférences ont été enregistrées' }),
  ).toBeVisible();
  await expectPageBasics(page, /Mon compte/);
  await page.reload();
  await expect(
    page.getByRole('group', { name: 'Preuve expirant dans 30 jours' }).getByLabel('Aucun courriel'),
  ).toBeChecked();
  await expect(
    page
      .getByRole('group', { name: 'Violation de données enregistrée' })
      .getByLabel('Résumé quotidien (8 h)'),
  ).toBeChecked();
});

test('« Mot de passe oublié ? »: the same answer for a known and an unknown address', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await expectPageBasics(page, /Mot de passe oublié/);
  // Empty: the error linked to its field.
  await page.getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(page.getByLabel('Adresse électronique')).toHaveAccessibleDescription(/Indiquez votre adresse/);
  const answer = 'Si un compte existe pour cette adresse, un courriel vous a été envoyé.';
  for (const email of [SHARED_DPO, 'personne-inconnue@exemple.fr']) {
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien' }).click();
    await expect(page.getByRole('status').filter({ hasText: answer })).toBeVisible();
    await expectAccessible(page);
  }
});

// The full link flows (a real token from the e-mail) are in test/notifications.e2e-spec.ts: the browser tests have
// no way to read a token, so these check each page with an invalid or missing token.
test('invitation and new password pages: the rules written out, an invalid link told in French at once', async ({
  page,
}) => {
  for (const [path, title] of [
    ['/invitation', 'Choisir votre mot de passe'],
    ['/mot-de-passe/nouveau', 'Nouveau mot de passe'],
  ] as const) {
    await page.goto(`${path}#jeton=${'x'.repeat(43)}`);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expectPageBasics(page, new RegExp(title));
    // The token leaves the address bar once read.
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    const field = page.getByLabel(/^Nouveau mot de passe/);
    await expect(field).toHaveAccessibleDescription(/12 caractères au moins/);
    await field.fill('court');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(field).toHaveAccessibleDescription(/au moins 12 caractères/);
    await field.fill('une phrase de passe assez longue 2026');
    await page
      .getByLabel('Confirmation du nouveau mot de passe')
      .fill('une phrase de passe assez longue 2026');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Ce lien n’est plus valable' })).toBeVisible();
    await expectAccessible(page);

    // A weak password: the server's reason shown at the field, announced.
    await page.goto(`${path}#jeton=${'y'.repeat(43)}`);
    await page.getByLabel(/^Nouveau mot de passe/).fill('motdepasse12');
    await page.getByLabel('Confirmation du nouveau mot de passe').fill('motdepasse12');
    await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
    await expect(page.locator('#newPassword-error[role="alert"]')).toContainText(
      'Ce mot de passe est refusé',
    );
    await expect(page.getByLabel(/^Nouveau mot de passe/)).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page);

    // No token at all.
    await page.goto(path);
    await expect(page.getByRole('alert')).toContainText('Ce lien n’est plus valable');
    await expect(page.getByRole('button', { name: 'Enregistrer le mot de passe' })).toBeDisabled();
  }
});

test('sign-in link: asked for from the sign-in page, an invalid link refused in French', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByRole('link', { name: /recevoir un lien de connexion/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion par lien' })).toBeVisible();
  await expectPageBasics(page, /Connexion par lien/);
  await page.getByLabel('Adresse électronique').fill('contact@fournisseur.exemple');
  await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Si un compte existe pour cette adresse' }),
  ).toBeVisible();

  await page.goto(`/connexion/lien#jeton=${'z'.repeat(43)}`);
  await page.getByRole('button', { name: 'Me connecter à Vigie' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce lien de connexion n’est plus valable');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion par lien' })).toBeVisible();
  await expectAccessible(page);
});
