import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, expectPageBasics, signIn, tokenOf } from './support/helpers';

// The RSSI's vendor records: questionnaire templates (read, written, copied), a new contract landing on its
// clause checklist, a questionnaire sent from the vendor's page, a contact invited; what the others may not do.

const RSSI = 'rssi@siim94.demo';
const AUDITOR = 'auditeur@certification.demo';
const VENDOR_CONTACT = 'contact@berger-levrault.demo';
const BUILTIN = 'Questionnaire sécurité éditeur';

/** A page's `<title>`: its heading, then « – Vigie ». */
const titled = (heading: string) => new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} – Vigie$`);
const unique = () => Math.random().toString(36).slice(2, 8);

async function openVendors(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Fournisseurs' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fournisseurs' })).toBeVisible();
}

async function openVendor(page: Page, name: string): Promise<void> {
  await openVendors(page);
  await page.getByRole('region', { name: 'Fournisseurs' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function openTemplates(page: Page): Promise<void> {
  await openVendors(page);
  await page.getByRole('link', { name: 'Tous les modèles de questionnaire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Modèles de questionnaire' })).toBeVisible();
}

/** Presses Tab until `target` has the focus (keyboard only). */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test('the RSSI reads the templates and the built-in one’s 49 questions with their type, weight and points', async ({
  page,
}) => {
  await signIn(page, RSSI);
  await openTemplates(page);
  await expectPageBasics(page, titled('Modèles de questionnaire'));
  const builtinRow = page.getByRole('row').filter({ hasText: BUILTIN });
  await expect(builtinRow).toContainText('49 questions');
  await expect(builtinRow).toContainText('Modèle intégré à Vigie');
  await builtinRow.getByRole('link', { name: BUILTIN }).click();
  await expect(page.getByRole('heading', { level: 1, name: BUILTIN })).toBeVisible();
  await expect(page.getByText('49 questions en 12 sections')).toBeVisible();
  const governance = page.getByRole('region', { name: '1. Gouvernance de la sécurité' });
  const pssi = governance.getByRole('row').filter({ hasText: /politique de sécurité des systèmes/ });
  await expect(pssi.getByRole('cell').nth(0)).toHaveText('Oui ou non');
  await expect(pssi.getByRole('cell').nth(1)).toHaveText('Oui');
  await expect(pssi.getByRole('cell').nth(2)).toHaveText('4');
  await expect(pssi.getByRole('cell').nth(3)).toHaveText('Oui');
  // A text question weighs nothing; a choice shows its points.
  await expect(
    governance
      .getByRole('row')
      .filter({ hasText: /Qui est le responsable/ })
      .getByRole('cell')
      .nth(2),
  ).toHaveText('—');
  await expect(
    page.getByRole('region', { name: '2. Certifications et qualifications' }).getByText(/Non : aucun point/),
  ).toHaveCount(2);
  await expectPageBasics(page, titled(BUILTIN));
});

test('the RSSI writes a template: errors listed, questions added, reordered with the keyboard and removed', async ({
  page,
}) => {
  const name = `Questionnaire d’hébergement ${unique()}`;
  await signIn(page, RSSI);
  await openTemplates(page);
  await page.getByRole('link', { name: 'Nouveau modèle' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nouveau modèle de questionnaire' }),
  ).toBeVisible();
  await expectPageBasics(page, titled('Nouveau modèle de questionnaire'));

  // Sent empty: every missing text listed, each a link to its field.
  await page.getByRole('button', { name: 'Créer le modèle' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient' });
  await expect(summary).toBeFocused();
  const link = summary.getByRole('link', { name: 'Section 1 : indiquez son titre.' });
  const target = (await link.getAttribute('href'))!.slice(1);
  await expect(page.getByLabel('Titre de la section 1 (obligatoire)')).toHaveAttribute('id', target);
  await expect(summary.getByRole('link')).toHaveCount(3);

  await page.getByLabel('Nom du modèle (obligatoire)').fill(name);
  await page.getByLabel('Titre de la section 1 (obligatoire)').fill('Hébergement');
  await page
    .getByLabel('Texte de la question (section 1, question 1) (obligatoire)')
    .fill('L’hébergeur est-il certifié HDS ?');
  await page.getByLabel('Poids dans la note, de 0 à 100 (section 1, question 1)').fill('8');
  await page.getByLabel('Justificatif demandé (section 1, question 1)').check();

  await page.getByRole('button', { name: 'Ajouter une question à la section 1' }).click();
  const secondText = page.getByLabel('Texte de la question (section 1, question 2) (obligatoire)');
  await expect(secondText).toBeFocused();
  await secondText.fill('Où sont les sauvegardes ?');
  await page.getByLabel('Type de réponse (section 1, question 2)').selectOption('single-choice');
  await page.getByLabel('Libellé du choix 1 (obligatoire)').nth(0).fill('En France');
  await page.getByLabel('Libellé du choix 2 (obligatoire)').nth(0).fill('Hors de France');
  await page.getByLabel('Points du choix 2').nth(0).fill('20');

  await page.getByRole('button', { name: 'Ajouter une question à la section 1' }).click();
  await page
    .getByLabel('Texte de la question (section 1, question 3) (obligatoire)')
    .fill('Qui est votre contact sécurité ?');
  await page.getByLabel('Type de réponse (section 1, question 3)').selectOption('text');
  await expect(page.getByLabel('Poids dans la note, de 0 à 100 (section 1, question 3)')).toHaveCount(0);
  await page.getByLabel('Réponse obligatoire (section 1, question 3)').uncheck();

  // The keyboard moves the third question up twice; the focus follows it.
  const up = page.getByRole('button', { name: 'Monter la question 3 de la section 1' });
  await tabTo(page, up);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'déplacée en position 2' })).toBeAttached();
  await expect(page.getByRole('button', { name: 'Monter la question 2 de la section 1' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Descendre la question 1 de la section 1' })).toBeFocused();
  await expect(page.getByLabel('Texte de la question (section 1, question 1) (obligatoire)')).toHaveValue(
    'Qui est votre contact sécurité ?',
  );

  // A second section with one question, then removed.
  await page.getByRole('button', { name: 'Ajouter une section' }).click();
  await expect(page.getByLabel('Titre de la section 2 (obligatoire)')).toBeFocused();
  await page.getByRole('button', { name: 'Supprimer la section 2' }).click();
  await expect(page.getByLabel('Titre de la section 2 (obligatoire)')).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Créer le modèle' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: `Le modèle « ${name} » est créé` })).toBeVisible();
  await expect(page.getByText('3 questions en 1 section')).toBeVisible();
  const rows = page.getByRole('region', { name: '1. Hébergement' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('Qui est votre contact sécurité ?');
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('Non');
  await expect(rows.nth(2)).toContainText('L’hébergeur est-il certifié HDS ?');
  await expect(rows.nth(2).getByRole('cell').nth(2)).toHaveText('8');
  await expect(rows.nth(2).getByRole('cell').nth(3)).toHaveText('Oui');
  await expect(rows.nth(3)).toContainText('Hors de France : 20 points');
  await expectAccessible(page);
  // It is offered at once when sending a questionnaire.
  await openVendors(page);
  await page.getByRole('button', { name: 'Envoyer un questionnaire' }).click();
  await expect(
    page.getByLabel('Modèle de questionnaire (obligatoire)').getByRole('option', { name }),
  ).toBeAttached();
});

test('the RSSI copies the built-in template, removes a question, and the original stays whole', async ({
  page,
}) => {
  const name = `Sécurité éditeur, version courte ${unique()}`;
  await signIn(page, RSSI);
  await openTemplates(page);
  await page.getByRole('link', { name: BUILTIN }).click();
  await page.getByRole('link', { name: 'Créer un modèle à partir de celui-ci' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Nouveau modèle de questionnaire' }),
  ).toBeVisible();
  const nameField = page.getByLabel('Nom du modèle (obligatoire)');
  await expect(nameField).toHaveValue(`Copie de ${BUILTIN}`);
  await expect(page.getByText('12 sections, 49 questions.')).toBeVisible();
  await expect(page.getByLabel('Poids dans la note, de 0 à 100 (section 1, question 1)')).toHaveValue('4');
  await nameField.fill(name);
  // Leaving with changes asks first.
  await page.getByRole('link', { name: 'Annuler' }).click();
  const leave = page.getByRole('alertdialog', { name: 'Quitter sans créer le modèle ?' });
  await expect(leave.getByRole('button', { name: 'Rester sur le modèle' })).toBeFocused();
  await leave.getByRole('button', { name: 'Rester sur le modèle' }).click();
  await expect(leave).toHaveCount(0);
  await expect(nameField).toHaveValue(name);
  await page.getByRole('button', { name: 'Supprimer la question 1 de la section 1', exact: true }).click();
  await expect(page.getByText('12 sections, 48 questions.')).toBeVisible();
  await page.getByRole('button', { name: 'Créer le modèle' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('48 questions en 12 sections')).toBeVisible();
  await openTemplates(page);
  await expect(page.getByRole('row').filter({ hasText: BUILTIN })).toContainText('49 questions');
  await expect(page.getByRole('row').filter({ hasText: name })).toContainText('48 questions');
});

test('the RSSI records a contract from the vendor’s page and lands on its checklist, Art. 28.3 gaps first', async ({
  page,
}) => {
  const reference = `MAPA-2026-${unique()}`;
  await signIn(page, RSSI);
  await openVendor(page, 'Berger-Levrault');
  await page.getByRole('button', { name: 'Nouveau contrat' }).click();
  const form = page.getByRole('form', { name: 'Nouveau contrat avec Berger-Levrault' });
  await expect(form.getByLabel('Référence du contrat (obligatoire)')).toBeFocused();
  await form.getByRole('button', { name: 'Enregistrer le contrat' }).click();
  const summary = form.getByRole('alert').filter({ hasText: 'Le formulaire contient 3 erreurs' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /au moins une application/ })).toBeVisible();
  await expectAccessible(page);

  await form.getByLabel('Référence du contrat (obligatoire)').fill(reference);
  const applications = form.getByRole('group', { name: 'Applications couvertes (obligatoire)' });
  await applications.getByRole('checkbox').first().check();
  await form.getByLabel('Date de début (obligatoire)').fill('2026-01-01');
  await form.getByLabel('Date de fin').fill('2029-12-31');
  await form.getByRole('button', { name: 'Enregistrer le contrat' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Contrat ${reference}` })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: `Le contrat ${reference} est enregistré` }),
  ).toBeVisible();
  await expect(page.getByText('du 1er janvier 2026 au 31 décembre 2029')).toBeVisible();
  // Every clause « absente »: the Art. 28.3 ones first, each a non-compliance, highlighted.
  await expect(
    page.getByRole('heading', { level: 2, name: /non-conformités à l’article 28\.3/ }),
  ).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText('Non-conformité à l’article 28.3');
  await expect(rows.nth(1)).toHaveClass(/gap-row/);
  await expect(rows.nth(1).getByRole('combobox', { name: /^Statut : / })).toHaveValue('missing');
  const last = rows.last();
  await expect(last).not.toContainText('Non-conformité à l’article 28.3');
  await expect(last).toHaveClass(/gap-row/);
  await expectPageBasics(page, titled(`Contrat ${reference}`));
  // The vendor's page lists it.
  await page.getByRole('link', { name: 'Berger-Levrault' }).click();
  await expect(
    page.getByRole('region', { name: 'Contrats' }).getByRole('link', { name: reference }),
  ).toBeVisible();
});

