import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  chooseFileByKeyboard,
  expectAccessible,
  expectPageBasics,
  SHARED_DPO,
  REFERENT,
  signIn,
  tokenOf,
} from './support/helpers';

const RSSI = 'rssi@siim94.demo';
const AUDITOR = 'auditeur@certification.demo';
const ISO = 'ISO 27001 — certification 2026';
const HDS = 'HDS v2 — certification 2026';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const CSV_HEADER = 'username,displayName,email,role,lastLogin,reviewerEmail';

const inDays = (days: number) => {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function assessmentId(request: APIRequestContext, token: string, name: string): Promise<string> {
  const answer = await request.get('/api/v1/assessments?pageSize=100', { headers: bearer(token) });
  expect(answer.status()).toBe(200);
  const found = (await answer.json()).items.find((a: { name: string }) => a.name === name);
  expect(found).toBeTruthy();
  return found.id as string;
}

async function requirementId(
  request: APIRequestContext,
  token: string,
  assessment: string,
  ref: string,
): Promise<string> {
  const answer = await request.get(`/api/v1/assessments/${assessment}/requirements?pageSize=200`, {
    headers: bearer(token),
  });
  return (await answer.json()).items.find((r: { ref: string }) => r.ref === ref).id as string;
}

/** An evidence uploaded through the API, for the tests that read one. */
async function uploadVia(
  request: APIRequestContext,
  token: string,
  assessment: string,
  requirement: string,
  name: string,
): Promise<{ id: string; fileName: string }> {
  const answer = await request.post(
    `/api/v1/assessments/${assessment}/requirements/${requirement}/evidence`,
    {
      headers: bearer(token),
      multipart: {
        file: { name, mimeType: 'application/pdf', buffer: PDF },
        effectiveDate: inDays(-1),
      },
    },
  );
  expect(answer.status()).toBe(201);
  return answer.json();
}

/** A download's bytes start as a PDF's. */
async function expectPdfDownload(page: Page, name: string | RegExp): Promise<void> {
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  const path = await file.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
}

test('RSSI: an assessment by theme, edited in place, a requirement justified, an evidence uploaded and reused, the SoA downloaded', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signIn(page, RSSI);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Certification' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certification' })).toBeVisible();
  await expectPageBasics(page, /Certification/);

  await page.getByRole('link', { name: ISO }).click();
  await expect(page.getByRole('heading', { level: 1, name: ISO })).toBeVisible();
  await expect(page.getByRole('link', { name: 'A.5.18', exact: true })).toBeVisible();
  // The charts are images named by their caption, with their figures as a table.
  await expect(page.getByRole('img', { name: 'Exigences par thème et par statut' })).toBeVisible();
  await page.getByText('Données du graphique en tableau').first().click();
  await expect(page.getByRole('table', { name: 'Exigences par statut' })).toBeVisible();
  await expectPageBasics(page, new RegExp(ISO));

  // Filters: status « En cours » keeps A.5.18 (in progress in the demo) and hides A.5.1 (implemented).
  await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'En cours' });
  await expect(page.getByRole('link', { name: 'A.5.18', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'A.5.1', exact: true })).toHaveCount(0);
  await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'Tous' });
  await page.getByLabel('Référence ou intitulé').fill('A.5.2');
  await expect(page.getByRole('link', { name: 'A.5.2', exact: true })).toBeVisible();
  // Keyboard editing in the table: the status of A.5.2, saved as soon as it changes.
  const status = page.getByLabel('Statut de A.5.2', { exact: true });
  await status.focus();
  await status.selectOption('in-progress');
  await expect(page.getByRole('status').filter({ hasText: 'A.5.2 : En cours' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Statut de A.5.2', { exact: true })).toHaveValue('in-progress');
  await page.getByLabel('Référence ou intitulé').fill('');
  // Progress over time: today's point counts that change, in the chart's table too.
  const overTime = 'Avancement dans le temps (exigences par statut, en fin de journée)';
  await expect(page.getByRole('img', { name: overTime })).toBeVisible();
  await expect(page.getByText(/les exigences mises en œuvre|mises? en œuvre sur/).first()).toBeVisible();
  const timeTable = page.getByRole('table', { name: overTime });
  const overTimeFigure = page.getByRole('figure', { name: overTime });
  await overTimeFigure.getByText('Données du graphique en tableau').click();
  const today = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Paris',
  })
    .format(new Date())
    .replace(/^1 /, '1er ');
  const todayRow = timeTable.getByRole('row', { name: new RegExp(`^${today}`) });
  await expect(todayRow).toBeVisible();
  const changesToday = Number(await todayRow.getByRole('cell').last().innerText());
  expect(changesToday).toBeGreaterThanOrEqual(1);
  await expectAccessible(page);

  // The requirement: justification and inclusion reasons.
  await page.getByRole('link', { name: 'A.5.18', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('A.5.18');
  await page
    .getByLabel('Justification')
    .fill('Les droits d’accès sont revus chaque semestre pour chaque membre.');
  await page.getByLabel('Exigence légale ou réglementaire').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Les modifications sont enregistrées.' }),
  ).toBeVisible();
  await expectPageBasics(page, /A\.5\.18/);

  // An evidence by the file picker, expiring within 30 days: flagged.
  await page
    .getByLabel('Fichier')
    .setInputFiles({ name: 'politique-acces.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByLabel("Date d'expiration").fill(inDays(10));
  await page.getByRole('button', { name: 'Ajouter une preuve' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'La preuve « politique-acces.pdf » est ajoutée.' }),
  ).toBeVisible();
  const row = page.getByRole('row', { name: /politique-acces\.pdf/ });
  await expect(row.getByText('Expire bientôt')).toBeVisible();

  // A second one dropped on the drop zone, already expired.
  const dataTransfer = await page.evaluateHandle(
    (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], 'revue-2025.pdf', { type: 'application/pdf' }));
      return transfer;
    },
    [...PDF],
  );
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Fichier choisi : revue-2025.pdf')).toBeVisible();
  await page.getByLabel("Date d'effet").fill(inDays(-400));
  await page.getByLabel("Date d'expiration").fill(inDays(-35));
  await page.getByRole('button', { name: 'Ajouter une preuve' }).click();
  await expect(page.getByRole('row', { name: /revue-2025\.pdf/ }).getByText('Expirée')).toBeVisible();
  await expectAccessible(page);

  // The evidence page: reused for an HDS requirement.
  await row.getByRole('link', { name: 'politique-acces.pdf' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Preuve : politique-acces.pdf' })).toBeVisible();
  await expectPageBasics(page, /politique-acces\.pdf/);
  await page
    .getByLabel('Évaluation', { exact: true })
    .selectOption({ label: `${HDS} (HDS (hébergeur de données de santé))` });
  const requirement = page.getByRole('combobox', { name: /^Exigence/ });
  await expect(requirement.locator('option')).not.toHaveCount(1);
  await requirement.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Utiliser pour cette exigence' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La preuve sert aussi à' })).toBeVisible();
  const links = page.getByRole('table').getByRole('row');
  await expect(links).toHaveCount(3);
  await expect(page.getByRole('cell', { name: new RegExp(HDS) })).toBeVisible();

  // Back to the assessment: the Statement of Applicability and the report.
  await page.getByRole('link', { name: 'A.5.18' }).click();
  await page.getByRole('link', { name: ISO }).click();
  await expectPdfDownload(page, "Télécharger la déclaration d'applicabilité (PDF)");

  // The HDS assessment: the cross view towards ISO 27001 and the HDS report.
  await page.goto('/certification');
  await page.getByRole('link', { name: HDS }).click();
  await expect(page.getByRole('columnheader', { name: 'Correspondance ISO 27001' }).first()).toBeVisible();
  await expectPageBasics(page, new RegExp(HDS));
  await expectPdfDownload(page, 'Télécharger le rapport HDS (PDF)');
});

