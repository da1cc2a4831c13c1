import { expect, test, type Page } from '@playwright/test';
import {
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  READER,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

async function chooseIvry(page: Page, ivryName: string) {
  await page.getByLabel('Organisme').selectOption({ label: ivryName });
}

test("keyboard: the shared DPO edits Ivry's DPO phone and sees it saved", async ({ page, request }) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  await signIn(page, SHARED_DPO);
  await chooseIvry(page, ivry.organisationName);
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  for (const name of ['Organisme', 'Publication', 'Bilan annuel'])
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Organisme', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ivry.organisationName })).toBeVisible();
  await expectPageBasics(page, /Organisme/);
  await expect(page.getByRole('heading', { level: 2, name: 'Représentant légal' })).toBeVisible();

  // Keyboard only: Tab to the edit button, then through the form to the phone field.
  const edit = page.getByRole('button', { name: 'Modifier les coordonnées' });
  for (let i = 0; i < 60 && !(await edit.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(edit).toBeFocused();
  await page.keyboard.press('Enter');
  const phone = page.getByLabel('Téléphone du délégué');
  await expect(phone).toBeVisible();
  await expect(page.getByLabel(/Nom du délégué \(DPO\) \(obligatoire\)/)).toBeVisible();
  await expectAccessible(page);
  for (let i = 0; i < 60 && !(await phone.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(phone).toBeFocused();

  // A wrong number is refused at its field.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('pas un numéro');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(/numéro de téléphone attendu/);
  await expectAccessible(page);

  const number = `01 49 60 ${String(10 + (Date.now() % 89))} 00`;
  await phone.fill(number);
  await phone.focus();
  const save = page.getByRole('button', { name: 'Enregistrer' });
  for (let i = 0; i < 20 && !(await save.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(save).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Les coordonnées sont enregistrées' }),
  ).toBeVisible();
  await expect(page.getByText(number)).toBeVisible();
  await expectAccessible(page);
  if (process.env.VIGIE_PW_SHOTS)
    await page.screenshot({ path: `${process.env.VIGIE_PW_SHOTS}/organisation.png`, fullPage: true });
  await page.reload();
  await expect(page.getByText(number)).toBeVisible();
});

test('a reader reads the organisation and the publication without any button that changes them', async ({
  page,
}) => {
  await signIn(page, READER);
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  await expect(nav.getByRole('link', { name: 'Bilan annuel' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Organisme', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: /Délégué à la protection des données/ }),
  ).toBeVisible();
  await expectPageBasics(page, /Organisme/);
  await expect(page.getByRole('button', { name: 'Modifier les coordonnées' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Publication', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publication du registre' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Aperçu de ce qui sera public' })).toBeVisible();
  await expectPageBasics(page, /Publication du registre/);
  await expect(page.getByRole('button')).toHaveText(['Se déconnecter']);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
});

test('the DPO publishes the register and opens the public page: validated entries, no draft', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  const list = await request.get(`/api/v1/organisations/${ivry.organisationId}/processing-activities`, {
    headers: { Authorization: `Bearer ${token}` },
    params: { pageSize: 100 },
  });
  const entries = (await list.json()).items as { name: string; status: string }[];
  const validated = entries.find((e) => e.status === 'validated')!;
  const draft = entries.find(
    (e) => e.status === 'draft' && !entries.some((o) => o !== e && o.name === e.name),
  );
  expect(validated).toBeTruthy();

  await signIn(page, SHARED_DPO);
  await chooseIvry(page, ivry.organisationName);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Publication' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publication du registre' })).toBeVisible();
  await expectPageBasics(page, /Publication du registre/);
  const preview = page.getByRole('region', { name: 'Aperçu de ce qui sera public' });
  await expect(preview.getByText(validated.name, { exact: true })).toBeVisible();
  if (draft) await expect(preview.getByText(draft.name, { exact: true })).toHaveCount(0);
  // The name is always published; a field can be left out, and the preview follows.
  await expect(page.getByRole('checkbox', { name: /Nom/ })).toBeDisabled();
  const boxes = page.getByRole('checkbox');
  expect(await boxes.count()).toBeGreaterThan(3);

  // Keyboard: reach the publish button.
  const publish = page.getByRole('button', { name: 'Publier le registre' });
  await boxes.nth(1).focus();
  for (let i = 0; i < 30 && !(await publish.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(publish).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Le registre public est publié' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Registre public au format JSON' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Registre public au format CSV' })).toBeVisible();
  await expectAccessible(page);
  if (process.env.VIGIE_PW_SHOTS)
    await page.screenshot({ path: `${process.env.VIGIE_PW_SHOTS}/publication.png`, fullPage: true });

  await page.getByRole('link', { name: 'Page du registre public' }).click();
  await expect(page).toHaveURL(/\/public\/[^/]+\/registre$/);
  await expect(page.getByText(validated.name).first()).toBeVisible();
  if (draft) await expect(page.getByText(draft.name)).toHaveCount(0);
  await expectAccessible(page);
  if (process.env.VIGIE_PW_SHOTS)
    await page.screenshot({ path: `${process.env.VIGIE_PW_SHOTS}/annual.png`, fullPage: true });
});

test('the DPO downloads the annual report PDF and generates the reports of all its members', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  await signIn(page, SHARED_DPO);
  await chooseIvry(page, ivry.organisationName);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Bilan annuel' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bilan annuel du délégué' })).toBeVisible();
  await expectPageBasics(page, /Bilan annuel/);
  const year = page.getByLabel(/Année du bilan/);
  await year.focus();
  await expect(year).toBeFocused();
  const chosen = await year.inputValue();

  const pdf = page.getByRole('link', { name: `Télécharger le bilan ${chosen} (PDF)` });
  const href = await pdf.getAttribute('href');
  const answer = await page.request.get(href!);
  expect(answer.status()).toBe(200);
  expect(answer.headers()['content-type']).toMatch(/^application\/pdf/);
  const download = page.waitForEvent('download');
  await pdf.click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expect(
    page.getByRole('link', { name: `Télécharger les chiffres ${chosen} (tableur XLSX)` }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Générer pour tous mes organismes' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 bilans produits' })).toBeVisible({
    timeout: 30_000,
  });
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  const first = await rows.first().getByRole('link').first().getAttribute('href');
  expect((await page.request.get(first!)).status()).toBe(200);
  await expectAccessible(page);
  if (process.env.VIGIE_PW_SHOTS)
    await page.screenshot({ path: `${process.env.VIGIE_PW_SHOTS}/annual.png`, fullPage: true });
});

test('a member without a DPO shows « DPO non désigné » as a warning', async ({ page, request }) => {
  const token = await tokenOf(request, SHARED_DPO);
  const headers = { Authorization: `Bearer ${token}` };
  const villejuif = (await membershipsOf(request, token)).find((m) => /Villejuif/.test(m.organisationName))!;
  const url = `/api/v1/organisations/${villejuif.organisationId}`;
  const before = await (await request.get(url, { headers })).json();
  const cleared = await request.patch(url, { headers, data: { dpo: null, version: before.version } });
  expect(cleared.status()).toBe(200);
  try {
    await signIn(page, SHARED_DPO);
    await page.getByLabel('Organisme').selectOption({ label: villejuif.organisationName });
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Organisme' })
      .click();
    await expect(page.getByRole('status').filter({ hasText: 'DPO non désigné' })).toBeVisible();
    await expectPageBasics(page, /Organisme/);
  } finally {
    const now = await (await request.get(url, { headers })).json();
    await request.patch(url, { headers, data: { dpo: before.dpo, version: now.version } });
  }
});
