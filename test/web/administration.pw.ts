import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import {
  DEMO_PASSWORD,
  expectAccessible,
  expectPageBasics,
  membershipsOf,
  READER,
  SHARED_DPO,
  signIn,
  tokenOf,
} from './support/helpers';

const ADMIN = 'admin@vigie.local';
const ADMIN_PASSWORD = 'Vigie-admin-2026!';
const RSSI = 'rssi@siim94.demo';
const suffix = () => Math.random().toString(36).slice(2, 7).toUpperCase();

async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/auth/login', {
    data: { email: ADMIN, password: ADMIN_PASSWORD },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).accessToken as string;
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

/** Today and a later day in Paris, as YYYY-MM-DD. */
function parisDay(offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

test('the administrator creates a member, a user made its DPO (and of a second member), who then signs in', async ({
  page,
  request,
}) => {
  // A long journey through four pages, each checked with axe.
  test.setTimeout(180_000);
  const tag = suffix();
  const memberName = `Mairie de Fresnes ${tag}`;
  const dpoEmail = `dpo.${tag.toLowerCase()}@fresnes.test`;
  const dpoPassword = 'Une-phrase-de-passe-solide-2026';
  // A second member, set up through the API: the DPO will be shared between both.
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  const second = await request.post('/api/v1/organisations', {
    headers,
    data: { name: `Mairie de Rungis ${tag}`, shortName: `RUNGIS ${tag}`, kind: 'member' },
  });
  expect(second.status()).toBe(201);
  const secondId = (await second.json()).id as string;

  await signIn(page, ADMIN, ADMIN_PASSWORD);
  await nav(page).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expectPageBasics(page, /Administration/);
  await expect(page.getByRole('button', { name: 'Nouvel utilisateur' })).toBeVisible();

  // A new member: its name is required, and the form says so at the field.
  await page.getByRole('button', { name: 'Nouvel organisme' }).click();
  await expect(page.getByLabel(/^Nom \(obligatoire\)/)).toBeFocused();
  await page.getByRole('button', { name: "Créer l'organisme" }).click();
  await expect(page.getByLabel(/^Nom \(obligatoire\)/)).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await page.getByLabel(/^Nom \(obligatoire\)/).fill(memberName);
  await page.getByLabel(/^Nom court/).fill(`FRESNES ${tag}`);
  await page.getByLabel(/^Type/).selectOption('member');
  await page.getByLabel(/^Commune/).fill('Fresnes');
  await page.getByRole('button', { name: "Créer l'organisme" }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `L'organisme « ${memberName} » est créé` }),
  ).toBeVisible();

  // A new user with a first password.
  await page.getByRole('button', { name: 'Nouvel utilisateur' }).click();
  await page.getByLabel(/^Adresse électronique/).fill(dpoEmail);
  await page.getByLabel(/^Nom affiché/).fill(`Déléguée ${tag}`);
  await page.getByLabel('Choisir un mot de passe initial').check();
  await page.getByLabel(/^Mot de passe initial/).fill(dpoPassword);
  await expectAccessible(page);
  await page.getByRole('button', { name: "Créer l'utilisateur" }).click();
  await expect(page.getByRole('status').filter({ hasText: `Déléguée ${tag} est créé` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(dpoEmail) })).toBeVisible();

  // The member's page: its controller details, then the DPO's role.
  await page.getByRole('link', { name: memberName }).click();
  await expect(page.getByRole('heading', { level: 1, name: memberName })).toBeVisible();
  await expectPageBasics(page, new RegExp(memberName));
  await page.getByRole('button', { name: 'Modifier les coordonnées' }).click();
  await page.getByLabel(/Nom du délégué \(DPO\)/).fill(`Déléguée ${tag}`);
  await page.getByLabel('Adresse électronique du délégué').fill(dpoEmail);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Les coordonnées sont enregistrées' }),
  ).toBeVisible();
  await expect(page.getByText("Personne n'a encore de rôle dans cet organisme.")).toBeVisible();
  await page.getByLabel(/^Personne/).selectOption({ label: `Déléguée ${tag} (${dpoEmail})` });
  await page.getByLabel(/^Rôle/).selectOption({ label: 'DPO' });
  await expect(page.getByLabel(/^Fin de l'accès/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Donner le rôle' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `Déléguée ${tag} est DPO de ${memberName}` }),
  ).toBeVisible();
  await expect(
    page.getByRole('row', { name: new RegExp(`Déléguée ${tag}.*DPO.*Sans limite`) }),
  ).toBeVisible();
  await expectAccessible(page);

  // The same person, DPO of the second member too.
  await page.goto(`/administration/organismes/${secondId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Mairie de Rungis ${tag}` })).toBeVisible();
  await page.getByLabel(/^Personne/).selectOption({ label: `Déléguée ${tag} (${dpoEmail})` });
  await page.getByLabel(/^Rôle/).selectOption({ label: 'DPO' });
  await page.getByRole('button', { name: 'Donner le rôle' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'est DPO de Mairie de Rungis' })).toBeVisible();

  // The catalog: an application deployed for the new member; its register templates and their versions.
  await page.goto('/administration');
  const catalog = page.getByRole('table', { name: 'Catalogue des applications' });
  const application = catalog.getByRole('link').first();
  const applicationName = (await application.textContent())!;
  await application.click();
  await expect(page.getByRole('heading', { level: 1, name: applicationName })).toBeVisible();
  await expectPageBasics(page, new RegExp(applicationName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(page.getByRole('heading', { level: 2, name: 'Modèles de fiches du registre' })).toBeVisible();
  await page.getByLabel(/^Membre/).selectOption({ label: memberName });
  await page.getByRole('button', { name: 'Déployer', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `${memberName} utilise désormais ${applicationName}` }),
  ).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(memberName) })).toBeVisible();
  await expectAccessible(page);

  // A disabled account cannot sign in; re-enabled, it can.
  await page.goto('/administration');
  const row = page.getByRole('row', { name: new RegExp(dpoEmail) });
  await row.getByRole('button', { name: /Désactiver/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'est désactivé' })).toBeVisible();
  const refused = await request.post('/api/v1/auth/login', {
    data: { email: dpoEmail, password: dpoPassword },
  });
  expect(refused.status()).toBe(401);
  await row.getByRole('button', { name: /Réactiver/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'est réactivé' })).toBeVisible();

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, dpoEmail, dpoPassword);
  const switcher = page.getByLabel('Organisme');
  await expect(switcher.getByRole('option')).toHaveText([memberName, `Mairie de Rungis ${tag}`].sort());
  await expect(nav(page).getByRole('link', { name: 'Bilan annuel' })).toBeVisible();
  await expect(nav(page).getByRole('link', { name: 'Administration' })).toHaveCount(0);
});