test('the RSSI sends a questionnaire from the vendor’s page with its due date', async ({ page }) => {
  await signIn(page, RSSI);
  await openVendor(page, 'Digitech');
  await page.getByRole('button', { name: 'Envoyer un questionnaire' }).click();
  const form = page.getByRole('form', { name: 'Envoyer un questionnaire' });
  await expect(form.getByText('Fournisseur : Digitech')).toBeVisible();
  await expect(form.getByLabel('Fournisseur (obligatoire)')).toHaveCount(0);
  const template = form.getByLabel('Modèle de questionnaire (obligatoire)');
  await expect(template).toBeFocused();
  await form.getByLabel('Date limite de réponse (obligatoire)').fill('2020-01-01');
  await form.getByRole('button', { name: 'Envoyer' }).click();
  await expect(form.getByText('Choisissez le modèle de questionnaire.')).toBeVisible();
  await expect(form.getByText('La date limite ne peut pas être passée.')).toBeVisible();
  await expectAccessible(page);
  await template.selectOption({ label: BUILTIN });
  const due = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + 45 * 86_400_000),
  );
  await form.getByLabel('Date limite de réponse (obligatoire)').fill(due);
  await form.getByRole('button', { name: 'Envoyer' }).click();
  const notice = page.getByRole('status').filter({ hasText: `est envoyé à Digitech` });
  await expect(notice).toBeVisible();
  const link = notice.getByRole('link', { name: 'Voir le questionnaire' });
  const id = (await link.getAttribute('href'))!.split('/').pop()!;
  await expect(
    page.getByRole('region', { name: 'Questionnaires' }).locator(`a[href="/questionnaires/${id}"]`),
  ).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(BUILTIN) })).toBeVisible();
});

