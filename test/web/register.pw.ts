import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  REFERENT,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

const SECURITY_OFFICER = 'rssi@siim94.demo';

/** An API caller with a bearer token, to set the scene. */
async function caller(request: APIRequestContext, email: string) {
  const token = await tokenOf(request, email);
  const headers = { Authorization: `Bearer ${token}` };
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName));
  return { headers, ivryId: ivry?.organisationId ?? '', ivryName: ivry?.organisationName ?? '' };
}

const completeEntry = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  purposes: [
    {
      description: 'Gestion du service',
      legalBasis: 'public-task',
      legalBasisDetail: 'Code général des collectivités territoriales, art. L. 2121-29',
    },
  ],
  dataSubjects: ['residents'],
  dataCategories: [{ category: 'identity', retention: '3 ans', finalFate: 'destruction' }],
  ...extra,
});

/** Presses Tab until `target` has the focus (the keyboard is the only way in). */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('the register list: sort, filters and page kept in the address, the four exports', async ({
  page,
  request,
}) => {
  const dpo = await caller(request, SHARED_DPO);
  // 27 entries whose names share a word: two pages of 25.
  for (let i = 1; i <= 27; i++) {
    const created = await request.post(`/api/v1/organisations/${dpo.ivryId}/processing-activities`, {
      headers: dpo.headers,
      data: { name: `Tri ${String(i).padStart(2, '0')} — registre des pages` },
    });
    expect(created.status()).toBe(201);
  }
  const required = await request.post(`/api/v1/organisations/${dpo.ivryId}/processing-activities`, {
    headers: dpo.headers,
    data: completeEntry('Tri 28 — vidéoprotection des pages', {
      dpiaCriteria: ['vulnerable-subjects', 'matching-datasets'],
    }),
  });
  expect(required.status()).toBe(201);

  await signIn(page, REFERENT);
  await page.goto('/registre');
  await page.getByLabel('Nom contenant').fill('des pages');
  await page.getByLabel('Trier par').selectOption({ label: 'Nom (Z à A)' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/q=des\+pages/);
  await expect(page).toHaveURL(/tri=-name/);
  await expect(page.getByRole('status').filter({ hasText: '28 traitements' })).toBeVisible();
  await expect(page.locator('tbody th a').first()).toHaveText('Tri 28 — vidéoprotection des pages');
  await expect(page.getByText('Page 1 sur 2', { exact: true })).toBeVisible();
  await expectPageBasics(page, /Registre des activités de traitement/);

  await page.getByRole('button', { name: 'Page suivante' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator('tbody th a')).toHaveText([
    'Tri 03 — registre des pages',
    'Tri 02 — registre des pages',
    'Tri 01 — registre des pages',
  ]);
  // The address alone brings the same page back, its filters shown in the form.
  await page.reload();
  await expect(page.locator('tbody th a').first()).toHaveText('Tri 03 — registre des pages');
  await expect(page.getByLabel('Nom contenant')).toHaveValue('des pages');
  await expect(page.getByLabel('Trier par')).toHaveValue('-name');

  await page.getByLabel("Analyse d'impact (AIPD)").selectOption({ label: 'AIPD requise' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/aipd=required/);
  await expect(page).not.toHaveURL(/page=/);
  await expect(page.locator('tbody th a')).toHaveText(['Tri 28 — vidéoprotection des pages']);
  await page.getByLabel("Analyse d'impact (AIPD)").selectOption({ label: 'AIPD non requise' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: '27 traitements' })).toBeVisible();
  await page.getByLabel("Analyse d'impact (AIPD)").selectOption({ label: 'Toutes' });
  await page.getByLabel('Statut').selectOption({ label: 'Validés' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'aucun traitement' })).toBeVisible();

  // An application of the member: its entries only.
  const referent = await caller(request, REFERENT);
  const applications = await request.get('/api/v1/applications?pageSize=200', {
    headers: referent.headers,
  });
  const application = (await applications.json()).items[0] as { id: string; name: string };
  expect(application).toBeDefined();
  const withApp = await request.post(`/api/v1/organisations/${dpo.ivryId}/processing-activities`, {
    headers: dpo.headers,
    data: { name: 'Tri 29 — des pages, avec application', applicationIds: [application.id] },
  });
  expect(withApp.status()).toBe(201);
  await page.goto('/registre?q=des+pages');
  await page.getByLabel('Application').selectOption({ label: application.name });
  await page
    .getByLabel('Trier par')
    .selectOption({ label: 'Dernière modification (la plus récente d’abord)' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(new RegExp(`application=${application.id}`));
  await expect(page.locator('tbody th a')).toHaveText(['Tri 29 — des pages, avec application']);
  await expectAccessible(page);

  // The exports: the official register, the working copy with the drafts, Excel and CSV.
  const exports: [string, RegExp, string][] = [
    ['Télécharger le registre (PDF)', /^application\/pdf/, '%PDF-'],
    ['Copie de travail avec les brouillons (PDF)', /^application\/pdf/, '%PDF-'],
    ['Exporter (Excel)', /spreadsheetml/, 'PK'],
    ['Exporter (CSV)', /^text\/csv/, ''],
  ];
  for (const [name, type, magic] of exports) {
    const link = page.getByRole('link', { name, exact: true });
    const href = await link.getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(type);
    const body = await response.body();
    if (magic) expect(body.subarray(0, magic.length).toString('latin1')).toBe(magic);
    if (name === 'Exporter (CSV)') expect(body.toString('utf8')).toMatch(/^\uFEFF[^\n]*;/);
  }
  expect(
    await page.getByRole('link', { name: 'Copie de travail avec les brouillons (PDF)' }).getAttribute('href'),
  ).toMatch(/register\.pdf\?drafts=include$/);
});

test('the entry page: history differences field by field, with the French names of the fields', async ({
  page,
  request,
}) => {
  const dpo = await caller(request, SHARED_DPO);
  const created = await request.post(`/api/v1/organisations/${dpo.ivryId}/processing-activities`, {
    headers: dpo.headers,
    data: completeEntry('Historique — état civil', { description: 'Première description' }),
  });
  const entry = await created.json();
  const patched = await request.patch(`/api/v1/processing-activities/${entry.id}`, {
    headers: dpo.headers,
    data: {
      description: 'Description revue',
      dataSubjects: ['residents', 'children'],
      version: entry.version,
    },
  });
  expect(patched.status()).toBe(200);

  await signIn(page, REFERENT);
  await page.goto(`/registre/${entry.id}`);
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.locator('tbody tr').first()).toContainText('Modification');
  const show = history.getByRole('button', { name: 'Voir les différences de la version 2' });
  await expect(show).toHaveAttribute('aria-expanded', 'false');
  await show.click();
  await expect(
    history.getByRole('button', { name: 'Masquer les différences de la version 2' }),
  ).toHaveAttribute('aria-expanded', 'true');
  const diff = history.getByRole('table', { name: 'Différences de la version 2' });
  const description = diff.getByRole('row', { name: /^Description/ });
  await expect(description.getByRole('cell').nth(0)).toHaveText('Première description');
  await expect(description.getByRole('cell').nth(1)).toHaveText('Description revue');
  const subjects = diff.getByRole('row', { name: /^Personnes concernées/ });
  await expect(subjects.getByRole('cell').nth(1)).toContainText('Enfants');
  await expect(subjects.getByRole('cell').nth(0)).not.toContainText('Enfants');
  await expectPageBasics(page, /Historique — état civil/);
});

test('a template update: the référent keeps one field and takes another, field by field', async ({
  page,
  request,
}) => {
  const dpo = await caller(request, SHARED_DPO);
  const rssi = await caller(request, SECURITY_OFFICER);
  const referent = await caller(request, REFERENT);
  const applications = await request.get('/api/v1/applications?pageSize=200', {
    headers: referent.headers,
  });
  const application = (await applications.json()).items[0] as { id: string; name: string };
  expect(application).toBeDefined();
  const published = await request.post(`/api/v1/applications/${application.id}/register-templates`, {
    headers: rssi.headers,
    data: completeEntry('Modèle — inscriptions périscolaires', {
      description: 'Description du modèle, version 1',
      securityMeasures: ['Chiffrement des sauvegardes'],
    }),
  });
  expect(published.status()).toBe(201);
  const template = await published.json();

  await signIn(page, REFERENT);
  await page.goto('/registre');
  await page.getByRole('link', { name: 'Depuis un modèle' }).click();
  await expectPageBasics(page, /Nouveau traitement depuis un modèle/);
  await page.getByRole('button', { name: 'Créer le traitement' }).click();
  await expect(page.getByRole('alert')).toContainText('Choisissez un modèle.');
  await expectAccessible(page);
  await page.getByRole('radio', { name: /Modèle — inscriptions périscolaires/ }).check();
  await page.getByLabel('Nom du traitement').fill('Inscriptions périscolaires');
  await page.getByRole('button', { name: 'Créer le traitement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Inscriptions périscolaires' })).toBeVisible();
  const entryId = new URL(page.url()).pathname.split('/').pop()!;
  // The member writes its own description; then the operator publishes a new version changing two fields.
  const own = await request.patch(`/api/v1/processing-activities/${entryId}`, {
    headers: dpo.headers,
    data: { description: 'Notre description', version: 1 },
  });
  expect(own.status()).toBe(200);
  const second = await request.patch(`/api/v1/register-templates/${template.id}`, {
    headers: rssi.headers,
    data: {
      description: 'Description du modèle, version 2',
      securityMeasures: ['Chiffrement des sauvegardes', 'Double authentification des agents'],
      version: template.version,
    },
  });
  expect(second.status()).toBe(200);

  await page.reload();
  const panel = page.getByRole('region', { name: /Mise à jour du modèle/ });
  await expect(panel).toContainText('de la version 1 à la version 2');
  const descriptionChoice = panel.getByRole('group', { name: 'Description' });
  await expect(descriptionChoice).toContainText('Notre description');
  await expect(descriptionChoice).toContainText('Description du modèle, version 2');
  await expectAccessible(page);
  await panel.getByRole('button', { name: 'Appliquer mes choix' }).click();
  await expect(panel.getByRole('alert')).toContainText('Choisissez pour chaque champ');
  await descriptionChoice.getByRole('radio', { name: 'Garder ma version' }).check();
  await panel
    .getByRole('group', { name: 'Mesures de sécurité' })
    .getByRole('radio', { name: 'Prendre celle du modèle' })
    .check();
  await panel.getByRole('button', { name: 'Appliquer mes choix' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Les champs choisis du modèle sont repris' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: /Mise à jour du modèle/ })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Description' })).toContainText('Notre description');
  await expect(page.getByRole('region', { name: 'Mesures de sécurité' })).toContainText(
    'Double authentification des agents',
  );
  await expect(page.getByRole('region', { name: 'Historique' }).locator('tbody tr').first()).toContainText(
    'Mise à jour depuis le modèle',
  );
  await expectAccessible(page);
});

