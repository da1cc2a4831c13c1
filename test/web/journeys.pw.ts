import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  READER,
  REFERENT,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

test('sign-in page: French, accessible, a wrong password answered in an alert', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/connexion$/);
  await expectPageBasics(page, /Connexion/);
  await page.getByLabel('Adresse électronique').fill(SHARED_DPO);
  await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse électronique ou mot de passe incorrect');
  await expectAccessible(page);
  // Empty fields: errors linked to their fields.
  await page.getByLabel('Adresse électronique').fill('');
  await page.getByLabel('Mot de passe').fill('');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByLabel('Adresse électronique')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Adresse électronique')).toHaveAccessibleDescription(
    /Indiquez votre adresse électronique/,
  );
  await expectAccessible(page);
  await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité' }).click();
  await expectPageBasics(page, /Accessibilité/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Déclaration d'accessibilité");
});

test('keyboard only: sign in, then the shared DPO sees both members, switches organisation, reads the register', async ({
  page,
}) => {
  await page.goto('/connexion');
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à Vigie' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  const email = page.getByLabel('Adresse électronique');
  while (!(await email.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.type(SHARED_DPO);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mot de passe')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'À faire' })).toBeVisible();
  await expectPageBasics(page, /Tableau de bord/);

  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  for (const name of ['Tableau de bord', 'Registre', 'Violations', 'Demandes de droits', 'Documents']) {
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  // Both members side by side on the dashboard, and the « Organisme » control.
  await expect(page.getByRole('heading', { level: 2, name: /Ivry-sur-Seine/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Villejuif/ })).toBeVisible();
  const organisation = page.getByLabel('Organisme');
  await expect(organisation.locator('option')).toHaveCount(2);
  await expect(page.getByRole('heading', { level: 3, name: 'Documents récents' }).first()).toBeVisible();

  await nav.getByRole('link', { name: 'Registre', exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Registre des activités de traitement' }),
  ).toBeVisible();
  await expectPageBasics(page, /Registre des activités de traitement/);
  await expect(page.getByRole('link', { name: 'Nouveau traitement' })).toBeVisible();
  const firstOrganisation = await organisation.locator('option:checked').textContent();
  const firstNames = await page.locator('tbody th a').allTextContents();
  expect(firstNames.length).toBeGreaterThan(0);

  const other = (await organisation.locator('option').allTextContents()).find(
    (name) => name !== firstOrganisation,
  )!;
  await organisation.selectOption({ label: other });
  await expect(page.locator('.lead')).toHaveText(other);
  await expect
    .poll(async () => (await page.locator('tbody th a').allTextContents()).join('|'))
    .not.toBe(firstNames.join('|'));

  // The official register downloads as a PDF.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger le registre (PDF)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const stream = await file.createReadStream();
  const head = await new Promise<string>((done) =>
    stream.once('data', (chunk) => done(String(chunk).slice(0, 5))),
  );
  expect(head).toBe('%PDF-');

  // Filters: text, then status.
  await page.getByLabel('Nom contenant').fill('zzz-aucun-traitement');
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'aucun traitement' })).toBeVisible();
  await page.getByLabel('Nom contenant').fill('');
  await page.getByLabel('Statut').selectOption({ label: 'Validés' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/statut=validated/);
  const validated = page.locator('tbody tr');
  if ((await validated.count()) > 0)
    await expect(validated.first().getByText('Validé', { exact: true })).toBeVisible();

  // An entry's page: status and screening with its reasons.
  await page.getByLabel('Statut').selectOption({ label: 'En cours (brouillons et validés)' });
  await page.getByRole('button', { name: 'Filtrer' }).click();
  await page.locator('tbody th a').first().click();
  await expect(page.getByRole('heading', { level: 2, name: "Analyse d'impact (AIPD)" })).toBeVisible();
  await expect(page.getByText(/^(Brouillon|Validé)$/).first()).toBeVisible();
  await expect(page.getByText(/^AIPD (non )?requise/).first()).toBeVisible();
  await expectPageBasics(page, /– Vigie$/);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await page.goto('/registre');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fregistre$/);
});

test('the DPO sees the screening with its reasons, and validates a complete draft', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  const entryOf = async (name: string, extra: Record<string, unknown>) => {
    const created = await request.post(`/api/v1/organisations/${ivry.organisationId}/processing-activities`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        name,
        purposes: [
          {
            description: 'Prévention des atteintes aux biens et aux personnes',
            legalBasis: 'public-task',
            legalBasisDetail: 'Code de la sécurité intérieure, art. L. 251-2',
          },
        ],
        dataSubjects: ['residents'],
        dataCategories: [{ category: 'identity', retention: '30 jours', finalFate: 'destruction' }],
        ...extra,
      },
    });
    expect(created.status()).toBe(201);
    return (await created.json()) as { id: string };
  };
  const cameras = await entryOf('Vidéoprotection de la voie publique', {
    art35Cases: ['public-area-monitoring'],
  });
  const library = await entryOf('Prêts de la médiathèque', {});
  await signIn(page, SHARED_DPO);
  await page.getByLabel('Organisme').selectOption({ label: ivry.organisationName });
  await page.goto(`/registre/${cameras.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Vidéoprotection de la voie publique' }),
  ).toBeVisible();
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();
  await expect(page.getByText('AIPD requise', { exact: true })).toBeVisible();
  await expect(page.locator('.screening li').filter({ hasText: 'article 35.3' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: "Décider de ne pas mener d'AIPD" }).click();
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByText('Motivez la décision en quelques phrases')).toBeVisible();
  await page
    .getByLabel("Motifs de la décision de ne pas mener d'AIPD")
    .fill('Caméras existantes couvertes par l’AIPD intercommunale de 2024, revue par le DPO.');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'La décision motivée est enregistrée.' }),
  ).toBeVisible();
  await expect(page.getByText('AIPD requise (décision motivée)', { exact: true })).toBeVisible();
  await expect(page.locator('.screening').getByText(/Décision motivée du DPO/)).toContainText(
    'AIPD intercommunale',
  );

  await page.goto(`/registre/${library.id}`);
  await expect(page.getByText('AIPD non requise', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le traitement est validé.' })).toBeVisible();
  await expect(page.getByText('Validé', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Valider' })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Archiver', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Archiver ce traitement ?' });
  await expect(confirm.getByRole('button', { name: 'Ne pas archiver' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Archiver le traitement' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le traitement est archivé.' })).toBeVisible();
  await expect(page.getByText('Archivé', { exact: true })).toBeVisible();
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.locator('tbody tr').first()).toContainText('Archivage');
  await expect(history.locator('tbody tr').last()).toContainText('Création');
  await expect(history).toContainText('Validation');
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
});

test('keyboard only: the référent writes an entry, saved as a draft; leaving unsaved changes asks first', async ({
  page,
}) => {
  await signIn(page, REFERENT);
  await expect(page.getByLabel('Organisme')).toHaveCount(0);
  await page.goto('/registre');
  const create = page.getByRole('link', { name: 'Nouveau traitement' });
  await create.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau traitement' })).toBeVisible();
  await expectPageBasics(page, /Nouveau traitement/);
  await expect(page.getByText('Nom du traitement (obligatoire)')).toBeVisible();

  // Saving with no name: the error is announced and linked to its field.
  await page.getByRole('button', { name: 'Enregistrer' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Indiquez le nom du traitement');
  await expect(page.getByLabel('Nom du traitement')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel('Nom du traitement').focus();
  await page.keyboard.type('Inscriptions à la restauration scolaire');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Description', { exact: true })).toBeFocused();
  await page.keyboard.type('Inscription des enfants à la cantine et facturation aux familles.');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Ajouter une finalité' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByLabel('Description de la finalité').focus();
  await page.keyboard.type('Gestion des inscriptions et facturation');
  await page.keyboard.press('Tab');
  const basis = page.getByRole('combobox', { name: 'Base légale (obligatoire)' });
  await expect(basis).toBeFocused();
  await basis.selectOption({ label: "Mission d'intérêt public (art. 6.1.e)" });
  // Art. 6.3: a public task names the legal text it rests on.
  await page.getByLabel('Texte fondant la base légale').focus();
  await page.keyboard.type("Code de l'éducation, art. L. 533-1");
  for (const name of ['Enfants', 'Parents']) {
    await page.getByRole('checkbox', { name, exact: true }).focus();
    await page.keyboard.press('Space');
  }
  await page.getByRole('button', { name: 'Ajouter une catégorie de données' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('combobox', { name: 'Catégorie de données (obligatoire)' }).selectOption({ index: 1 });
  await page.getByLabel('Durée de conservation').focus();
  await page.keyboard.type("Durée de l'inscription, puis 5 ans");
  await page.getByLabel('Sort final').selectOption({ index: 1 });
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Ajouter une donnée sensible' }).click();
  await page
    .getByRole('combobox', { name: 'Catégorie de donnée sensible (obligatoire)' })
    .selectOption({ index: 1 });
  await page
    .getByRole('combobox', { name: 'Condition permettant le traitement (obligatoire)' })
    .selectOption({ index: 1 });
  await page.getByRole('checkbox', { name: 'Données concernant des personnes vulnérables' }).check();

  // Leaving with unsaved changes asks first.
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Registre', exact: true })
    .click();
  const dialog = page.getByRole('alertdialog', { name: 'Quitter sans enregistrer ?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Nom du traitement')).toHaveValue('Inscriptions à la restauration scolaire');

  await page.getByRole('button', { name: 'Enregistrer' }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Inscriptions à la restauration scolaire' }),
  ).toBeVisible();
  await expect(page.getByText('Brouillon', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Valider' })).toHaveCount(0);
  await expect(page.getByText('Gestion des inscriptions et facturation')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Données sensibles' })).not.toContainText('Non renseigné');
  await expectAccessible(page);
});

test('a reader reads without any button that changes the register; Mon compte', async ({ page }) => {
  await signIn(page, READER);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Registre', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Registre des activités de traitement' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Nouveau traitement' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Télécharger le registre (PDF)' })).toBeVisible();
  await page.locator('tbody th a').first().click();
  await expect(page.getByRole('heading', { level: 2, name: "Analyse d'impact (AIPD)" })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Modifier' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Valider' })).toHaveCount(0);
  // Typing the form's address is no way round the role.
  await page.goto(`${new URL(page.url()).pathname}/modifier`);
  await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeVisible();
  await expect(page.getByLabel('Nom du traitement')).toHaveCount(0);
  await page.goto('/registre/nouveau');
  await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeVisible();
  await page.goto('/registre');
  for (const name of ['Violations', 'Demandes de droits', 'Documents', 'Mon compte']) {
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name, exact: true })
      .click();
    await expectPageBasics(page, /– Vigie$/);
  }
  await expect(page.getByRole('heading', { level: 2, name: 'Changer de mot de passe' })).toBeVisible();
  await page.getByLabel('Mot de passe actuel').fill('pas-le-bon-mot-de-passe');
  await page
    .getByRole('textbox', { name: 'Nouveau mot de passe (obligatoire)', exact: true })
    .fill('un-nouveau-mot-de-passe');
  await page.getByLabel('Confirmation du nouveau mot de passe').fill('un-nouveau-mot-de-passe');
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
  await expect(page.getByRole('alert')).toContainText("Le mot de passe actuel n'est pas le bon");
  await expectAccessible(page);
});

test("another member's entry URL shows « introuvable », not the entry", async ({ page, request }) => {
  const token = await tokenOf(request, SHARED_DPO);
  const villejuif = (await membershipsOf(request, token)).find((m) => /Villejuif/.test(m.organisationName))!;
  const list = await request.get(`/api/v1/organisations/${villejuif.organisationId}/processing-activities`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const entry = (await list.json()).items[0];
  await signIn(page, REFERENT);
  await page.goto(`/registre/${entry.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Traitement introuvable');
  await expect(page.getByText(entry.name)).toHaveCount(0);
  await expectPageBasics(page, /Traitement introuvable/);
  await page.goto(`/registre/${entry.id}/modifier`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Traitement introuvable');
});

test('an entry saved by someone else meanwhile: the form offers to reload, and shows the latest version', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  const auth = { Authorization: `Bearer ${token}` };
  const created = await request.post(`/api/v1/organisations/${ivry.organisationId}/processing-activities`, {
    headers: auth,
    data: {
      name: 'Annuaire des associations',
      purposes: [
        {
          description: 'Tenue de l’annuaire',
          legalBasis: 'public-task',
          legalBasisDetail: 'Code général des collectivités territoriales, art. L. 2143-2',
        },
      ],
      dataSubjects: ['residents'],
      dataCategories: [{ category: 'identity', retention: '3 ans', finalFate: 'destruction' }],
    },
  });
  const entry = await created.json();
  await signIn(page, REFERENT);
  await page.goto(`/registre/${entry.id}/modifier`);
  await page.getByLabel('Description', { exact: true }).fill('Ma version de la description');
  const meanwhile = await request.patch(`/api/v1/processing-activities/${entry.id}`, {
    headers: auth,
    data: { description: 'La version du DPO', version: entry.version },
  });
  expect(meanwhile.status()).toBe(200);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Ce traitement a été modifié entre-temps' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Recharger la dernière version' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Description', { exact: true })).toHaveValue('La version du DPO');
  await page.getByLabel('Description', { exact: true }).fill('Ma version, après relecture');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Annuaire des associations' })).toBeVisible();
  await expect(page.getByText('Ma version, après relecture')).toBeVisible();
});