test('the RSSI invites a vendor’s contact; an address that has an account is refused', async ({ page }) => {
  const email = `claire.${unique()}@berger-levrault.test`;
  await signIn(page, RSSI);
  await openVendor(page, 'Berger-Levrault');
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByRole('button', { name: 'Inviter un contact' }).click();
  const form = page.getByRole('form', { name: 'Inviter un contact de Berger-Levrault' });
  await expect(form.getByLabel('Nom (obligatoire)')).toBeFocused();
  await form.getByLabel('Nom (obligatoire)').fill('Claire Dumas');
  await form.getByLabel('Adresse électronique (obligatoire)').fill('claire');
  await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'n’est pas valide' })).toBeFocused();
  await expectAccessible(page);
  await form.getByLabel('Adresse électronique (obligatoire)').fill(email);
  await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  // No mail server in these tests: the account exists, and the page says the e-mail could not leave.
  await expect(
    contacts
      .getByRole('status')
      .filter({ hasText: 'Claire Dumas est enregistré comme contact de Berger-Levrault' }),
  ).toBeVisible();
  const row = contacts.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Claire Dumas');
  await expect(row).toContainText('Actif');

  await contacts.getByRole('button', { name: 'Inviter un contact' }).click();
  await form.getByLabel('Nom (obligatoire)').fill('Responsable sécurité');
  await form.getByLabel('Adresse électronique (obligatoire)').fill(RSSI);
  await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'déjà celle d’un compte Vigie' })).toBeVisible();
  await expect(contacts.getByRole('row').filter({ hasText: RSSI })).toHaveCount(0);
  await expectPageBasics(page, /Berger-Levrault/);
});

