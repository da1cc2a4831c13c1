import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  chooseFileByKeyboard,
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  READER,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

const RSSI = 'rssi@siim94.demo';
const VENDOR_CONTACT = 'contact@berger-levrault.demo';
/** What a vendor contact must never read: the operator's weights, points and score. */
const SCORING = /score|pond[ée]ration|poids|\bpoints?\b(?! de contact)|\/\s*100|\bnote\b/i;

async function signInVendor(page: Page): Promise<void> {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(VENDOR_CONTACT);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
}

/** Presses Tab until `target` has the focus (keyboard only, as a person without a mouse would). */
async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  for (let i = 0; i < limit && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

const auth = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function vendorIds(request: APIRequestContext, token: string) {
  const answer = await request.get('/api/v1/organisations?kind=vendor&pageSize=200', auth(token));
  expect(answer.status()).toBe(200);
  const items = (await answer.json()).items as { id: string; name: string }[];
  return {
    bergerLevrault: items.find((o) => o.name === 'Berger-Levrault')!.id,
    digitech: items.find((o) => o.name === 'Digitech')!.id,
  };
}

/** A short template of the RSSI's (four questions, one scored), so that the vendor's run stays readable. */
async function createTemplate(request: APIRequestContext, token: string, name: string): Promise<string> {
  const answer = await request.post('/api/v1/questionnaire-templates', {
    ...auth(token),
    data: {
      name,
      sections: [
        {
          key: 'securite',
          title: 'Sécurité du service',
          questions: [
            {
              key: 'pssi',
              text: 'Disposez-vous d’une politique de sécurité des systèmes d’information ?',
              type: 'yes-no',
              required: true,
              weight: 10,
              evidenceRequested: true,
            },
            {
              key: 'hebergement',
              text: 'Où les données sont-elles hébergées ?',
              type: 'single-choice',
              required: true,
              weight: 5,
              choices: [
                { value: 'france', label: 'En France', score: 100 },
                { value: 'ue', label: 'Dans l’Union européenne', score: 60 },
                { value: 'hors-ue', label: 'Hors de l’Union européenne', score: 0 },
              ],
              evidenceRequested: false,
            },
            {
              key: 'contact',
              text: 'Qui est votre responsable de la sécurité ?',
              type: 'text',
              required: true,
              weight: 0,
              evidenceRequested: false,
            },
            {
              key: 'effectif',
              text: 'Combien de personnes travaillent à la sécurité ?',
              type: 'number',
              required: false,
              weight: 0,
              evidenceRequested: false,
            },
          ],
        },
      ],
    },
  });
  expect(answer.status()).toBe(201);
  return (await answer.json()).id as string;
}

function inDays(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test('the RSSI sends a questionnaire, the vendor answers it with the keyboard alone and submits, the RSSI reviews', async ({
  page,
  browser,
  request,
}) => {
  // Three people's pages, each checked by axe, on a machine shared by several runs: more than the default minute.
  test.setTimeout(240_000);
  const rssiToken = await tokenOf(request, RSSI);
  const templateName = `Questionnaire court ${Date.now()}`;
  await createTemplate(request, rssiToken, templateName);

  // The RSSI sends it from « Fournisseurs ».
  await signIn(page, RSSI);
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  await nav.getByRole('link', { name: 'Fournisseurs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fournisseurs' })).toBeVisible();
  await expectPageBasics(page, /Fournisseurs/);
  await page.getByRole('button', { name: 'Envoyer un questionnaire' }).click();
  await expect(page.getByLabel('Fournisseur (obligatoire)')).toBeFocused();
  await expectAccessible(page);
  // Sent without a vendor: refused at its field.
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(page.getByLabel('Fournisseur (obligatoire)')).toHaveAccessibleDescription(
    /Choisissez le fournisseur/,
  );
  await page.getByLabel('Fournisseur (obligatoire)').selectOption({ label: 'Berger-Levrault' });
  await page.getByLabel('Modèle de questionnaire (obligatoire)').selectOption({ label: templateName });
  await page.getByLabel('Date limite de réponse (obligatoire)').fill(inDays(20));
  await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'est envoyé à Berger-Levrault' })).toBeVisible();
  const sentLink = page.getByRole('link', { name: new RegExp(`^${templateName} — Berger-Levrault`) });
  await expect(sentLink).toBeVisible();
  const questionnaireId = (await sentLink.getAttribute('href'))!.split('/').pop()!;
  await expectAccessible(page);

  // The vendor contact: « Questionnaires » only, nothing else of Vigie.
  const vendorContext = await browser.newContext();
  const vendor = await vendorContext.newPage();
  await signInVendor(vendor);
  await expectPageBasics(vendor, /Questionnaires/);
  const vendorNav = vendor.getByRole('navigation', { name: 'Menu principal' });
  await expect(vendorNav.getByRole('link')).toHaveCount(1);
  await expect(vendorNav.getByRole('link', { name: 'Questionnaires' })).toBeVisible();
  await expect(vendor.getByRole('main')).not.toContainText(SCORING);
  const row = vendor.getByRole('row').filter({ has: vendor.getByRole('link', { name: templateName }) });
  await expect(row).toContainText(/dans (19|20|21) jours/);
  for (const other of [
    '/registre',
    '/fournisseurs',
    `/fournisseurs/contrats/${questionnaireId}`,
    '/compte',
  ]) {
    await vendor.goto(other);
    await expect(vendor.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeVisible();
    await expect(vendor.getByRole('main')).not.toContainText(/Registre des activités|Fournisseurs/);
  }
  await expectAccessible(vendor);
  await vendor.getByRole('link', { name: 'Retour aux questionnaires' }).click();
  await vendor.getByRole('link', { name: templateName }).click();
  await expect(vendor.getByRole('heading', { level: 1, name: templateName })).toBeVisible();
  await expectPageBasics(vendor, new RegExp(templateName));
  await expect(vendor.getByRole('main')).not.toContainText(SCORING);
  const missing = vendor.getByRole('list', { name: 'Questions obligatoires sans réponse' });
  await expect(missing.getByRole('listitem')).toHaveCount(3);

  // Keyboard only: question 1 « Oui » and its justification file, question 2 by the arrow keys, question 3 typed.
  await vendor.locator('body').focus();
  await tabTo(vendor, vendor.getByRole('radio', { name: 'Oui' }));
  await vendor.keyboard.press('Space');
  await expect(vendor.getByRole('radio', { name: 'Oui' })).toBeChecked();
  const file = vendor.getByLabel('Joindre un fichier à la question 1 (justificatif demandé)');
  const chooser = await chooseFileByKeyboard(vendor, file);
  await chooser.setFiles({
    name: 'politique-securite.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Politique de sécurité des systèmes d’information, version 3, validée en 2026.\n'),
  });
  await expect(
    vendor.getByRole('status').filter({ hasText: '« politique-securite.txt » est joint' }),
  ).toBeVisible();
  await expect(vendor.getByRole('link', { name: 'politique-securite.txt' })).toBeVisible();
  await tabTo(vendor, vendor.getByRole('radio', { name: 'En France' }));
  await vendor.keyboard.press('Space');
  await vendor.keyboard.press('ArrowDown');
  await expect(vendor.getByRole('radio', { name: 'Dans l’Union européenne' })).toBeChecked();
  const who = vendor.getByLabel(/3\. Qui est votre responsable de la sécurité \? \(obligatoire\)/);
  await tabTo(vendor, who);
  await vendor.keyboard.type('Claire Martin, RSSI du groupe');
  await expect(vendor.getByRole('status').filter({ hasText: /Réponses enregistrées à/ })).toBeVisible();
  await expect(missing).toHaveCount(0);
  await expect(vendor.getByText('Toutes les questions obligatoires ont une réponse.')).toBeVisible();
  await expectAccessible(vendor);

  // Another contact changes question 2 and answers question 4 meanwhile (the score, hence the version, moves
  // on): the next save here answers 409, reloads, takes the other answers and re-applies the ones typed here.
  const vendorToken = await tokenOf(request, VENDOR_CONTACT);
  const before = await (
    await request.get(`/api/v1/questionnaires/${questionnaireId}`, auth(vendorToken))
  ).json();
  const other = await request.put(`/api/v1/questionnaires/${questionnaireId}/answers`, {
    ...auth(vendorToken),
    data: {
      answers: [
        { questionKey: 'hebergement', value: 'france' },
        { questionKey: 'effectif', value: 4 },
      ],
      version: before.version,
    },
  });
  expect(other.status()).toBe(200);
  const precision = vendor.getByLabel('Précisions sur la question 3 (facultatif)');
  await tabTo(vendor, precision);
  await vendor.keyboard.type('Joignable au 01 23 45 67 89');
  await expect(
    vendor.getByRole('status').filter({ hasText: /Un autre contact a répondu entre-temps/ }),
  ).toContainText('questions 2, 4');
  await expect(vendor.getByRole('status').filter({ hasText: /Réponses enregistrées à/ })).toBeVisible();
  await expect(vendor.getByLabel(/4\. Combien de personnes/)).toHaveValue('4');
  await expect(vendor.getByRole('radio', { name: 'En France' })).toBeChecked();
  const saved = await (
    await request.get(`/api/v1/questionnaires/${questionnaireId}`, auth(vendorToken))
  ).json();
  const answers = Object.fromEntries(
    saved.sections.flatMap((s: { questions: { key: string; answer: unknown }[] }) =>
      s.questions.map((q) => [q.key, q.answer]),
    ),
  ) as Record<string, { value: unknown; comment: string | null } | null>;
  expect(answers.pssi?.value).toBe('yes');
  expect(answers.hebergement?.value).toBe('france');
  expect(answers.contact).toEqual(
    expect.objectContaining({
      value: 'Claire Martin, RSSI du groupe',
      comment: 'Joignable au 01 23 45 67 89',
    }),
  );
  expect(answers.effectif?.value).toBe(4);
  expect(JSON.stringify(saved)).not.toMatch(/"(score|weight)"/);

  const submit = vendor.getByRole('button', { name: 'Soumettre' });
  await tabTo(vendor, submit);
  await vendor.keyboard.press('Enter');
  await expect(vendor.getByRole('status').filter({ hasText: 'Le questionnaire est soumis' })).toBeVisible();
  await expect(vendor.getByText('Soumis, en revue')).toBeVisible();
  await expect(vendor.getByRole('button', { name: 'Soumettre' })).toHaveCount(0);
  await expect(vendor.getByRole('main')).not.toContainText(SCORING);
  await expectAccessible(vendor);

  // The RSSI reviews at the same address: answers, the file, the score, comments, the decision, the report.
  await page.goto(`/questionnaires/${questionnaireId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `${templateName} — Berger-Levrault` }),
  ).toBeVisible();
  await expectPageBasics(page, new RegExp(templateName));
  await expect(page.getByRole('term').filter({ hasText: 'Note' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(/\d+(,\d)? \/ 100/);
  await expect(page.getByRole('link', { name: 'politique-securite.txt' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Claire Martin, RSSI du groupe');
  const report = await page.request.get(`/api/v1/questionnaires/${questionnaireId}/report.pdf`);
  expect(report.status()).toBe(200);
  expect(report.headers()['content-type']).toContain('application/pdf');
  await expect(page.getByRole('link', { name: 'Télécharger le rapport (PDF)' })).toBeVisible();

  await page.getByRole('button', { name: 'Commenter la question 2' }).click();
  await page
    .getByLabel('Commentaire sur la question 2 (obligatoire)')
    .fill('Précisez le pays et l’hébergeur.');
  await page.getByRole('button', { name: 'Ajouter le commentaire' }).click();
  await expect(page.getByText('Pour le fournisseur : Précisez le pays et l’hébergeur.')).toBeVisible();
  await page.getByRole('button', { name: 'Commenter la question 1' }).click();
  await page.getByLabel('Commentaire sur la question 1 (obligatoire)').fill('PSSI à relire en comité.');
  await page.getByLabel('Commentaire interne (jamais montré au fournisseur)').check();
  await page.getByRole('button', { name: 'Ajouter le commentaire' }).click();
  await expect(page.getByText('Interne : PSSI à relire en comité.')).toBeVisible();
  // Requesting changes needs a comment for the vendor.
  await page.getByLabel('Demander des compléments').check();
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByLabel('Commentaire pour le fournisseur')).toHaveAccessibleDescription(
    /ce qu’il doit modifier/,
  );
  await page.getByLabel('Commentaire pour le fournisseur').fill('Merci de préciser l’hébergeur des données.');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Les compléments sont demandés' })).toBeVisible();
  await expectAccessible(page);

  // The vendor reads the requested changes beside its answers, never the internal comment nor any score.
  await vendor.reload();
  await expect(vendor.getByRole('heading', { name: 'Compléments demandés par le relecteur' })).toBeVisible();
  await expect(vendor.getByText('Merci de préciser l’hébergeur des données.')).toBeVisible();
  await expect(
    vendor.getByRole('complementary', { name: 'Remarques du relecteur sur la question 2' }),
  ).toContainText('Précisez le pays et l’hébergeur.');
  await expect(vendor.getByRole('main')).not.toContainText('PSSI à relire en comité');
  await expect(vendor.getByRole('main')).not.toContainText(SCORING);
  await expect(vendor.getByRole('radio', { name: 'En France' })).toBeChecked();
  await expect(vendor.getByRole('button', { name: 'Enregistrer' })).toBeVisible();
  await expectAccessible(vendor);
  await vendorContext.close();
});

test('a vendor contact opening another vendor’s questionnaire reads « introuvable »', async ({
  page,
  request,
}) => {
  const rssiToken = await tokenOf(request, RSSI);
  const { digitech } = await vendorIds(request, rssiToken);
  const templates = await (await request.get('/api/v1/questionnaire-templates', auth(rssiToken))).json();
  const sent = await request.post('/api/v1/questionnaires', {
    ...auth(rssiToken),
    data: { templateId: templates.items[0].id, vendorId: digitech, dueDate: inDays(30) },
  });
  expect(sent.status()).toBe(201);
  const id = (await sent.json()).id as string;
  await signInVendor(page);
  await page.goto(`/questionnaires/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaire introuvable' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('Digitech');
  await expectPageBasics(page, /introuvable/);
  // Nor is it in its list.
  await page.getByRole('link', { name: 'Retour aux questionnaires' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Questionnaires' })).toBeVisible();
  await expect(page.locator(`a[href="/questionnaires/${id}"]`)).toHaveCount(0);
});

test('the RSSI reads a contract’s clause checklist, the Art. 28.3 non-compliances first, and records a clause', async ({
  page,
}) => {
  await signIn(page, RSSI);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Fournisseurs' })
    .click();
  const contracts = page.getByRole('region', { name: 'Contrats' });
  await expect(contracts.getByRole('cell', { name: 'Non conforme' }).first()).toBeVisible();
  await contracts.getByRole('rowheader').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Contrat / })).toBeVisible();
  await expectPageBasics(page, /Contrat/);
  const summary = page.getByRole('heading', { level: 2, name: /non-conformités? à l’article 28\.3/ });
  await expect(summary).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  // Header, then the non-compliances first.
  await expect(rows.nth(1)).toContainText('Non-conformité à l’article 28.3');
  const first = rows.nth(1);
  const status = first.getByRole('combobox', { name: /^Statut : / });
  await status.selectOption('present');
  await first.getByRole('textbox', { name: /^Référence dans le contrat : / }).fill('Avenant n° 2, art. 4');
  await first.getByRole('textbox', { name: /^Commentaire : / }).fill('Avenant signé le 2 novembre 2026');
  await first.getByRole('button', { name: /^Enregistrer/ }).click();
  await expect(
    page.getByRole('status').filter({ hasText: /Clause « .* » enregistrée : présente\./ }),
  ).toBeVisible();
  await expectAccessible(page);
  const pdf = await page.request.get(
    (await page.getByRole('link', { name: 'Télécharger la grille des clauses (PDF)' }).getAttribute('href'))!,
  );
  expect(pdf.headers()['content-type']).toContain('application/pdf');
});

