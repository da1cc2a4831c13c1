import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  READER,
  REFERENT,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

const RSSI = 'rssi@siim94.demo';
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function ivryOf(request: APIRequestContext) {
  const token = await tokenOf(request, SHARED_DPO);
  const memberships = await membershipsOf(request, token);
  return {
    token,
    ivry: memberships.find((m) => /Ivry/.test(m.organisationName))!,
    villejuif: memberships.find((m) => /Villejuif/.test(m.organisationName))!,
  };
}

/** The RSSI opens a campaign on one of Ivry's applications, four accounts assigned to the référent. */
async function campaignForReferent(request: APIRequestContext, ivryId: string, name: string) {
  const rssi = await tokenOf(request, RSSI);
  const apps = await request.get('/api/v1/applications?pageSize=200', { headers: auth(rssi) });
  expect(apps.status()).toBe(200);
  let applicationId: string | undefined;
  for (const app of (await apps.json()).items as { id: string }[]) {
    const deployments = await request.get(`/api/v1/applications/${app.id}/deployments`, {
      headers: auth(rssi),
    });
    const body = await deployments.json();
    const list = (Array.isArray(body) ? body : body.items) as { organisationId: string }[];
    if (list.some((d) => d.organisationId === ivryId)) {
      applicationId = app.id;
      break;
    }
  }
  expect(applicationId).toBeDefined();
  const created = await request.post('/api/v1/access-reviews', {
    headers: auth(rssi),
    data: { organisationId: ivryId, applicationId, name, dueDate: day(14) },
  });
  expect(created.status()).toBe(201);
  const { id, version } = (await created.json()) as { id: string; version: number };
  const recent = day(-2);
  const csv = [
    'username,displayName,email,role,lastLogin,reviewerEmail',
    `jdupont,Jeanne Dupont,jdupont@ivry.example,Agent,${recent},${REFERENT}`,
    `pmartin,Paul Martin,pmartin@ivry.example,Agent,${recent},${REFERENT}`,
    `admin.si,Admin SI,admin.si@ivry.example,Administrateur,${recent},${REFERENT}`,
    `vieux,Ancien Compte,vieux@ivry.example,Agent,2020-01-15,${REFERENT}`,
  ].join('\n');
  const imported = await request.post(`/api/v1/access-reviews/${id}/accounts`, {
    headers: { ...auth(rssi), 'Content-Type': 'text/csv', 'If-Match': String(version) },
    data: csv,
  });
  expect(imported.status()).toBe(200);
  expect((await imported.json()).imported).toBe(4);
  const draft = await request.get(`/api/v1/access-reviews/${id}`, { headers: auth(rssi) });
  const opened = await request.post(`/api/v1/access-reviews/${id}/open`, {
    headers: auth(rssi),
    data: { version: (await draft.json()).version },
  });
  expect(opened.status()).toBe(200);
  return { id, rssi };
}