test('the administrator invites contacts too, but records no contract and sends no questionnaire', async ({
  page,
}) => {
  await signIn(page, 'admin@vigie.local', 'Vigie-admin-2026!');
  await openVendor(page, 'Digitech');
  await expect(
    page.getByRole('region', { name: 'Contacts' }).getByRole('button', { name: 'Inviter un contact' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nouveau contrat' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Envoyer un questionnaire' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Modifier le profil' })).toHaveCount(0);
  await expectAccessible(page);
});

test('the auditor reads the templates without any button that changes them', async ({ page }) => {
  await signIn(page, AUDITOR);
  await openTemplates(page);
  await expect(page.getByRole('link', { name: 'Nouveau modèle' })).toHaveCount(0);
  await page.getByRole('link', { name: BUILTIN }).click();
  await expect(page.getByRole('heading', { level: 1, name: BUILTIN })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Créer un modèle à partir de celui-ci' })).toHaveCount(0);
  await page.goto('/fournisseurs/modeles/nouveau');
  await expect(page.getByText('Seul le responsable de la sécurité crée les modèles')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Créer le modèle' })).toHaveCount(0);
  await expectAccessible(page);
});

test('unknown templates, and templates opened by a vendor contact, are « introuvable »', async ({
  page,
  browser,
  request,
}) => {
  const token = await tokenOf(request, RSSI);
  const list = await request.get('/api/v1/questionnaire-templates', {
    headers: { Authorization: `Bearer ${token}` },
  });
  const builtinId = ((await list.json()).items as { id: string; builtin: boolean }[]).find(
    (t) => t.builtin,
  )!.id;

  await signIn(page, RSSI);
  await page.goto('/fournisseurs/modeles/00000000-0000-4000-8000-000000000999');
  await expect(page.getByRole('heading', { level: 1, name: 'Modèle introuvable' })).toBeVisible();
  await expectPageBasics(page, titled('Modèle introuvable'));
  await page.goto('/fournisseurs/modeles/nouveau?depuis=00000000-0000-4000-8000-000000000999');
  await expect(page.getByRole('heading', { level: 1, name: 'Modèle introuvable' })).toBeVisible();

  // A vendor contact: neither the page nor the API (no weight may reach it).
  const vendorContext = await browser.newContext();
  const vendor = await vendorContext.newPage();
  await vendor.goto('/connexion');
  await vendor.getByLabel('Adresse électronique').fill(VENDOR_CONTACT);
  await vendor.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await vendor.getByRole('button', { name: 'Se connecter' }).click();
  await expect(vendor.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  await vendor.goto(`/fournisseurs/modeles/${builtinId}`);
  await expect(vendor.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
  await expect(vendor.getByText(/poids/i)).toHaveCount(0);
  const answer = await vendor.request.get(`/api/v1/questionnaire-templates/${builtinId}`);
  expect(answer.status()).toBe(404);
  await vendorContext.close();
});