test('the RSSI records a vendor’s certification on its profile, an expired one shown as such', async ({
  page,
}) => {
  await signIn(page, RSSI);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Fournisseurs' })
    .click();
  await page.getByRole('region', { name: 'Fournisseurs' }).getByRole('link', { name: 'Digitech' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Digitech' })).toBeVisible();
  await expectPageBasics(page, /Digitech/);
  await page.getByRole('button', { name: 'Modifier le profil' }).click();
  await page.getByRole('button', { name: 'Ajouter une certification' }).click();
  // A certification without its reference is refused, the error linked to the field.
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(page.getByRole('alert')).toContainText('Certification 1 : indiquez sa référence.');
  await page.getByLabel('Certification 1 : type').selectOption({ label: 'HDS' });
  await page
    .getByLabel('Certification 1 : référence du certificat (obligatoire)')
    .fill('Certificat HDS n° 2023-042');
  await page.getByLabel('Certification 1 : valable jusqu’au').fill('2025-06-30');
  await page.getByLabel('Pays où les données sont hébergées').fill('FR');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Le profil du fournisseur est enregistré.' }),
  ).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Certificat HDS n° 2023-042' })).toContainText(
    '(valable jusqu’au 30 juin 2025) — expirée',
  );
  await expectAccessible(page);
});