test('the first page loads at most 250 KB of gzipped JavaScript', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.url());
  });
  await page.goto('/connexion');
  await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
  let total = 0;
  for (const url of scripts) {
    const body = await (await page.request.get(url)).body();
    total += gzipSync(body).length;
  }
  expect(scripts.length).toBeGreaterThan(0);
  expect(total).toBeLessThan(250 * 1024);
});

test('a session that has ended sends to the sign-in page with a notice, then back to the page', async ({
  page,
  context,
}) => {
  await signIn(page, READER);
  await context.clearCookies();
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Registre', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connexion à Vigie' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Votre session a pris fin' })).toBeVisible();
  await expect(page).toHaveURL(/retour=%2Fregistre/);
  await page.getByLabel('Adresse électronique').fill(READER);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Registre des activités de traitement' }),
  ).toBeVisible();
});

test('the référent imports a register file; a refused file tells its lines and imports nothing', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, REFERENT);
  const ivry = (await membershipsOf(request, token))[0]!;
  const exported = await request.get(`/api/v1/organisations/${ivry.organisationId}/register.csv`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(exported.status()).toBe(200);
  const csv = await exported.body();
  await signIn(page, REFERENT);
  await page.goto('/registre');
  await page.getByRole('link', { name: 'Importer un fichier' }).click();
  await expectPageBasics(page, /Importer un fichier/);
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByText('Choisissez le fichier à importer.')).toBeVisible();

  const lines = csv.toString('utf8').split(/\r?\n/);
  const header = lines[0]!;
  const bad = Buffer.from(
    `${header}\r\n${header
      .split(';')
      .map(() => '')
      .join(';')}\r\n`,
    'utf8',
  );
  await page.getByLabel('Fichier').setInputFiles({ name: 'registre.csv', mimeType: 'text/csv', buffer: bad });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('alert')).toContainText("rien n'a été importé");
  await expectAccessible(page);

  await page.getByLabel('Fichier').setInputFiles({ name: 'registre.csv', mimeType: 'text/csv', buffer: csv });
  await page.getByRole('button', { name: 'Importer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'importée' })).toContainText('inchangée');
  await expectAccessible(page);
});