test('keyboard only: the RSSI adds an evidence to a requirement', async ({ page, request }) => {
  const token = await tokenOf(request, RSSI);
  const iso = await assessmentId(request, token, ISO);
  const control = await requirementId(request, token, iso, 'A.5.15');
  await signIn(page, RSSI);
  await page.goto(`/certification/${iso}/exigences/${control}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('A.5.15');
  const chooser = await chooseFileByKeyboard(page, page.getByLabel('Fichier'));
  await chooser.setFiles({ name: 'controle-acces.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByText('Fichier choisi : controle-acces.pdf')).toBeVisible();
  const submit = page.getByRole('button', { name: 'Ajouter une preuve' });
  while (!(await submit.evaluate((el) => el === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'La preuve « controle-acces.pdf » est ajoutée.' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'controle-acces.pdf' })).toBeVisible();
});

test('the auditor reads the certification pages without any button that changes them', async ({
  page,
  request,
}) => {
  const token = await tokenOf(request, RSSI);
  const iso = await assessmentId(request, token, ISO);
  const control = await requirementId(request, token, iso, 'A.5.18');
  const first = await uploadVia(request, token, iso, control, 'rapport-audit-interne.pdf');

  await signIn(page, AUDITOR);
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  await expect(nav.getByRole('link', { name: "Revues d'habilitations" })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Certification' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: ISO })).toBeVisible();
  await expect(main.getByRole('button')).toHaveCount(0);
  await expectPageBasics(page, /Certification/);

  await main.getByRole('link', { name: ISO }).click();
  await expect(main.getByRole('link', { name: 'A.5.18', exact: true })).toBeVisible();
  await expect(main.getByLabel('Statut de A.5.18')).toHaveCount(0);
  await expect(main.getByRole('button')).toHaveCount(0);
  await expect(
    main.getByRole('link', { name: "Télécharger la déclaration d'applicabilité (PDF)" }),
  ).toBeVisible();
  await expectPageBasics(page, new RegExp(ISO));

  await main.getByRole('link', { name: 'A.5.18', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('A.5.18');
  await expect(main.getByRole('heading', { name: 'Preuves' })).toBeVisible();
  await expect(main.getByRole('button')).toHaveCount(0);
  await expect(main.getByLabel('Fichier')).toHaveCount(0);
  await expect(main.getByRole('textbox')).toHaveCount(0);
  await expectPageBasics(page, /A\.5\.18/);

  await page.goto(`/preuves/${first.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Preuve : ${first.fileName}` })).toBeVisible();
  await expect(main.getByRole('button')).toHaveCount(0);
  await expect(main.getByRole('combobox')).toHaveCount(0);
  await expectPageBasics(page, /Preuve/);
});

test('an access review from the CSV import to the certificate, the assigned reviewer deciding', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const rssi = await tokenOf(request, RSSI);
  const dpo = await tokenOf(request, SHARED_DPO);
  const me = await (await request.get('/api/v1/auth/me', { headers: bearer(dpo) })).json();
  const ivry = me.memberships.find((m: { organisationName: string }) => /Ivry/.test(m.organisationName));
  expect(ivry).toBeTruthy();
  // An application deployed for Ivry.
  const apps = (
    await (await request.get('/api/v1/applications?pageSize=200', { headers: bearer(rssi) })).json()
  ).items as { id: string; name: string }[];
  let application: { id: string; name: string } | undefined;
  for (const app of apps) {
    const deployments = await (
      await request.get(`/api/v1/applications/${app.id}/deployments`, { headers: bearer(rssi) })
    ).json();
    if (deployments.items.some((d: { organisationId: string }) => d.organisationId === ivry.organisationId)) {
      application = app;
      break;
    }
  }
  expect(application).toBeTruthy();

  await signIn(page, RSSI);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: "Revues d'habilitations" })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: "Revues d'habilitations" })).toBeVisible();
  await expectPageBasics(page, /Revues d'habilitations/);
  await page.getByRole('button', { name: 'Nouvelle revue' }).click();
  await page.getByLabel('Application').selectOption(application!.id);
  await page.getByLabel('Membre').selectOption(ivry.organisationId);
  await page.getByLabel('Nom de la revue').fill('Revue des accès — essai navigateur');
  await page.getByLabel(/^Échéance/).fill(inDays(30));
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Créer la revue' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Revue des accès — essai navigateur' }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/revues\/[0-9a-f-]{36}$/);
  const campaignId = page.url().split('/').pop()!;
  await expectPageBasics(page, /Revue des accès/);

  // The CSV: one bad line, reported with its number.
  const csv = [
    CSV_HEADER,
    `e.redacteur,Émile Rédacteur,${REFERENT},agent,${inDays(-2)},${REFERENT}`,
    `,Sans identifiant,,agent,,`,
    `j.martin,Jeanne Martin,,agent,${inDays(-3)},`,
    `adm.compta,Admin Compta,,admin,${inDays(-1)},`,
  ].join('\n');
  await page.getByLabel('Fichier CSV des comptes').setInputFiles({
    name: 'comptes.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await page.getByRole('button', { name: 'Importer les comptes' }).click();
  await expect(page.getByText('3 comptes importés.')).toBeVisible();
  await expect(page.getByText(/Ligne 3 : username est vide/)).toBeVisible();
  await expectAccessible(page);

  // One by one, then by rule: both accounts without a reviewer email end with the référent.
  const jMartin = page.getByLabel('Relecteur de j.martin');
  await expect(jMartin).toBeVisible();
  await jMartin.selectOption({ label: 'Émile Rédacteur (référent, Ivry)' });
  await expect(
    page.getByRole('status').filter({ hasText: 'j.martin est confié à Émile Rédacteur' }),
  ).toBeVisible();
  await page.getByLabel('Comptes concernés').selectOption('role');
  await page.getByLabel('Rôle applicatif').selectOption('admin');
  await page
    .getByLabel('Relecteur', { exact: true })
    .selectOption({ label: 'Émile Rédacteur (référent, Ivry) (Référent)' });
  await page.getByRole('button', { name: 'Attribuer' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '1 compte confié à Émile Rédacteur' }),
  ).toBeVisible();
  await expect(page.getByLabel('Relecteur de adm.compta')).toHaveValue(await jMartin.inputValue());
  await expect(page.getByRole('img', { name: 'Comptes décidés et à décider, par relecteur' })).toBeVisible();

  await page.getByRole('button', { name: 'Ouvrir la revue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La revue est ouverte' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Clore la revue' })).toBeVisible();
  await expectAccessible(page);
  // Reminders: the one reviewer with accounts to decide, once a day.
  await page.getByRole('button', { name: 'Relancer les relecteurs' }).click();
  await expect(page.getByRole('status').filter({ hasText: '1 relecteur relancé.' })).toBeVisible();
  await page.getByRole('button', { name: 'Relancer les relecteurs' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Les relecteurs ont déjà été relancés aujourd’hui.' }),
  ).toBeVisible();

  // The assigned reviewer decides in their own space: their three accounts, and nobody else's.
  const referent = await tokenOf(request, REFERENT);
  const theirs = await request.get(`/api/v1/access-reviews/${campaignId}/items`, {
    headers: bearer(referent),
  });
  expect(theirs.status()).toBe(200);
  const items = (await theirs.json()).items as { id: string; username: string; version: number }[];
  expect(items.map((i) => i.username).sort()).toEqual(['adm.compta', 'e.redacteur', 'j.martin']);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, REFERENT);
  await page.goto(`/mes-revues/${campaignId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: /Revue des accès — essai navigateur/ }),
  ).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '3 comptes, 3 à décider' })).toBeVisible();
  await expectAccessible(page);
  for (const username of ['e.redacteur', 'j.martin', 'adm.compta']) {
    const revoke = username === 'adm.compta';
    await page.getByRole('button', { name: `Décider : ${username}` }).click();
    await page.getByLabel(revoke ? 'Révoquer le compte' : 'Conserver le compte').check();
    await page.getByLabel(/^Motif/).fill('Revue du semestre : compte vérifié avec le service.');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: `Compte ${username} : ${revoke ? 'révoqué' : 'conservé'}.` }),
    ).toBeVisible();
  }
  await expect(page.getByRole('status').filter({ hasText: '3 comptes, tous décidés' })).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, RSSI);
  await page.goto(`/revues/${campaignId}`);

  await page.reload();
  await expect(page.getByText('Chaque compte est décidé : la revue peut être close.')).toBeVisible();
  await page.getByRole('button', { name: 'Clore la revue' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La revue est close' })).toBeVisible();
  const board = page.getByRole('region', { name: /^À faire/ });
  await expect(board.getByText('adm.compta', { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Ce qui a été fait pour adm.compta').fill('Compte supprimé, ticket 4521.');
  await page.getByRole('button', { name: 'Marquer comme fait : adm.compta' }).click();
  await expect(
    page.getByRole('region', { name: 'Fait (1)' }).getByText('adm.compta', { exact: true }),
  ).toBeVisible();
  await expectPdfDownload(page, 'Télécharger le certificat (PDF)');
  await expectAccessible(page);

  // The members' DPO reads the campaign of their member, without the security officer's buttons.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, SHARED_DPO);
  await page.goto(`/revues/${campaignId}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Revue des accès — essai navigateur' }),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Marquer comme fait' })).toHaveCount(0);
  await expectPageBasics(page, /Revue des accès/);
});

test('cross-tenant addresses answer « introuvable »', async ({ page, request }) => {
  const rssi = await tokenOf(request, RSSI);
  const iso = await assessmentId(request, rssi, ISO);
  const control = await requirementId(request, rssi, iso, 'A.5.18');
  const first = await uploadVia(request, rssi, iso, control, 'charte-administrateurs.pdf');
  // A campaign of a member the shared DPO does not serve.
  const dpo = await tokenOf(request, SHARED_DPO);
  const mine = (
    (await (await request.get('/api/v1/auth/me', { headers: bearer(dpo) })).json()).memberships as {
      organisationId: string;
    }[]
  ).map((m) => m.organisationId);
  const apps = (
    await (await request.get('/api/v1/applications?pageSize=200', { headers: bearer(rssi) })).json()
  ).items as { id: string }[];
  let target: { applicationId: string; organisationId: string } | undefined;
  for (const app of apps) {
    const deployments = (
      await (
        await request.get(`/api/v1/applications/${app.id}/deployments`, { headers: bearer(rssi) })
      ).json()
    ).items as { organisationId: string }[];
    const other = deployments.find((d) => !mine.includes(d.organisationId));
    if (other) {
      target = { applicationId: app.id, organisationId: other.organisationId };
      break;
    }
  }
  expect(target).toBeTruthy();
  const created = await request.post('/api/v1/access-reviews', {
    headers: bearer(rssi),
    data: { ...target, name: 'Revue d’un autre membre', dueDate: inDays(20) },
  });
  expect(created.status()).toBe(201);
  const otherCampaign = (await created.json()).id as string;

  await signIn(page, SHARED_DPO);
  for (const [path, heading] of [
    [`/revues/${otherCampaign}`, 'Revue introuvable'],
    [`/preuves/${first.id}`, 'Preuve introuvable'],
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expectPageBasics(page, /introuvable/);
  }
  // Members rely on the hosting's certification through its progress only: the assessment itself is reserved.
  for (const path of [`/certification/${iso}`, `/certification/${iso}/exigences/${control}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: "Réservé à l'opérateur" })).toBeVisible();
    await expectPageBasics(page, /Réservé/);
  }
});