test('the DPO records the DPIA carried out, then validates the entry', async ({ page, request }) => {
  const dpo = await caller(request, SHARED_DPO);
  const created = await request.post(`/api/v1/organisations/${dpo.ivryId}/processing-activities`, {
    headers: dpo.headers,
    data: completeEntry('AIPD — vidéoprotection des écoles', {
      dpiaCriteria: ['vulnerable-subjects', 'systematic-monitoring'],
    }),
  });
  const entry = await created.json();
  await signIn(page, SHARED_DPO);
  await page.getByLabel('Organisme').selectOption({ label: dpo.ivryName });
  await page.goto(`/registre/${entry.id}`);
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('alert')).toContainText('AIPD');

  await page.getByRole('button', { name: "Enregistrer l'AIPD menée" }).click();
  await page.getByLabel("État de l'AIPD").selectOption({ label: 'AIPD réalisée' });
  await page.getByLabel("Référence du document d'AIPD").fill('AIPD-ECOLES-2026');
  await page.getByLabel('Risque résiduel').selectOption({ label: 'Faible' });
  await page.getByRole('button', { name: "Enregistrer l'AIPD" }).click();
  await expect(page.getByLabel('Conclusion')).toHaveAccessibleDescription(/Indiquez la conclusion/);
  await expectAccessible(page);
  await page.getByLabel('Conclusion').fill('Risques maîtrisés par le floutage et la durée de 15 jours.');
  await page.getByRole('button', { name: "Enregistrer l'AIPD" }).click();
  await expect(page.getByRole('status').filter({ hasText: "L'AIPD est enregistrée." })).toBeVisible();
  const screening = page.getByRole('region', { name: "Analyse d'impact (AIPD)" });
  await expect(screening).toContainText('AIPD-ECOLES-2026');
  await expect(screening).toContainText('Risques maîtrisés');
  await expect(page.getByText('AIPD requise (réalisée)', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le traitement est validé.' })).toBeVisible();
  await expectPageBasics(page, /AIPD — vidéoprotection des écoles/);
  // In the list, filtered on the DPIAs done.
  await page.goto('/registre?aipd=done&q=AIPD');
  await expect(page.locator('tbody th a')).toHaveText(['AIPD — vidéoprotection des écoles']);
});

test('keyboard only (Tab, typing, Enter): the référent writes a complete entry; a refused value shows at its field', async ({
  page,
}) => {
  await signIn(page, REFERENT);
  await page.goto('/registre');
  await tabTo(page, page.getByRole('link', { name: 'Nouveau traitement' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau traitement' })).toBeFocused();

  await tabTo(page, page.getByLabel('Nom du traitement'));
  await page.keyboard.type('Portail famille au clavier');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Inscriptions et paiements en ligne des familles.');

  await tabTo(page, page.getByRole('button', { name: 'Ajouter une finalité' }));
  await page.keyboard.press('Enter');
  // The new item takes the focus at its first field.
  await expect(page.getByLabel('Description de la finalité')).toBeFocused();
  await page.keyboard.type('Inscriptions aux activités');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Base légale (obligatoire)' })).toBeFocused();
  await page.keyboard.type('Mission');
  await expect(page.getByRole('combobox', { name: 'Base légale (obligatoire)' })).toHaveValue('public-task');
  await page.keyboard.press('Tab');
  await page.keyboard.type("Code de l'éducation, art. L. 551-1");

  await tabTo(page, page.getByRole('checkbox', { name: 'Parents', exact: true }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('checkbox', { name: 'Parents', exact: true })).toBeChecked();

  await tabTo(page, page.getByRole('button', { name: 'Ajouter une catégorie de données' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('combobox', { name: 'Catégorie de données (obligatoire)' }));
  await page.keyboard.press('ArrowDown');
  await tabTo(page, page.getByLabel('Durée de conservation'));
  await page.keyboard.type("Durée de l'inscription");
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Sort final (obligatoire)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');

  await tabTo(page, page.getByRole('button', { name: 'Ajouter un destinataire' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Nom du destinataire'));
  await page.keyboard.type('Trésor public');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Organisme public');

  await tabTo(page, page.getByRole('button', { name: 'Ajouter un transfert' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Destinataire du transfert'));
  await page.keyboard.type('Hébergeur de paiement');
  await tabTo(page, page.getByLabel('Pays (code sur deux lettres)'));
  // Two letters, but no country: the server refuses it, at its field.
  await page.keyboard.type('ZZ');
  await tabTo(page, page.getByLabel('Mesures de sécurité'));
  await page.keyboard.type('Paiement par un prestataire certifié PCI DSS');
  await tabTo(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
  await page.keyboard.press('Enter');
  const country = page.getByLabel('Pays (code sur deux lettres)');
  await expect(country).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: /Le formulaire contient/ })).toBeFocused();
  await expectAccessible(page);

  // The error summary's link leads to the field.
  await tabTo(page, page.getByRole('link', { name: /transfers\.0\.country/ }));
  await page.keyboard.press('Enter');
  await tabTo(page, country);
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('CH');
  const safeguard = page.getByRole('combobox', { name: 'Garantie (art. 45 à 49)' });
  await tabTo(page, safeguard);
  await page.keyboard.press('ArrowDown');
  await expect(safeguard).toHaveValue('adequacy-decision');
  await tabTo(page, page.getByRole('button', { name: 'Enregistrer', exact: true }));
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Portail famille au clavier' })).toBeVisible();
  await expect(page.getByRole('region', { name: "Transferts hors de l'Union européenne" })).toContainText(
    'Hébergeur de paiement, CH',
  );
  await expect(page.getByRole('region', { name: 'Destinataires' })).toContainText('Trésor public');
  await expect(page.getByRole('region', { name: 'Personnes concernées' })).toContainText('Parents');
  await expectAccessible(page);
});

test('the form edits the NIR, the exemption and the applications; unsaved changes ask before leaving', async ({
  page,
  request,
}) => {
  const dpo = await caller(request, SHARED_DPO);
  const created = await request.post(`/api/v1/organisations/${dpo.ivryId}/processing-activities`, {
    headers: dpo.headers,
    data: completeEntry('Formulaire — paie des agents'),
  });
  const entry = await created.json();
  const referent = await caller(request, REFERENT);
  const applications = await request.get('/api/v1/applications?pageSize=200', {
    headers: referent.headers,
  });
  const application = (await applications.json()).items[0] as { id: string; name: string };
  expect(application).toBeDefined();

  await signIn(page, REFERENT);
  await page.goto(`/registre/${entry.id}/modifier`);
  await expectPageBasics(page, /Modifier « Formulaire — paie des agents »/);
  await page.getByRole('checkbox', { name: application.name, exact: true }).check();
  await page.getByRole('checkbox', { name: /utilise le NIR/ }).check();
  await page.getByLabel("Fondement de l'usage du NIR").selectOption({ index: 1 });
  await page.getByLabel(/^Référence \(item du décret cadre/).fill('Sphère du travail : gestion de la paie');
  await page.getByLabel(/^Dispense d'AIPD/).selectOption({ index: 1 });
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Annuler' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Quitter sans enregistrer ?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Rester sur le formulaire' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Formulaire — paie des agents' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Applications utilisées' })).toContainText(application.name);

  const saved = await (
    await request.get(`/api/v1/processing-activities/${entry.id}`, { headers: dpo.headers })
  ).json();
  expect(saved.applicationIds).toEqual([application.id]);
  expect(saved.nir).toMatchObject({ used: true, legalGround: 'decret-2019-341' });
  expect(saved.cnilExemptionItem).toBe('1');
  // The history tells which fields changed, by their French names.
  await expect(page.getByRole('region', { name: 'Historique' }).locator('tbody tr').first()).toContainText(
    "Numéro d'inscription au répertoire (NIR)",
  );
});