test('a rights request: the DPO extends its deadline with reasons, then records the answer', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  const created = await request.post(`/api/v1/organisations/${ivry.organisationId}/rights-requests`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { right: 'access', requesterName: 'Camille Martin', receivedAt: new Date().toISOString() },
  });
  expect(created.status()).toBe(201);
  await signIn(page, SHARED_DPO);
  await page.getByLabel('Organisme').selectOption({ label: ivry.organisationName });
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Demandes de droits' })
    .click();
  await page
    .getByRole('row', { name: /Camille Martin/ })
    .getByRole('link')
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    "Droit d'accès (art. 15) — Camille Martin",
  );
  await expectPageBasics(page, /Camille Martin/);
  const due = await page.locator('dt:text("Réponse due le") + dd').textContent();

  await page.getByRole('button', { name: 'Prolonger le délai' }).click();
  await expect(page.getByText('Indiquez à la personne pourquoi la réponse est retardée')).toBeVisible();
  await page
    .getByLabel('Motifs communiqués à la personne')
    .fill('Demande portant sur dix ans de dossiers archivés.');
  await page.getByRole('button', { name: 'Prolonger le délai' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Le délai de réponse est prolongé.' }),
  ).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Délai prolongé');
  await expect(page.locator('dt:text("Réponse due le") + dd')).not.toHaveText(due ?? '');

  await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(page.getByText('Choisissez le moyen de la réponse.')).toBeVisible();
  await page.getByLabel('Moyen de la réponse').selectOption({ label: 'Courriel' });
  await page.getByLabel("L'identité du demandeur a été vérifiée").check();
  await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La réponse est enregistrée.' })).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Répondue');
  await expect(page.getByRole('button', { name: 'Enregistrer la réponse' })).toHaveCount(0);
  await expectAccessible(page);
});