test('the RSSI declares an incident on an application; each member’s breach is followed, the DPO sees it', async ({
  page,
  request,
}) => {
  const dpoToken = await tokenOf(request, SHARED_DPO);
  const ivry = (await membershipsOf(request, dpoToken)).find((m) => /Ivry/.test(m.organisationName))!;
  const rssi = { Authorization: `Bearer ${await tokenOf(request, RSSI)}` };
  const applications = (
    await (await request.get('/api/v1/applications?pageSize=200', { headers: rssi })).json()
  ).items as { id: string; name: string }[];
  let chosen: { id: string; name: string } | undefined;
  for (const a of applications) {
    const deployments = await (
      await request.get(`/api/v1/applications/${a.id}/deployments`, { headers: rssi })
    ).json();
    if (
      (deployments.items as { organisationId: string }[]).some(
        (d) => d.organisationId === ivry.organisationId,
      )
    ) {
      chosen = a;
      break;
    }
  }
  expect(chosen).toBeTruthy();
  const title = `Panne du stockage ${suffix()}`;

  await signIn(page, RSSI);
  await nav(page).getByRole('link', { name: 'Incidents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await expectPageBasics(page, /Incidents/);
  await page.getByRole('button', { name: 'Déclarer un incident' }).click();
  await page.getByLabel(/^Application concernée/).selectOption({ label: chosen!.name });
  await page.getByLabel(/^Titre de l'incident/).fill(title);
  await page
    .getByLabel(/^Description/)
    .fill('Baie de stockage indisponible pendant deux heures, sauvegardes intactes.');
  await expectAccessible(page);
  await page.getByRole('button', { name: "Déclarer l'incident" }).click();
  await expect(page.getByRole('status').filter({ hasText: "L'incident est déclaré" })).toBeVisible();
  const table = page.getByRole('table', { name: `Violations des membres pour « ${title} »` });
  await expect(
    table.getByRole('row', { name: new RegExp(`${ivry.organisationName}.*À évaluer`) }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, SHARED_DPO);
  await page.getByLabel('Organisme').selectOption({ label: ivry.organisationName });
  await nav(page).getByRole('link', { name: 'Violations' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`${title}.*À évaluer`) })).toBeVisible();
});

test('an auditor for a limited period reads « pour une durée limitée » and has no button that changes anything', async ({
  page,
  request,
}) => {
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  const tag = suffix().toLowerCase();
  const email = `auditrice.${tag}@certification.test`;
  const user = await request.post('/api/v1/users', {
    headers,
    data: { email, displayName: `Auditrice ${tag}`, password: DEMO_PASSWORD },
  });
  expect(user.status()).toBe(201);
  const operator = (await (await request.get('/api/v1/organisations?kind=operator', { headers })).json())
    .items[0];
  const endsOn = parisDay(10);
  const membership = await request.post(`/api/v1/organisations/${operator.id}/memberships`, {
    headers,
    data: { userId: (await user.json()).id, role: 'auditor', endsOn },
  });
  expect(membership.status()).toBe(201);
  const frenchEnd = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
    .format(new Date(`${endsOn}T12:00:00Z`))
    .replace(/^1 /, '1er ');

  await signIn(page, email);
  const notice = page.getByRole('note', { name: 'Accès pour une durée limitée' });
  await expect(notice).toContainText('pour une durée limitée');
  await expect(notice).toContainText(`jusqu'au ${frenchEnd}`);
  await expectPageBasics(page, /Tableau de bord/);
  await expect(nav(page).getByRole('link', { name: 'Administration' })).toHaveCount(0);
  await expect(nav(page).getByRole('link', { name: 'Incidents' })).toHaveCount(0);

  await page.goto('/administration');
  await expect(page.getByText("Cette page est réservée à l'administrateur de Vigie.")).toBeVisible();
  await expectPageBasics(page, /Administration/);
  await expect(page.getByRole('button', { name: 'Nouvel organisme' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Nouvel utilisateur' })).toHaveCount(0);
  await page.goto('/incidents');
  await expect(page.getByRole('heading', { level: 1, name: 'Incidents' })).toBeVisible();
  await expectPageBasics(page, /Incidents/);
  await expect(page.getByRole('button', { name: 'Déclarer un incident' })).toHaveCount(0);
  await expect(notice).toBeVisible();

  // The administrator sees the end date beside the role.
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await signIn(page, ADMIN, ADMIN_PASSWORD);
  await page.goto(`/administration/organismes/${operator.id}`);
  await expect(
    page.getByRole('row', {
      name: new RegExp(`Auditrice ${tag}.*Auditeur.*Durée limitée : jusqu'au ${frenchEnd}`),
    }),
  ).toBeVisible();
  await expectAccessible(page);
});

/** A register template the text of which passes the register's rules (Art. 6.3: the public task's text). */
const templatePayload = (name: string) => ({
  name,
  description: 'Modèle publié par l’opérateur',
  purposes: [
    {
      description: 'Gestion du service',
      legalBasis: 'public-task',
      legalBasisDetail: 'Code général des collectivités territoriales, art. L. 2121-29',
    },
  ],
  dataSubjects: ['residents'],
  dataCategories: [{ category: 'identity', retention: '3 ans', finalFate: 'destruction' }],
  securityMeasures: ['Chiffrement des sauvegardes'],
});

test('the administrator edits a register template and reads its versions, field by field, refused when stale', async ({
  page,
  request,
}) => {
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  const application = (await (await request.get('/api/v1/applications?pageSize=200', { headers })).json())
    .items[0] as { id: string; name: string };
  const name = `Modèle — cantine ${suffix()}`;
  const published = await request.post(`/api/v1/applications/${application.id}/register-templates`, {
    headers,
    data: templatePayload(name),
  });
  expect(published.status()).toBe(201);
  const template = (await published.json()) as { id: string };

  await signIn(page, ADMIN, ADMIN_PASSWORD);
  await page.goto(`/administration/applications/${application.id}`);
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expectPageBasics(page, new RegExp(`Modèle — ${name}`));
  await expect(page.getByText('Modèle de fiche du registre, version 1')).toBeVisible();
  const versions = page.getByRole('table', { name: `Versions publiées du modèle ${name}` });
  await expect(versions.getByRole('row', { name: /Version 1 .*Première publication/ })).toBeVisible();

  // A new version: one more security measure.
  await page.getByRole('button', { name: 'Modifier le modèle' }).click();
  await page
    .getByLabel('Mesures de sécurité')
    .fill('Chiffrement des sauvegardes\nDouble authentification des agents');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Publier la nouvelle version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 2 publiée.' })).toBeVisible();
  const second = versions.getByRole('row', { name: /^Version 2 / });
  await expect(second).toContainText('Mesures de sécurité');
  await page.getByRole('button', { name: 'Voir les différences de la version 2' }).click();
  const differences = page.getByRole('table', { name: 'Champs modifiés par la version 2' });
  await expect(differences.getByRole('row', { name: /Mesures de sécurité/ })).toContainText(
    'Double authentification des agents',
  );
  await expectAccessible(page);

  // Someone publishes meanwhile: the stale form is refused, then starts again from the latest version.
  await page.getByRole('button', { name: 'Modifier le modèle' }).click();
  await expect(page.getByText('Vous modifiez la version 2.')).toBeVisible();
  const meanwhile = await request.patch(`/api/v1/register-templates/${template.id}`, {
    headers,
    data: { description: 'Description revue par un collègue', version: 2 },
  });
  expect(meanwhile.status()).toBe(200);
  await page.getByLabel('Nom du traitement').fill(`${name} (révisé)`);
  await page.getByRole('button', { name: 'Publier la nouvelle version' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /modifi|version/i })).toBeVisible();
  await page.getByRole('button', { name: 'Recharger la dernière version' }).click();
  await expect(page.getByText('Vous modifiez la version 3.')).toBeVisible();
  await expect(page.getByLabel('Description')).toHaveValue('Description revue par un collègue');
  await page.getByLabel('Nom du traitement').fill(`${name} (révisé)`);
  await page.getByRole('button', { name: 'Publier la nouvelle version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Version 4 publiée.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `${name} (révisé)` })).toBeVisible();
  await expect(versions.getByRole('row', { name: /^Version 3 .*Description/ })).toBeVisible();
  await expect(versions.getByRole('row', { name: /^Version 4 .*Nom du traitement/ })).toBeVisible();
  await expectAccessible(page);
});

test('another organisation’s or application’s administration URL is answered « introuvable »', async ({
  page,
  request,
}) => {
  const dpoToken = await tokenOf(request, SHARED_DPO);
  const villejuif = (await membershipsOf(request, dpoToken)).find((m) =>
    /Villejuif/.test(m.organisationName),
  )!;
  const headers = { Authorization: `Bearer ${await adminToken(request)}` };
  const readerToken = await tokenOf(request, READER);
  const visible = new Set(
    (
      (
        await (
          await request.get('/api/v1/applications?pageSize=200', {
            headers: { Authorization: `Bearer ${readerToken}` },
          })
        ).json()
      ).items as { id: string }[]
    ).map((a) => a.id),
  );
  const all = (await (await request.get('/api/v1/applications?pageSize=200', { headers })).json()).items as {
    id: string;
  }[];
  const hidden = all.find((a) => !visible.has(a.id));
  expect(hidden).toBeTruthy();

  await signIn(page, READER);
  await page.goto(`/administration/organismes/${villejuif.organisationId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Organisme introuvable' })).toBeVisible();
  await expectPageBasics(page, /Organisme introuvable/);
  await page.goto(`/administration/applications/${hidden!.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Application introuvable' })).toBeVisible();
  await expectPageBasics(page, /Application introuvable/);
  const hiddenTemplate = await request.post(`/api/v1/applications/${hidden!.id}/register-templates`, {
    headers,
    data: templatePayload(`Modèle caché ${suffix()}`),
  });
  expect(hiddenTemplate.status()).toBe(201);
  await page.goto(`/administration/modeles/${(await hiddenTemplate.json()).id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Modèle introuvable' })).toBeVisible();
  await expectPageBasics(page, /Modèle introuvable/);
});