test('an assigned reviewer keeps the unflagged accounts at once, keeps a flagged one with a reason, revokes another', async ({
  page,
  request,
}) => {
  const { ivry } = await ivryOf(request);
  const name = `Revue des comptes ${Date.now()}`;
  const { id, rssi } = await campaignForReferent(request, ivry.organisationId, name);

  await signIn(page, REFERENT);
  // « À faire » lists the accounts waiting for me.
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByText('4 comptes à revoir')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  await nav.getByRole('link', { name: "Mes revues d'habilitations" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Mes revues d'habilitations" })).toBeVisible();
  await expectPageBasics(page, /Mes revues d'habilitations/);
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('4 à décider');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expectPageBasics(page, new RegExp(name));
  await expect(page.getByRole('row', { name: /admin\.si/ })).toContainText('Privilégié');
  await expect(page.getByRole('row', { name: /vieux/ })).toContainText('Dormant');

  // « Tout conserver »: only the two accounts without any flag, after a confirmation.
  await page.getByRole('button', { name: 'Tout conserver (2 comptes sans signalement)' }).click();
  await page.getByRole('button', { name: 'Confirmer : conserver 2 comptes' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 comptes conservés.' })).toBeVisible();
  await expect(page.getByRole('row', { name: /jdupont/ })).toContainText('Conservé');
  await expect(page.getByRole('row', { name: /admin\.si/ })).toContainText('À décider');
  await expect(page.getByRole('button', { name: /Tout conserver/ })).toHaveCount(0);

  // A privileged account is kept only with a reason.
  await page.getByRole('button', { name: 'Décider : admin.si' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: /Décision sur le compte admin\.si/ }),
  ).toBeFocused();
  await page.getByLabel('Conserver le compte').check();
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByLabel(/^Motif/)).toHaveAccessibleDescription(/Ce compte est signalé/);
  await expectAccessible(page);
  await page.getByLabel(/^Motif/).fill("Compte de l'administrateur fonctionnel, toujours en poste.");
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Compte admin.si : conservé.' })).toBeVisible();

  await page.getByRole('button', { name: 'Décider : vieux' }).click();
  await page.getByLabel('Révoquer le compte').check();
  await page.getByLabel(/^Motif/).fill('Agent parti en 2021.');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Compte vieux : révoqué.' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '4 comptes, tous décidés' })).toBeVisible();
  await expectAccessible(page);

  // The API holds the four decisions, with their reasons.
  const items = await request.get(`/api/v1/access-reviews/${id}/items`, { headers: auth(rssi) });
  const decided = Object.fromEntries(
    ((await items.json()).items as { username: string; decision: string; reason: string | null }[]).map(
      (i) => [i.username, [i.decision, i.reason]],
    ),
  );
  expect(decided).toEqual({
    jdupont: ['keep', null],
    pmartin: ['keep', null],
    'admin.si': ['keep', "Compte de l'administrateur fonctionnel, toujours en poste."],
    vieux: ['revoke', 'Agent parti en 2021.'],
  });

  // A reader of the same member, assigned nothing: no link, and the campaign's URL is « introuvable ».
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, READER);
  await expect(nav.getByRole('link', { name: "Mes revues d'habilitations" })).toHaveCount(0);
  await page.goto(`/mes-revues/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Revue introuvable' })).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
  await expectPageBasics(page, /Revue introuvable/);
});

test('breach: declared by the DPO, the 72-hour clock, the record PDF, then each status step the rules allow', async ({
  page,
  request,
}) => {
  const { ivry } = await ivryOf(request);
  const title = `Courriel envoyé au mauvais destinataire ${Date.now()}`;
  await signIn(page, SHARED_DPO);
  await page.getByLabel('Organisme').selectOption({ label: ivry.organisationName });
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Violations' })
    .click();
  await page.getByRole('link', { name: 'Déclarer une violation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Déclarer une violation' })).toBeVisible();
  await expectPageBasics(page, /Déclarer une violation/);

  // Refused at once: every missing field told, in a summary and at its field.
  await page.getByRole('button', { name: 'Enregistrer la violation' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient' })).toBeFocused();
  await expect(page.getByLabel(/^Intitulé/)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);

  await page.getByLabel(/^Intitulé/).fill(title);
  await page
    .getByLabel(/^Description des faits/)
    .fill("Un état civil envoyé à une autre famille que celle qui l'avait demandé.");
  await page.getByLabel('Perte de confidentialité').check();
  await page.getByLabel(/^Nombre approximatif de personnes concernées/).fill('3');
  await page.getByRole('button', { name: 'Enregistrer la violation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('region', { name: /Délai de 72 heures/ })).toContainText(
    /Notification à la CNIL : encore 7\d h|Notification à la CNIL : encore 6\d h/,
  );
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('À évaluer');
  await expectPageBasics(page, new RegExp(title));

  const pdf = await page
    .getByRole('link', { name: 'Télécharger la fiche de la violation (PDF)' })
    .getAttribute('href');
  const record = await page.request.get(pdf!);
  expect(record.status()).toBe(200);
  expect(record.headers()['content-type']).toContain('application/pdf');
  expect((await record.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // to-assess → assessed: only this step is offered.
  await expect(
    page.getByRole('heading', { level: 2, name: 'Enregistrer la notification à la CNIL' }),
  ).toHaveCount(0);
  await page.getByRole('button', { name: "Enregistrer l'évaluation" }).click();
  await expect(page.getByLabel(/^Niveau de risque pour les personnes/)).toHaveAccessibleDescription(
    /Choisissez le niveau de risque/,
  );
  await page.getByLabel(/^Niveau de risque pour les personnes/).selectOption('high-risk');
  await page.getByRole('button', { name: "Enregistrer l'évaluation" }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La violation est évaluée.' })).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Évaluée');
  // A risk: notification, not « non notifiable »; no closing yet.
  await expect(page.getByRole('button', { name: 'Enregistrer : non notifiable' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Clôturer la violation' })).toHaveCount(0);
  await expectAccessible(page);

  // assessed → notified.
  await page.getByLabel('Numéro de notification attribué par la CNIL').fill('CNIL-2026-0042');
  await page.getByRole('button', { name: 'Enregistrer la notification' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'La notification à la CNIL est enregistrée.' }),
  ).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Notifiée à la CNIL');
  await expect(page.getByRole('region', { name: /Délai de 72 heures/ })).toContainText(
    'Notifiée à la CNIL le',
  );

  // A high risk cannot be closed before the people are informed or the waiver is recorded: the API says why.
  await page.getByRole('button', { name: 'Clôturer la violation' }).click();
  await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: /risque élevé ne peut être clôturée/ }),
  ).toBeVisible();

  // Art. 34.3 waiver: its justification is required.
  await page.getByLabel(/Les personnes ne sont pas informées/).check();
  await page.getByLabel(/^Motif de la dérogation/).selectOption('34.3.b');
  await page.getByLabel(/^Justification de la dérogation/).fill('Courrier');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(page.getByLabel(/^Justification de la dérogation/)).toHaveAccessibleDescription(
    /au moins 10 caractères/,
  );
  await page
    .getByLabel(/^Justification de la dérogation/)
    .fill('Le courrier a été récupéré non ouvert chez le destinataire le lendemain.');
  await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: "La décision sur l'information des personnes est enregistrée." }),
  ).toBeVisible();
  await expect(page.locator('dt:text("Information des personnes") + dd')).toContainText('Art. 34.3.b');

  // notified → closed, final: no step left.
  await page.getByRole('button', { name: 'Clôturer la violation' }).click();
  await page.getByRole('button', { name: 'Confirmer la clôture' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La violation est clôturée.' })).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Clôturée');
  await expect(page.getByRole('button', { name: /Enregistrer|Clôturer/ })).toHaveCount(0);
  await expectAccessible(page);

  // The list links to it.
  await page.getByRole('link', { name: 'Registre des violations de données' }).click();
  await expect(page.getByRole('row', { name: new RegExp(title) })).toContainText('Clôturée');
});

test('breach without risk: the référent completes its description (a conflict offers to reload) and sees no DPO step; the DPO judges it not notifiable with its reason', async ({
  page,
  request,
}) => {
  const { ivry } = await ivryOf(request);
  const referent = await tokenOf(request, REFERENT);
  const title = `Clé USB chiffrée perdue ${Date.now()}`;
  const created = await request.post(`/api/v1/organisations/${ivry.organisationId}/breaches`, {
    headers: auth(referent),
    data: {
      title,
      awareAt: new Date(Date.now() - 3_600_000).toISOString(),
      description: 'Une clé USB chiffrée oubliée dans un train.',
      natures: ['availability'],
      dataCategories: [],
      approxSubjects: 40,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).id as string;

  await signIn(page, REFERENT);
  await page.goto(`/violations/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole('button', { name: "Enregistrer l'évaluation" })).toHaveCount(0);
  await expect(page.getByText("L'évaluation, la notification et la clôture reviennent au DPO")).toBeVisible();

  // The référent completes the description; saved meanwhile by someone else, the page offers to reload.
  await page.getByRole('button', { name: 'Compléter la description' }).click();
  await page.getByLabel('Mesures prises').fill('Signalement à la SNCF, objets trouvés contactés.');
  const meanwhile = await request.patch(`/api/v1/breaches/${id}`, {
    headers: auth(referent),
    data: { likelyConsequences: 'Aucune : la clé est chiffrée.', version: 1 },
  });
  expect(meanwhile.status()).toBe(200);
  await page.getByRole('button', { name: 'Enregistrer la description' }).click();
  await expect(page.getByRole('alert')).toContainText('Refusé');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Recharger la violation' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Conséquences probables' })).toBeVisible();
  await expect(page.getByLabel('Conséquences probables pour les personnes')).toHaveValue(
    'Aucune : la clé est chiffrée.',
  );
  await page.getByLabel('Mesures prises').fill('Signalement à la SNCF, objets trouvés contactés.');
  await page.getByRole('button', { name: 'Enregistrer la description' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'La description de la violation est enregistrée.' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Mesures prises' })).toBeVisible();
  await expect(page.getByText('Signalement à la SNCF, objets trouvés contactés.')).toBeVisible();
  await page.getByRole('button', { name: 'Se déconnecter' }).click();

  await signIn(page, SHARED_DPO);
  await page.goto(`/violations/${id}`);
  await page.getByLabel(/^Niveau de risque pour les personnes/).selectOption('none');
  await page.getByRole('button', { name: "Enregistrer l'évaluation" }).click();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Évaluée');
  await page.getByRole('button', { name: 'Enregistrer : non notifiable' }).click();
  await expect(page.getByLabel(/^Pourquoi la violation/)).toHaveAttribute('aria-invalid', 'true');
  await page
    .getByLabel(/^Pourquoi la violation/)
    .fill('Clé chiffrée (AES-256), mot de passe jamais communiqué.');
  await page.getByRole('button', { name: 'Enregistrer : non notifiable' }).click();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Non notifiable');
  await expect(page.getByRole('region', { name: /Délai de 72 heures/ })).toContainText('Pas de notification');
  await expectAccessible(page);
});

test('rights request: the référent records it, asks for an identity document, then answers it', async ({
  page,
}) => {
  const requester = `Dominique Leroy ${Date.now()}`;
  await signIn(page, REFERENT);
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Demandes de droits' })
    .click();
  await page.getByRole('link', { name: 'Nouvelle demande' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouvelle demande de droits' })).toBeVisible();
  await expectPageBasics(page, /Nouvelle demande de droits/);
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();
  await expect(page.getByLabel(/^Droit exercé/)).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel(/^Droit exercé/).selectOption({ label: "Droit à l'effacement (art. 17)" });
  await page.getByLabel(/^Nom du demandeur/).fill(requester);
  await page.getByLabel('Reçue par').selectOption({ label: 'Courriel' });
  await page.getByRole('button', { name: 'Enregistrer la demande' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Droit à l'effacement (art. 17) — ${requester}`,
  );
  await expect(page.locator('dt:text("Réponse due le") + dd')).toContainText(/dans \d+ jours/);
  await expectPageBasics(page, new RegExp(requester));
  // Extending and refusing are the DPO's.
  await expect(page.getByRole('button', { name: 'Prolonger le délai' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Refuser la demande' })).toHaveCount(0);

  await page.getByRole('button', { name: "Demander un justificatif d'identité" }).click();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText("En attente d'un justificatif d'identité");
  await page.getByRole('button', { name: 'Identité vérifiée : traiter la demande' }).click();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('En cours');
  await expect(page.locator('dt:text("Identité vérifiée") + dd')).toHaveText('Oui');

  await page.getByLabel(/^Moyen de la réponse/).selectOption({ label: 'Courrier postal' });
  await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'La réponse est enregistrée.' })).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Répondue');
  await expectAccessible(page);
});

test('rights request: the DPO refuses one with its reasons', async ({ page, request }) => {
  const { token, ivry } = await ivryOf(request);
  const requester = `Claude Bernard ${Date.now()}`;
  const created = await request.post(`/api/v1/organisations/${ivry.organisationId}/rights-requests`, {
    headers: auth(token),
    data: { right: 'objection', requesterName: requester, receivedAt: new Date().toISOString() },
  });
  expect(created.status()).toBe(201);
  await signIn(page, SHARED_DPO);
  await page.goto(`/demandes-de-droits/${(await created.json()).id}`);
  await page.getByRole('button', { name: 'Refuser la demande' }).click();
  await expect(page.getByLabel(/^Motifs du refus/)).toHaveAttribute('aria-invalid', 'true');
  await page
    .getByLabel(/^Motifs du refus/)
    .fill(
      'Demande identique à celle du mois dernier, déjà satisfaite : manifestement excessive (art. 12.5).',
    );
  await page.getByRole('button', { name: 'Refuser la demande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le refus est enregistré.' })).toBeVisible();
  await expect(page.locator('dt:text("Statut") + dd')).toHaveText('Refusée');
  await expect(page.locator('dt:text("Refusée le") + dd')).toContainText('manifestement excessive');
  await expectAccessible(page);
});

test("another member's breach URL shows « introuvable », not the breach", async ({ page, request }) => {
  const { token, villejuif } = await ivryOf(request);
  const title = `Violation de Villejuif ${Date.now()}`;
  const created = await request.post(`/api/v1/organisations/${villejuif.organisationId}/breaches`, {
    headers: auth(token),
    data: {
      title,
      awareAt: new Date().toISOString(),
      description: 'Un dossier papier égaré.',
      natures: ['confidentiality'],
      dataCategories: [],
      approxSubjects: 1,
    },
  });
  expect(created.status()).toBe(201);
  await signIn(page, REFERENT);
  await page.goto(`/violations/${(await created.json()).id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Violation introuvable' })).toBeVisible();
  await expect(page.getByText(title)).toHaveCount(0);
  await expectPageBasics(page, /Violation introuvable/);
});