test('a member’s DPO reads the vendor assurance of the applications a processing activity uses', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, token)).find((m) => /Ivry/.test(m.organisationName))!;
  await signIn(page, SHARED_DPO);
  await page.getByLabel('Organisme').selectOption({ label: ivry.organisationName });
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Registre' })
    .click();
  await page.getByRole('link', { name: "Instruction et suivi des demandes d'aide sociale (CCAS)" }).click();
  const assurance = page.getByRole('region', { name: 'Garanties des sous-traitants' });
  await expect(assurance.getByRole('heading', { name: 'BL Social — Berger-Levrault' })).toBeVisible();
  await expect(assurance).toContainText(/Contrat .+ : non conforme à l’article 28\.3/);
  await expect(assurance).toContainText('Questionnaire de sécurité');
  await expectPageBasics(page, /Instruction et suivi/);
});

test('the RSSI reads a vendor’s contacts on its page', async ({ page }) => {
  await signIn(page, RSSI);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Fournisseurs' })
    .click();
  await page
    .getByRole('region', { name: 'Fournisseurs' })
    .getByRole('link', { name: 'Berger-Levrault' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Berger-Levrault' })).toBeVisible();
  const contacts = page.getByRole('region', { name: 'Contacts' });
  const row = contacts.getByRole('row').filter({ hasText: VENDOR_CONTACT });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link', { name: VENDOR_CONTACT })).toHaveAttribute(
    'href',
    `mailto:${VENDOR_CONTACT}`,
  );
  await expect(row).toContainText('Actif');
  // Only this vendor's contacts: none of Digitech's.
  await expect(contacts.getByRole('row').filter({ hasText: /@digitech/ })).toHaveCount(0);
  await expectPageBasics(page, /Berger-Levrault/);
});

test('the RSSI opens an application from « Fournisseurs » and reads its vendor’s assurance, read only', async ({
  page,
}) => {
  await signIn(page, RSSI);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Fournisseurs' })
    .click();
  const applications = page.getByRole('region', { name: 'Applications' });
  await expect(applications.getByRole('row').filter({ hasText: 'BL Social' })).toContainText(
    'Berger-Levrault',
  );
  await applications.getByRole('link', { name: 'BL Social', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'BL Social' })).toBeVisible();
  const assurance = page.getByRole('region', { name: 'Garanties de l’éditeur' });
  await expect(assurance).toContainText('Éditeur : Berger-Levrault');
  await expect(assurance).toContainText(/Contrat .+ : non conforme à l’article 28\.3/);
  await expect(assurance).toContainText('Questionnaire de sécurité');
  await expect(page.getByRole('region', { name: "Membres qui l'utilisent" })).toContainText(/Ivry/);
  // Read only: nothing to deploy, withdraw or edit here.
  await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
  await expectPageBasics(page, /BL Social/);
  await assurance.getByRole('link', { name: 'Berger-Levrault' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Berger-Levrault' })).toBeVisible();
});

test('the administrator reads the vendor’s assurance on the application’s administration page', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, RSSI);
  const list = await request.get('/api/v1/applications?pageSize=200', auth(token));
  const blSocial = ((await list.json()).items as { id: string; name: string }[]).find(
    (a) => a.name === 'BL Social',
  )!;
  await signIn(page, 'admin@vigie.local', 'Vigie-admin-2026!');
  await page.goto(`/administration/applications/${blSocial.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'BL Social' })).toBeVisible();
  const assurance = page.getByRole('region', { name: 'Garanties de l’éditeur' });
  await expect(assurance).toContainText('Éditeur : Berger-Levrault');
  await expect(assurance).toContainText(/Contrat .+ : non conforme à l’article 28\.3/);
  await expectPageBasics(page, /BL Social/);
});

test('a member’s reader opening an application not deployed for it reads « introuvable »', async ({
  page,
  request,
}) => {
  const all = (
    await (await request.get('/api/v1/applications?pageSize=200', auth(await tokenOf(request, RSSI)))).json()
  ).items as { id: string }[];
  const visible = new Set(
    (
      (
        await (
          await request.get('/api/v1/applications?pageSize=200', auth(await tokenOf(request, READER)))
        ).json()
      ).items as { id: string }[]
    ).map((a) => a.id),
  );
  const hidden = all.find((a) => !visible.has(a.id));
  expect(hidden).toBeTruthy();
  await signIn(page, READER);
  await page.goto(`/applications/${hidden!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Application introuvable' })).toBeVisible();
  await expectPageBasics(page, /Application introuvable/);
});
