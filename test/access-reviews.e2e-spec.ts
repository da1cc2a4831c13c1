import { createHash } from 'node:crypto';
import { pdfText } from './support/pdf-text';
import { parisIsoDate } from './support/dates';
import { createTestApp, TestApp } from './support/test-app';
import { currentVersion } from './support/versions';
import {
  Actor,
  as,
  createActor,
  createOrganisation,
  createWorld,
  expectProblem,
  World,
} from './support/world';
import { scheduleAccessReviews } from '../apps/cli/src/commands/access-reviews-schedule.command';
import { createDueRecurrences, SCHEDULE_CRON, SCHEDULE_JOB } from '@vigie/access-reviews';
import { JobQueue } from '@vigie/jobs';
import { addCalendarMonths, dueDateInDays, nextWorkingDay, RequestContext } from '@vigie/core';

const API = '/api/v1';
const HEADER = 'username,displayName,email,role,lastLogin,reviewerEmail';
const DIRECTORY_HEADER = 'email,displayName,status';

const isoDate = parisIsoDate;

interface Item {
  id: string;
  username: string;
  role: string | null;
  lastLogin: string | null;
  flags: string[];
  reviewerId: string | null;
  decision: string | null;
  reason: string | null;
  version: number;
}

describe('Access reviews (e2e)', () => {
  let app: TestApp;
  let world: World;
  let applicationId: string;
  let isoAssessmentId: string;

  const count = async (table: string, where = 'true'): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n;

  async function createCampaign(
    organisationId: string,
    extra: Record<string, unknown> = {},
    actor: Actor = world.securityOfficer,
  ) {
    return app.http
      .post(`${API}/access-reviews`)
      .set(as(actor))
      .send({
        organisationId,
        applicationId,
        name: 'Revue des accès Ciril GF',
        dueDate: isoDate(30),
        ...extra,
      });
  }

  function importDirectory(actor: Actor, orgId: string, body: string | Buffer, contentType = 'text/csv') {
    return app.http
      .post(`${API}/organisations/${orgId}/agent-directory`)
      .set(as(actor))
      .set('Content-Type', contentType)
      .send(body);
  }

  async function importCsv(actor: Actor, id: string, body: string | Buffer, contentType = 'text/csv') {
    return app.http
      .post(`${API}/access-reviews/${id}/accounts`)
      .set(as(actor))
      .set('If-Match', String(await currentVersion(app, 'access_review', id)))
      .set('Content-Type', contentType)
      .send(body);
  }

  async function items(actor: Actor, id: string, query = ''): Promise<Item[]> {
    const response = await app.http
      .get(`${API}/access-reviews/${id}/items?pageSize=200${query}`)
      .set(as(actor));
    expect(response.status).toBe(200);
    return response.body.items;
  }

  const byName = (list: Item[], username: string) => list.find((i) => i.username === username)!;

  async function decide(actor: Actor, id: string, itemId: string, body: object) {
    const version = await currentVersion(app, 'access_review_item', itemId);
    return app.http
      .post(`${API}/access-reviews/${id}/items/${itemId}/decision`)
      .set(as(actor))
      .send({ version, ...body });
  }

  /** A draft campaign of member A with the accounts of `lines`, opened unless said otherwise. */
  async function campaignWith(
    lines: string[],
    open = true,
    extra: Record<string, unknown> = {},
  ): Promise<string> {
    const created = await createCampaign(world.memberA.id, extra);
    expect(created.status).toBe(201);
    const imported = await importCsv(world.securityOfficer, created.body.id, [HEADER, ...lines].join('\n'));
    expect(imported.status).toBe(200);
    expect(imported.body.rejected).toEqual([]);
    if (open) {
      await app.http
        .post(`${API}/access-reviews/${created.body.id}/open`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', created.body.id) })
        .expect(200);
    }
    return created.body.id;
  }

  async function decideAll(id: string, decision = 'keep'): Promise<void> {
    for (const item of await items(world.dpoA, id, '&decision=pending')) {
      expect((await decide(world.dpoA, id, item.id, { decision, reason: 'Revue annuelle' })).status).toBe(
        200,
      );
    }
  }

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    const application = await app.http.post(`${API}/applications`).set(as(world.securityOfficer)).send({
      name: 'Ciril GF',
      domain: 'Finances',
      hosting: 'operator',
      dataLocation: 'FR',
      healthData: false,
      securityMeasures: [],
    });
    expect(application.status).toBe(201);
    applicationId = application.body.id;
    for (const organisationId of [world.memberA.id, world.memberB.id]) {
      await app.http
        .post(`${API}/applications/${applicationId}/deployments`)
        .set(as(world.securityOfficer))
        .send({ organisationId })
        .expect(201);
    }
    const iso = await app.http
      .post(`${API}/assessments`)
      .set(as(world.securityOfficer))
      .send({ frameworkCode: 'iso27001-2022', name: 'ISO 27001 — 2026' });
    expect(iso.status).toBe(201);
    isoAssessmentId = iso.body.id;
    // Member A's directory of agents: its Vigie users are agents; accounts matching nobody are orphans.
    const directory = await importDirectory(
      world.dpoA,
      world.memberA.id,
      [
        DIRECTORY_HEADER,
        `${world.dpoA.email},DPO de Gentilly,active`,
        `${world.editorA.email},Éditrice,active`,
        `${world.readerA.email},Lecteur,active`,
      ].join('\n'),
    );
    expect(directory.status).toBe(200);
  });
  afterAll(() => app.close());

  describe('campaigns', () => {
    it('creates a draft campaign for a member and a deployed application (security officer)', async () => {
      const response = await createCampaign(world.memberA.id, { recurrenceMonths: 6 });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        organisationId: world.memberA.id,
        organisationName: 'Mairie de Gentilly',
        applicationId,
        applicationName: 'Ciril GF',
        status: 'draft',
        recurrenceMonths: 6,
        dueDate: isoDate(30),
        counts: { accounts: 0, pending: 0 },
        version: 1,
      });
      const read = await app.http.get(`${API}/access-reviews/${response.body.id}`).set(as(world.admin));
      expect(read.status).toBe(200);
      expect(read.body.id).toBe(response.body.id);
    });

    it('refuses bad input with 400 and writes nothing', async () => {
      const other = await app.http.post(`${API}/applications`).set(as(world.securityOfficer)).send({
        name: 'Logiciel B seul',
        domain: 'Finances',
        hosting: 'operator',
        dataLocation: 'FR',
        healthData: false,
        securityMeasures: [],
      });
      await app.http
        .post(`${API}/applications/${other.body.id}/deployments`)
        .set(as(world.securityOfficer))
        .send({ organisationId: world.memberB.id })
        .expect(201);
      const before = await count('access_review');
      const notDeployed = await createCampaign(world.memberA.id, { applicationId: other.body.id });
      expectProblem(notDeployed, 400);
      expect(notDeployed.body.detail).toMatch(/n’est pas une application déployée pour ce membre/);
      expectProblem(await createCampaign(world.memberA.id, { dueDate: isoDate(-1) }), 400);
      expectProblem(await createCampaign(world.memberA.id, { dueDate: '2026-02-30' }), 400);
      expectProblem(await createCampaign(world.memberA.id, { name: '' }), 400);
      expectProblem(await createCampaign(world.memberA.id, { recurrenceMonths: 0 }), 400);
      expectProblem(await createCampaign(world.memberA.id, { colour: 'red' }), 400);
      expectProblem(await createCampaign(world.vendor.id), 400);
      expect(await count('access_review')).toBe(before);
    });

    it('lets only the security officer create (403 for every other role)', async () => {
      const before = await count('access_review');
      for (const actor of [world.admin, world.auditor, world.dpoA, world.editorA, world.vendorContact]) {
        expectProblem(await createCampaign(world.memberA.id, {}, actor), 403);
      }
      expect(await count('access_review')).toBe(before);
    });

    it('isolates members: lists and reads are scoped, another member gets 404', async () => {
      const a = await createCampaign(world.memberA.id);
      const b = await createCampaign(world.memberB.id);
      const ids = async (actor: Actor) =>
        (
          (await app.http.get(`${API}/access-reviews?pageSize=200`).set(as(actor))).body.items as {
            id: string;
          }[]
        ).map((c) => c.id);
      expect(await ids(world.securityOfficer)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
      expect(await ids(world.sharedDpo)).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
      expect(await ids(world.dpoA)).toContain(a.body.id);
      expect(await ids(world.dpoA)).not.toContain(b.body.id);
      expect(await ids(world.dpoB)).not.toContain(a.body.id);
      expect(await ids(world.vendorContact)).toEqual([]);
      expect(await ids(world.auditor)).toEqual([]);
      // An editor sees only campaigns where accounts are assigned to them: none yet.
      expect(await ids(world.editorA)).toEqual([]);
      expectProblem(await app.http.get(`${API}/access-reviews/${a.body.id}`).set(as(world.dpoB)), 404);
      expectProblem(await app.http.get(`${API}/access-reviews/${a.body.id}`).set(as(world.editorA)), 404);
      expectProblem(
        await app.http.get(`${API}/access-reviews/${a.body.id}`).set(as(world.vendorContact)),
        404,
      );
      expectProblem(
        await app.http.get(`${API}/access-reviews/not-a-uuid`).set(as(world.securityOfficer)),
        400,
      );
      const filtered = await app.http
        .get(`${API}/access-reviews?organisationId=${world.memberB.id}&status=draft`)
        .set(as(world.securityOfficer));
      expect(
        filtered.body.items.every((c: { organisationId: string }) => c.organisationId === world.memberB.id),
      ).toBe(true);
      expectProblem(
        await app.http.get(`${API}/access-reviews?status=finished`).set(as(world.securityOfficer)),
        400,
      );
    });
  });

  describe('account import', () => {
    it('imports accounts with reviewers and flags, and reports every bad line with its reason', async () => {
      const campaign = (await createCampaign(world.memberA.id)).body;
      const old = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
      const recent = isoDate(-3);
      const csv = [
        HEADER,
        `jdupont,"Dupont, Jean",${world.editorA.email},Administrateur,${recent},${world.editorA.email}`,
        `mmartin,Marie Martin,m.martin@ailleurs.fr,agent,${old},${world.readerA.email}`,
        `pdurand,Paul Durand,,agent,,`,
        `x1,Date fausse,,agent,31/02/2026,`,
        `,Sans identifiant,,agent,,`,
        `x2,Relecteur inconnu,,agent,,${world.dpoB.email}`,
        `JDupont,Doublon,,agent,,`,
      ].join('\r\n');
      const response = await importCsv(world.securityOfficer, campaign.id, csv);
      expect(response.status).toBe(200);
      expect(response.body.imported).toBe(3);
      expect(response.body.rejected).toEqual([
        { line: 5, reason: expect.stringMatching(/^lastLogin « 31\/02\/2026 » n’est pas une date/) },
        { line: 6, reason: 'username est vide' },
        {
          line: 7,
          reason: `relecteur « ${world.dpoB.email} » inconnu : ce n’est pas un utilisateur de Mairie de Gentilly`,
        },
        { line: 8, reason: 'username « JDupont » en double (déjà en ligne 2)' },
      ]);
      const list = await items(world.securityOfficer, campaign.id);
      expect(list.map((i) => i.username)).toEqual(['jdupont', 'mmartin', 'pdurand']);
      expect(byName(list, 'jdupont')).toMatchObject({ reviewerId: world.editorA.id, flags: ['privileged'] });
      expect(byName(list, 'mmartin')).toMatchObject({
        reviewerId: world.readerA.id,
        flags: ['dormant', 'orphan'],
      });
      // No reviewer named: the member's first DPO; never signed in: dormant; no email: orphan.
      expect(byName(list, 'pdurand')).toMatchObject({
        reviewerId: world.dpoA.id,
        flags: ['dormant', 'orphan'],
        lastLogin: null,
      });
      // A second import adds accounts and refuses those already there.
      const again = await importCsv(
        world.securityOfficer,
        campaign.id,
        `${HEADER}\npdurand,,,,,\nnouveau,,,,,\n`,
      );
      expect(again.body).toEqual({
        imported: 1,
        rejected: [{ line: 2, reason: 'username « pdurand » est déjà importé dans cette revue' }],
      });
      const view = await app.http.get(`${API}/access-reviews/${campaign.id}`).set(as(world.dpoA));
      expect(view.body.counts).toMatchObject({ accounts: 4, pending: 4 });
      // The editor now sees the campaign, and only the account assigned to them.
      expect((await items(world.editorA, campaign.id)).map((i) => i.username)).toEqual(['jdupont']);
      expect((await items(world.dpoA, campaign.id, '&flag=orphan')).map((i) => i.username)).toEqual([
        'mmartin',
        'nouveau',
        'pdurand',
      ]);
      expect((await items(world.dpoA, campaign.id, `&reviewerId=${world.readerA.id}`)).length).toBe(1);
      expectProblem(
        await app.http.get(`${API}/access-reviews/${campaign.id}/items?flag=unknown`).set(as(world.dpoA)),
        400,
      );
      expectProblem(
        await app.http.get(`${API}/access-reviews/${campaign.id}/items`).set(as(world.dpoB)),
        404,
      );
    });

    it('reads a French spreadsheet export: BOM, semicolons, quotes with separators and line breaks', async () => {
      const campaign = (await createCampaign(world.memberA.id)).body;
      const csv =
        '\uFEFFusername;displayName;email;role;lastLogin;reviewerEmail\r\n' +
        `"élodie.b";"Bernard; Élodie";;"Super Admin";15/01/2026 09:30;${world.editorA.email}\r\n` +
        `"ltexte";"Nom ""cité""\r\nsur deux lignes";;lecteur;;\r\n`;
      const response = await importCsv(
        world.securityOfficer,
        campaign.id,
        Buffer.from(csv, 'utf8'),
        'text/csv; charset=utf-8',
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ imported: 2, rejected: [] });
      const list = await items(world.securityOfficer, campaign.id);
      expect(byName(list, 'élodie.b')).toMatchObject({
        role: 'Super Admin',
        lastLogin: '2026-01-15T09:30:00.000Z',
        flags: expect.arrayContaining(['privileged']),
      });
      const detail = await app.dataSource.query(
        `SELECT display_name, line FROM access_review_item WHERE access_review_id = $1 ORDER BY line`,
        [campaign.id],
      );
      expect(detail).toEqual([
        { display_name: 'Bernard; Élodie', line: 2 },
        { display_name: 'Nom "cité"\r\nsur deux lignes', line: 3 },
      ]);
    });

    it('refuses a file that cannot be read, the wrong type, roles, members and states, writing nothing', async () => {
      const campaign = (await createCampaign(world.memberA.id)).body;
      const before = await count('access_review_item');
      const expectRefused = async (response: Parameters<typeof expectProblem>[0], status: number) => {
        expectProblem(response, status);
        expect(await count('access_review_item')).toBe(before);
      };
      await expectRefused(await importCsv(world.securityOfficer, campaign.id, 'user;name\na;b\n'), 400);
      await expectRefused(
        await importCsv(world.securityOfficer, campaign.id, `${HEADER}\na,"unclosed,,,,\n`),
        400,
      );
      await expectRefused(
        await importCsv(
          world.securityOfficer,
          campaign.id,
          Buffer.from(`${HEADER}\nj\xe9r\xf4me,,,,,\n`, 'latin1'),
        ),
        400,
      );
      await expectRefused(
        await importCsv(world.securityOfficer, campaign.id, JSON.stringify({ a: 1 }), 'application/json'),
        415,
      );
      await expectRefused(await importCsv(world.dpoA, campaign.id, `${HEADER}\na,,,,,\n`), 403);
      await expectRefused(await importCsv(world.dpoB, campaign.id, `${HEADER}\na,,,,,\n`), 404);
      await expectRefused(await importCsv(world.vendorContact, campaign.id, `${HEADER}\na,,,,,\n`), 404);
    });

    it('refuses a line without reviewer when the member has no DPO', async () => {
      const memberC = await createOrganisation(app, world.admin, 'member', 'Syndicat sans DPO');
      const editorC = await createActor(
        app,
        world.admin,
        [{ organisationId: memberC.id, role: 'editor' }],
        'editor-c',
      );
      await app.http
        .post(`${API}/applications/${applicationId}/deployments`)
        .set(as(world.securityOfficer))
        .send({ organisationId: memberC.id })
        .expect(201);
      const campaign = (await createCampaign(memberC.id)).body;
      const response = await importCsv(
        world.securityOfficer,
        campaign.id,
        `${HEADER}\nsans,,,,,\navec,,,,,${editorC.email}\n`,
      );
      expect(response.body).toEqual({
        imported: 1,
        rejected: [
          {
            line: 2,
            reason:
              'aucun relecteur : reviewerEmail est vide et Syndicat sans DPO n’a pas de DPO pour relire par défaut',
          },
        ],
      });
    });
  });

  describe('directory of agents and orphan accounts', () => {
    const directoryUrl = (orgId: string) => `${API}/organisations/${orgId}/agent-directory`;
    const agents = async () =>
      Number(
        (
          await app.dataSource.query(
            'SELECT count(*)::int AS n FROM agent_directory_entry WHERE organisation_id = $1',
            [world.memberB.id],
          )
        )[0].n,
      );

    it('imports a member’s directory (its DPO or the security officer), replacing the previous one, audited', async () => {
      const first = await importDirectory(
        world.dpoB,
        world.memberB.id,
        [
          DIRECTORY_HEADER,
          'Alice.Agent@vitry.fr,Alice Agent,active',
          'bruno@vitry.fr,Bruno,parti',
          'chloe@vitry.fr,Chloé,suspendu',
        ].join('\r\n'),
      );
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        imported: 3,
        counts: { active: 1, left: 1, suspended: 1 },
      });
      const read = await app.http.get(directoryUrl(world.memberB.id)).set(as(world.dpoB));
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        organisationId: world.memberB.id,
        counts: { agents: 3, active: 1, left: 1, suspended: 1 },
        total: 3,
        importedBy: world.dpoB.id,
      });
      expect(read.body.items[0]).toEqual({
        line: 2,
        email: 'alice.agent@vitry.fr',
        displayName: 'Alice Agent',
        status: 'active',
      });
      const second = await importDirectory(
        world.securityOfficer,
        world.memberB.id,
        `${DIRECTORY_HEADER}\nalice.agent@vitry.fr,Alice Agent,active\ndavid@vitry.fr,David,active\n`,
      );
      expect(second.status).toBe(200);
      expect(await agents()).toBe(2);
      const [event] = await app.dataSource.query(
        `SELECT actor_id, organisation_id, changes FROM audit_event
         WHERE action = 'agent-directory.import' AND entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [world.memberB.id],
      );
      expect(event).toMatchObject({
        actor_id: world.securityOfficer.id,
        organisation_id: world.memberB.id,
        changes: { agents: { before: 3, after: 2 } },
      });
    });

    it('refuses, writing nothing: bad lines (400 in French, every line listed), wrong type, roles, other members', async () => {
      const before = await agents();
      const bad = await importDirectory(
        world.dpoB,
        world.memberB.id,
        `${DIRECTORY_HEADER}\nok@vitry.fr,Ok,active\nnon-courriel,X,active\nz@vitry.fr,Z,retraité\n`,
      );
      expectProblem(bad, 400);
      expect(bad.body.detail).toBe('L’annuaire n’a pas été importé : 2 lignes en erreur');
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ line: 3, message: expect.stringMatching(/^ligne 3 : « non-courriel »/) }),
        expect.objectContaining({
          line: 4,
          message: expect.stringMatching(/^ligne 4 : statut « retraité »/),
        }),
      ]);
      expectProblem(await importDirectory(world.dpoB, world.memberB.id, 'nom,prenom\nx,y\n'), 400);
      expectProblem(await importDirectory(world.dpoB, world.memberB.id, `${DIRECTORY_HEADER}\n`), 400);
      expectProblem(
        await app.http
          .post(directoryUrl(world.memberB.id))
          .set(as(world.dpoB))
          .send({ agents: [{ email: 'x@vitry.fr', status: 'active' }] }),
        415,
      );
      const csv = `${DIRECTORY_HEADER}\nx@vitry.fr,X,active\n`;
      // Staff of the member and operator roles without the grant: 403; who does not see the member: 404.
      for (const actor of [world.editorA, world.readerA]) {
        expectProblem(await importDirectory(actor, world.memberA.id, csv), 403);
        expectProblem(await app.http.get(directoryUrl(world.memberA.id)).set(as(actor)), 403);
      }
      expectProblem(await importDirectory(world.admin, world.memberB.id, csv), 403);
      for (const actor of [world.dpoA, world.vendorContact, world.auditor]) {
        expectProblem(await importDirectory(actor, world.memberB.id, csv), 404);
        expectProblem(await app.http.get(directoryUrl(world.memberB.id)).set(as(actor)), 404);
      }
      // Only members have agents.
      expectProblem(await importDirectory(world.securityOfficer, world.operatorId, csv), 404);
      expectProblem(await importDirectory(world.securityOfficer, world.vendor.id, csv), 404);
      expect(await agents()).toBe(before);
    });

    it('flags as orphans the accounts with no agent or whose agent has left, from the directory', async () => {
      const created = await createCampaign(world.memberB.id);
      const id = created.body.id;
      const imported = await importCsv(
        world.securityOfficer,
        id,
        [
          HEADER,
          `alice,,ALICE.agent@vitry.fr,agent,${isoDate(-1)},`,
          `david@vitry.fr,,,agent,${isoDate(-1)},`,
          `bruno,,bruno@vitry.fr,agent,${isoDate(-1)},`,
          `inconnu,,inconnu@ailleurs.fr,agent,${isoDate(-1)},`,
          // A Vigie user of the member who is not in the directory of agents: an orphan all the same.
          `dpo,,${world.dpoB.email},agent,${isoDate(-1)},`,
        ].join('\n'),
      );
      expect(imported.body.rejected).toEqual([]);
      const flags = async () =>
        Object.fromEntries(
          (await items(world.dpoB, id)).map((i) => [i.username, i.flags.includes('orphan')]),
        );
      expect(await flags()).toEqual({
        alice: false,
        'david@vitry.fr': false,
        bruno: true,
        inconnu: true,
        dpo: true,
      });
      const view = await app.http.get(`${API}/access-reviews/${id}`).set(as(world.dpoB));
      expect(view.body.agentDirectoryAt).not.toBeNull();
      // Bruno has left: a new directory import recomputes the draft campaigns of the member.
      const again = await importDirectory(
        world.dpoB,
        world.memberB.id,
        [
          DIRECTORY_HEADER,
          'alice.agent@vitry.fr,Alice,left',
          'bruno@vitry.fr,Bruno,active',
          'david@vitry.fr,David,suspended',
          `${world.dpoB.email},DPO,active`,
        ].join('\n'),
      );
      expect(again.body.campaignsRefreshed).toBeGreaterThanOrEqual(1);
      expect(await flags()).toEqual({
        alice: true,
        'david@vitry.fr': false,
        bruno: false,
        inconnu: true,
        dpo: false,
      });
    });

    it('tells no orphan when the member has no directory, and says so', async () => {
      const memberC = await createOrganisation(app, world.admin, 'member', 'CCAS de Gentilly');
      const dpoC = await createActor(
        app,
        world.admin,
        [{ organisationId: memberC.id, role: 'dpo' }],
        'dpo-c',
      );
      await app.http
        .post(`${API}/applications/${applicationId}/deployments`)
        .set(as(world.securityOfficer))
        .send({ organisationId: memberC.id })
        .expect(201);
      const created = await createCampaign(memberC.id);
      await importCsv(
        world.securityOfficer,
        created.body.id,
        `${HEADER}\nquelqu.un,,,agent,${isoDate(-1)},\n`,
      );
      const list = await items(dpoC, created.body.id);
      expect(list[0].flags).toEqual([]);
      const view = await app.http.get(`${API}/access-reviews/${created.body.id}`).set(as(dpoC));
      expect(view.body.agentDirectoryAt).toBeNull();
      const directory = await app.http.get(directoryUrl(memberC.id)).set(as(dpoC));
      expect(directory.body).toMatchObject({ importedAt: null, counts: { agents: 0 }, items: [] });
      await app.http
        .post(`${API}/access-reviews/${created.body.id}/open`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', created.body.id) })
        .expect(200);
      expect((await decide(dpoC, created.body.id, list[0].id, { decision: 'keep' })).status).toBe(200);
      await app.http
        .post(`${API}/access-reviews/${created.body.id}/close`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', created.body.id) })
        .expect(200);
      const pdf = await app.http
        .get(`${API}/access-reviews/${created.body.id}/certificate.pdf`)
        .set(as(dpoC))
        .buffer(true);
      expect(pdf.status).toBe(200);
      const { flat } = await pdfText(pdf.body);
      expect(flat).toContain(
        'Aucun annuaire des agents de CCAS de Gentilly n’était importé : les comptes orphelins n’ont pas pu être recherchés.',
      );
      expect(flat).toContain('Aucun compte privilégié, dormant ou orphelin n’a été conservé');
    });

    it('needs a reason to keep a privileged, dormant or orphan account (400 in French, nothing written)', async () => {
      const id = await campaignWith([
        `priv,,${world.editorA.email},Administrateur,${isoDate(-1)},`,
        `dormant,,${world.readerA.email},agent,,`,
        `orphelin,,personne@ailleurs.fr,agent,${isoDate(-1)},`,
        `simple,,${world.dpoA.email},agent,${isoDate(-1)},`,
      ]);
      const list = await items(world.dpoA, id);
      expect(Object.fromEntries(list.map((i) => [i.username, i.flags]))).toEqual({
        dormant: ['dormant'],
        orphelin: ['orphan'],
        priv: ['privileged'],
        simple: [],
      });
      const before = await count('access_review_event');
      for (const name of ['priv', 'dormant', 'orphelin']) {
        for (const body of [{ decision: 'keep' }, { decision: 'keep', reason: 'ok' }]) {
          const refused = await decide(world.dpoA, id, byName(list, name).id, body);
          expectProblem(refused, 400);
          expect(refused.body.errors).toEqual([
            expect.objectContaining({
              field: 'reason',
              message: expect.stringMatching(/^ce compte est signalé comme .+ : le conserver exige un motif/),
            }),
          ]);
        }
      }
      expect(await count('access_review_event')).toBe(before);
      expect((await items(world.dpoA, id, '&decision=pending')).length).toBe(4);
      expect((await decide(world.dpoA, id, byName(list, 'simple').id, { decision: 'keep' })).status).toBe(
        200,
      );
      const kept = await decide(world.dpoA, id, byName(list, 'priv').id, {
        decision: 'keep',
        reason: 'Administrateur fonctionnel désigné par le DGS',
      });
      expect(kept.status).toBe(200);
      expect(kept.body).toMatchObject({
        decision: 'keep',
        reason: 'Administrateur fonctionnel désigné par le DGS',
      });
      const [event] = await app.dataSource.query(
        `SELECT changes FROM audit_event WHERE action = 'access-review-item.decide' AND entity_id = $1`,
        [byName(list, 'priv').id],
      );
      expect(event.changes.reason.after).toBe('Administrateur fonctionnel désigné par le DGS');
      // Revoking needs no more than before.
      expect(
        (await decide(world.dpoA, id, byName(list, 'orphelin').id, { decision: 'revoke', reason: 'Inconnu' }))
          .status,
      ).toBe(200);
    });
  });

  describe('decisions', () => {
    let campaignId: string;
    let list: Item[];

    beforeAll(async () => {
      campaignId = await campaignWith([
        `a.editeur,,${world.editorA.email},agent,${isoDate(-1)},${world.editorA.email}`,
        `b.lecteur,,${world.readerA.email},agent,${isoDate(-1)},${world.readerA.email}`,
        `c.dpo,,${world.dpoA.email},agent,${isoDate(-1)},`,
      ]);
      list = await items(world.securityOfficer, campaignId);
    });

    it('lists the member’s possible reviewers with the accounts given to each and decided; 404 across members', async () => {
      const before = await app.http
        .get(`${API}/access-reviews/${campaignId}/reviewers`)
        .set(as(world.securityOfficer));
      expect(before.status).toBe(200);
      const of = (body: { items: { userId: string }[] }, id: string) =>
        body.items.find((r) => r.userId === id);
      expect(of(before.body, world.editorA.id)).toMatchObject({
        email: world.editorA.email,
        role: 'editor',
        assigned: 1,
        decided: 0,
      });
      // The account without a reviewer email went to the member's DPO.
      expect(of(before.body, world.dpoA.id)).toMatchObject({ role: 'dpo', assigned: 1 });
      expect(before.body.items.map((r: { userId: string }) => r.userId)).not.toContain(world.dpoB.id);
      expectProblem(
        await app.http.get(`${API}/access-reviews/${campaignId}/reviewers`).set(as(world.dpoB)),
        404,
      );
    });

    it('reminds the reviewers with accounts to decide once a day (security officer only), audited', async () => {
      const remind = async (actor: Actor) =>
        app.http
          .post(`${API}/access-reviews/${campaignId}/reminders`)
          .set(as(actor))
          .send({ version: await currentVersion(app, 'access_review', campaignId) });
      const notices = () =>
        count('notification', `entity_id = '${campaignId}' AND threshold LIKE 'reminder:%'`);
      const withVersion = (body: object) =>
        app.http
          .post(`${API}/access-reviews/${campaignId}/reminders`)
          .set(as(world.securityOfficer))
          .send(body);
      const missing = await withVersion({});
      expectProblem(missing, 400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
      const stored = await currentVersion(app, 'access_review', campaignId);
      expectProblem(await withVersion({ version: stored + 1 }), 409);
      expect(await notices()).toBe(0);
      const first = await remind(world.securityOfficer);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ reviewers: 3, reminded: 3 });
      expect(await notices()).toBe(3);
      const again = await remind(world.securityOfficer);
      expect(again.body).toEqual({ reviewers: 3, reminded: 0 });
      expect(await notices()).toBe(3);
      expect(
        await count('audit_event', `action = 'access-review.remind' AND entity_id = '${campaignId}'`),
      ).toBe(2);
      expectProblem(await remind(world.dpoA), 403);
      expectProblem(await remind(world.dpoB), 404);
    });

    it('lets the assigned reviewer decide their account; another reviewer’s account is invisible to them (404, like its history)', async () => {
      const own = await decide(world.editorA, campaignId, byName(list, 'a.editeur').id, { decision: 'keep' });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ decision: 'keep', reason: null, decidedBy: world.editorA.id });
      const before = await count('access_review_event');
      const notTheirs = byName(list, 'b.lecteur').id;
      expectProblem(await decide(world.editorA, campaignId, notTheirs, { decision: 'keep' }), 404);
      expectProblem(
        await app.http
          .get(`${API}/access-reviews/${campaignId}/items/${notTheirs}/history`)
          .set(as(world.editorA)),
        404,
      );
      expectProblem(await decide(world.securityOfficer, campaignId, notTheirs, { decision: 'keep' }), 403);
      expectProblem(await decide(world.admin, campaignId, notTheirs, { decision: 'keep' }), 403);
      expectProblem(await decide(world.dpoB, campaignId, notTheirs, { decision: 'keep' }), 404);
      expectProblem(await decide(world.vendorContact, campaignId, notTheirs, { decision: 'keep' }), 404);
      expect(await count('access_review_event')).toBe(before);
    });

    it('requires a reason to revoke or modify (400, nothing written)', async () => {
      const item = byName(list, 'b.lecteur');
      const before = await count('access_review_event');
      expectProblem(await decide(world.readerA, campaignId, item.id, { decision: 'revoke' }), 400);
      expectProblem(
        await decide(world.readerA, campaignId, item.id, { decision: 'modify', reason: '   ' }),
        400,
      );
      expectProblem(
        await decide(world.readerA, campaignId, item.id, { decision: 'delete', reason: 'x' }),
        400,
      );
      expect(await count('access_review_event')).toBe(before);
      expect((await items(world.readerA, campaignId))[0].decision).toBeNull();
    });

    it('lets the member DPO decide any account and keeps every decision in the history', async () => {
      const item = byName(list, 'c.dpo');
      expect((await decide(world.dpoA, campaignId, item.id, { decision: 'keep' })).status).toBe(200);
      const revoked = await decide(world.sharedDpo, campaignId, item.id, {
        decision: 'revoke',
        reason: 'Agent parti en mars',
      });
      expect(revoked.status).toBe(200);
      const history = await app.http
        .get(`${API}/access-reviews/${campaignId}/items/${item.id}/history`)
        .set(as(world.dpoA));
      expect(history.status).toBe(200);
      expect(history.body.items).toMatchObject([
        { kind: 'decision', decision: 'keep', reason: null, actorId: world.dpoA.id },
        {
          kind: 'decision',
          decision: 'revoke',
          reason: 'Agent parti en mars',
          actorId: world.sharedDpo.id,
          actorName: 'shared-dpo',
        },
      ]);
      expectProblem(
        await app.http
          .get(`${API}/access-reviews/${campaignId}/items/${item.id}/history`)
          .set(as(world.editorA)),
        404,
      );
      expectProblem(
        await app.http
          .get(`${API}/access-reviews/${campaignId}/items/${item.id}/history`)
          .set(as(world.dpoB)),
        404,
      );
    });

    it('lets the security officer reassign to a user of the member only', async () => {
      const item = byName(list, 'b.lecteur');
      const reassign = async (actor: Actor, reviewerId: string) =>
        app.http
          .post(`${API}/access-reviews/${campaignId}/items/${item.id}/reassign`)
          .set(as(actor))
          .send({ version: await currentVersion(app, 'access_review_item', item.id), reviewerId });
      const before = await count('access_review_event');
      expectProblem(await reassign(world.securityOfficer, world.dpoB.id), 400);
      expectProblem(await reassign(world.securityOfficer, 'nope'), 400);
      expectProblem(await reassign(world.dpoA, world.editorA.id), 403);
      expectProblem(await reassign(world.dpoB, world.editorA.id), 404);
      expect(await count('access_review_event')).toBe(before);
      const done = await reassign(world.securityOfficer, world.editorA.id);
      expect(done.status).toBe(200);
      expect(done.body.reviewerId).toBe(world.editorA.id);
      expect((await items(world.editorA, campaignId)).map((i) => i.username)).toEqual([
        'a.editeur',
        'b.lecteur',
      ]);
      expect(await items(world.readerA, campaignId).catch(() => [])).toEqual([]);
    });

    it('refuses to close while an account has no decision (409), then closes with remediation tasks', async () => {
      const close = async () =>
        app.http
          .post(`${API}/access-reviews/${campaignId}/close`)
          .set(as(world.securityOfficer))
          .send({ version: await currentVersion(app, 'access_review', campaignId) });
      const refused = await close();
      expectProblem(refused, 409);
      expect(refused.body.detail).toMatch(/1 compte\(s\) sans décision/);
      expectProblem(
        await app.http
          .post(`${API}/access-reviews/${campaignId}/close`)
          .set(as(world.dpoA))
          .send({ version: await currentVersion(app, 'access_review', campaignId) }),
        403,
      );
      expectProblem(
        await app.http
          .post(`${API}/access-reviews/${campaignId}/close`)
          .set(as(world.dpoB))
          .send({ version: await currentVersion(app, 'access_review', campaignId) }),
        404,
      );
      const item = byName(list, 'b.lecteur');
      expect(
        (await decide(world.editorA, campaignId, item.id, { decision: 'modify', reason: 'Rôle trop large' }))
          .status,
      ).toBe(200);
      const closed = await close();
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({
        status: 'closed',
        counts: {
          accounts: 3,
          pending: 0,
          keep: 1,
          revoke: 1,
          modify: 1,
          remediationTasks: 2,
          remediationDone: 0,
        },
      });
      expectProblem(await decide(world.dpoA, campaignId, item.id, { decision: 'keep' }), 409);
      expectProblem(await close(), 409);
    });
  });

  describe('states', () => {
    it('requires the version on its action routes and answers each conflict its specific problem type', async () => {
      const PROBLEMS = 'https://vigie.dev/problems';
      const empty = (await createCampaign(world.memberA.id)).body;
      const post = (path: string, body: object) =>
        app.http.post(`${API}/access-reviews/${path}`).set(as(world.securityOfficer)).send(body);
      const missing = await post(`${empty.id}/open`, {});
      expectProblem(missing, 400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
      const stale = await post(`${empty.id}/open`, { version: empty.version + 1 });
      expectProblem(stale, 409);
      expect(stale.body.type).toBe(`${PROBLEMS}/stale-version`);
      const csvWithout = await app.http
        .post(`${API}/access-reviews/${empty.id}/accounts`)
        .set(as(world.securityOfficer))
        .set('Content-Type', 'text/csv')
        .send(`${HEADER}\nz,,,agent,,\n`);
      expectProblem(csvWithout, 400);
      expect(csvWithout.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
      const csvStale = await app.http
        .post(`${API}/access-reviews/${empty.id}/accounts`)
        .set(as(world.securityOfficer))
        .set('If-Match', String(empty.version + 1))
        .set('Content-Type', 'text/csv')
        .send(`${HEADER}\nz,,,agent,,\n`);
      expectProblem(csvStale, 409);
      expect(csvStale.body.type).toBe(`${PROBLEMS}/stale-version`);
      expect(await count('access_review_item', `access_review_id = '${empty.id}'`)).toBe(0);
      const noAccounts = await post(`${empty.id}/open`, { version: empty.version });
      expectProblem(noAccounts, 409);
      expect(noAccounts.body.type).toBe(`${PROBLEMS}/conflict-rule`);
      const draftId = await campaignWith([`y,,,agent,,`], false);
      const [item] = await items(world.dpoA, draftId);
      const notOpen = await decide(world.dpoA, draftId, item.id, { decision: 'keep' });
      expectProblem(notOpen, 409);
      expect(notOpen.body.type).toBe(`${PROBLEMS}/conflict-state`);
      const noVersion = await app.http
        .post(`${API}/access-reviews/${draftId}/items/${item.id}/decision`)
        .set(as(world.dpoA))
        .send({ decision: 'keep' });
      expectProblem(noVersion, 400);
    });

    it('opens only a draft with accounts, and decides only while open', async () => {
      const empty = (await createCampaign(world.memberA.id)).body;
      const open = async (actor: Actor, id: string) =>
        app.http
          .post(`${API}/access-reviews/${id}/open`)
          .set(as(actor))
          .send({ version: await currentVersion(app, 'access_review', id) });
      expectProblem(await open(world.securityOfficer, empty.id), 409);
      const draftId = await campaignWith([`z,,,agent,,`], false);
      const [item] = await items(world.dpoA, draftId);
      expectProblem(await decide(world.dpoA, draftId, item.id, { decision: 'keep' }), 409);
      expectProblem(await open(world.dpoA, draftId), 403);
      expectProblem(await open(world.dpoB, draftId), 404);
      expect((await open(world.securityOfficer, draftId)).body.status).toBe('open');
      expectProblem(await open(world.securityOfficer, draftId), 409);
      expectProblem(await importCsv(world.securityOfficer, draftId, `${HEADER}\ny,,,,,\n`), 409);
      expectProblem(
        await app.http.get(`${API}/access-reviews/${draftId}/certificate.pdf`).set(as(world.securityOfficer)),
        409,
      );
    });

    it('remediates at once a campaign closed with nothing to remediate', async () => {
      const id = await campaignWith([`k,,,agent,,`]);
      await decideAll(id);
      const closed = await app.http
        .post(`${API}/access-reviews/${id}/close`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', id) });
      expect(closed.body).toMatchObject({ status: 'remediated', counts: { remediationTasks: 0 } });
    });
  });

  describe('new and removed accounts across two campaigns', () => {
    it('flags accounts absent from the previous closed campaign as new and lists the vanished ones as removed', async () => {
      // A dedicated application keeps the comparison independent of the other tests.
      const application = await app.http.post(`${API}/applications`).set(as(world.securityOfficer)).send({
        name: 'Ciril RH',
        domain: 'Ressources humaines',
        hosting: 'operator',
        dataLocation: 'FR',
        healthData: false,
        securityMeasures: [],
      });
      await app.http
        .post(`${API}/applications/${application.body.id}/deployments`)
        .set(as(world.securityOfficer))
        .send({ organisationId: world.memberA.id })
        .expect(201);
      const run = async (usernames: string[]) => {
        const created = await createCampaign(world.memberA.id, { applicationId: application.body.id });
        const csv = [HEADER, ...usernames.map((u) => `${u},,,agent,${isoDate(-1)},`)].join('\n');
        expect((await importCsv(world.securityOfficer, created.body.id, csv)).status).toBe(200);
        return created.body.id as string;
      };
      const first = await run(['alice', 'bob', 'carole']);
      // No previous closed campaign: nothing is new.
      expect((await items(world.dpoA, first)).every((i) => !i.flags.includes('new'))).toBe(true);
      await app.http
        .post(`${API}/access-reviews/${first}/open`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', first) })
        .expect(200);
      await decideAll(first);
      await app.http
        .post(`${API}/access-reviews/${first}/close`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', first) })
        .expect(200);

      const second = await run(['Bob', 'carole', 'david']);
      const list = await items(world.dpoA, second);
      expect(list.map((i) => [i.username, i.flags, i.decision, i.reviewerId])).toEqual([
        ['alice', ['removed'], null, null],
        ['Bob', ['orphan'], null, world.dpoA.id],
        ['carole', ['orphan'], null, world.dpoA.id],
        ['david', ['orphan', 'new'], null, world.dpoA.id],
      ]);
      expect((await items(world.dpoA, second, '&flag=removed')).map((i) => i.username)).toEqual(['alice']);
      await app.http
        .post(`${API}/access-reviews/${second}/open`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', second) })
        .expect(200);
      const view = await app.http.get(`${API}/access-reviews/${second}`).set(as(world.dpoA));
      expect(view.body.counts).toMatchObject({ accounts: 3, pending: 3, removed: 1 });
      expectProblem(await decide(world.dpoA, second, byName(list, 'alice').id, { decision: 'keep' }), 409);
      // Removed accounts need no decision: the campaign closes once the three others are decided.
      await decideAll(second);
      expect(
        (
          await app.http
            .post(`${API}/access-reviews/${second}/close`)
            .set(as(world.securityOfficer))
            .send({ version: await currentVersion(app, 'access_review', second) })
        ).body.status,
      ).toBe('remediated');
    });
  });

  describe('remediation and certificate', () => {
    let campaignId: string;

    beforeAll(async () => {
      campaignId = await campaignWith([
        `garde,,,agent,${isoDate(-1)},${world.editorA.email}`,
        `parti,Agent Parti,,admin,,${world.editorA.email}`,
        `large,,,superviseur,${isoDate(-2)},`,
      ]);
      const list = await items(world.dpoA, campaignId);
      expect(
        (
          await decide(world.editorA, campaignId, byName(list, 'garde').id, {
            decision: 'keep',
            reason: 'Compte de service de la comptabilité',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await decide(world.editorA, campaignId, byName(list, 'parti').id, {
            decision: 'revoke',
            reason: 'A quitté la collectivité',
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await decide(world.dpoA, campaignId, byName(list, 'large').id, {
            decision: 'modify',
            reason: 'Profil lecture seule',
          })
        ).status,
      ).toBe(200);
      await app.http
        .post(`${API}/access-reviews/${campaignId}/close`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', campaignId) })
        .expect(200);
    });

    const tasks = async (actor: Actor, query = '') =>
      app.http.get(`${API}/remediation-tasks?accessReviewId=${campaignId}${query}`).set(as(actor));

    it('lists the tasks of revocations and modifications, due after the campaign, and the overdue ones', async () => {
      const response = await tasks(world.securityOfficer);
      expect(response.status).toBe(200);
      const sorted = [...response.body.items].sort((a, b) => a.username.localeCompare(b.username));
      expect(sorted).toMatchObject([
        {
          username: 'large',
          action: 'modify',
          status: 'to-do',
          // 30 days after the campaign's due date, moved to the next working day (Regulation 1182/71, art. 3.4).
          dueDate: dueDateInDays(isoDate(30), 30),
          overdue: false,
          reason: 'Profil lecture seule',
        },
        {
          username: 'parti',
          action: 'revoke',
          status: 'to-do',
          dueDate: dueDateInDays(isoDate(30), 30),
          overdue: false,
        },
      ]);
      expect((await tasks(world.dpoA)).body.total).toBe(2);
      expect((await tasks(world.dpoB)).body.total).toBe(0);
      expect((await tasks(world.editorA)).body.total).toBe(0);
      expect((await tasks(world.securityOfficer, '&overdue=true')).body.total).toBe(0);
      await app.dataSource.query(
        `UPDATE remediation_task SET due_date = current_date - 3 FROM access_review_item i
         WHERE i.id = remediation_task.item_id AND i.username = 'parti' AND remediation_task.access_review_id = $1`,
        [campaignId],
      );
      const overdue = await tasks(world.securityOfficer, '&overdue=true');
      expect(
        overdue.body.items.map((t: { username: string; overdue: boolean }) => [t.username, t.overdue]),
      ).toEqual([['parti', true]]);
      expectProblem(await tasks(world.securityOfficer, '&overdue=maybe'), 400);
    });

    it('attaches the certificate of the closed campaign to ISO control 5.18 once, stored for the member', async () => {
      const control = async () => {
        const rows = await app.http
          .get(`${API}/assessments/${isoAssessmentId}/requirements?pageSize=200`)
          .set(as(world.auditor));
        return (rows.body.items as { ref: string; id: string; evidenceCount: number }[]).find(
          (r) => r.ref === 'A.5.18',
        )!;
      };
      // Attached by the system when the campaign closed (earlier in this file), not by a download.
      const evidenceBefore = (await control()).evidenceCount;
      const documentsBefore = await count('generated_document', `organisation_id = '${world.memberA.id}'`);
      const [attachedAtClose] = await app.dataSource.query(
        `SELECT e.actor_id FROM audit_event e WHERE e.action = 'access-review.certificate-evidence' AND e.entity_id = $1`,
        [campaignId],
      );
      expect(attachedAtClose).toEqual({ actor_id: null });
      const response = await app.http
        .get(`${API}/access-reviews/${campaignId}/certificate.pdf`)
        .set(as(world.securityOfficer))
        .buffer(true);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['x-evidence-status']).toBe('attached');
      const evidenceId = response.headers['x-evidence-id'];
      // The download adds no evidence. It is stored for the member (a new record: a task's due date was
      // moved by an earlier test, so its content differs from the certificate issued at the closing).
      expect((await control()).evidenceCount).toBe(evidenceBefore);
      expect(await count('generated_document', `organisation_id = '${world.memberA.id}'`)).toBe(
        documentsBefore + 1,
      );
      const download = await app.http
        .get(`${API}/evidence/${evidenceId}/content`)
        .set(as(world.auditor))
        .buffer(true);
      expect(download.status).toBe(200);
      // The evidence is a certificate the system issued at the closing, byte for byte.
      const [issued] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM generated_document
          WHERE kind = 'access-review-certificate' AND created_by IS NULL AND organisation_id = $1 AND sha256 = $2`,
        [world.memberA.id, createHash('sha256').update(download.body).digest('hex')],
      );
      expect(issued.n).toBe(1);
      const links = await app.http.get(`${API}/evidence/${evidenceId}`).set(as(world.auditor));
      expect(JSON.stringify(links.body)).toContain((await control()).id);

      const { flat } = await pdfText(response.body);
      expect(flat).toContain('Certificat de revue des accès');
      expect(flat).toContain('Mairie de Gentilly');
      expect(flat).toContain('Ciril GF');
      expect(flat).toContain('Statut : Clôturée');
      expect(flat).toMatch(/Conservés ?1 Révoqués ?1 Modifiés ?1 Total des comptes revus ?3/);
      expect(flat).toContain('editor-a');
      expect(flat).toContain('dpo-a');
      expect(flat).toContain('parti (Agent Parti)');
      expect(flat).toContain('A quitté la collectivité');
      expect(flat).toContain('Révocation');
      expect(flat).toContain('Modification');
      // The account kept although it is an orphan (no agent in the directory), with its reason.
      expect(flat).toContain('Comptes conservés malgré un signalement');
      expect(flat).toMatch(/garde ?agent ?orphelin ?Compte de service de la comptabilité/);
      expect(flat).toContain(
        'Comptes orphelins déterminés d’après l’annuaire des agents de Mairie de Gentilly',
      );
      expect(flat).toContain('À faire (échéance');
      expect(flat).toContain('mesure 5.18 « Droits d’accès »');

      // The member's DPO downloads it too: nothing is written in the DPO's name into the operator's assessment.
      const again = await app.http
        .get(`${API}/access-reviews/${campaignId}/certificate.pdf`)
        .set(as(world.dpoA));
      expect(again.headers['x-evidence-status']).toBe('attached');
      expect((await control()).evidenceCount).toBe(evidenceBefore);
      const [{ byDpo }] = await app.dataSource.query(
        `SELECT count(*)::int AS "byDpo" FROM audit_event WHERE actor_id = $1 AND action LIKE 'evidence%'`,
        [world.dpoA.id],
      );
      expect(byDpo).toBe(0);
      expectProblem(
        await app.http.get(`${API}/access-reviews/${campaignId}/certificate.pdf`).set(as(world.dpoB)),
        404,
      );
      expectProblem(
        await app.http
          .get(`${API}/access-reviews/${campaignId}/certificate.pdf`)
          .set(as(world.vendorContact)),
        404,
      );
    });

    it('marks tasks done (security officer only); the last one remediates the campaign', async () => {
      const [first, second] = (await tasks(world.securityOfficer)).body.items as { id: string }[];
      const done = async (actor: Actor, id: string, body: object = {}) =>
        app.http
          .post(`${API}/remediation-tasks/${id}/done`)
          .set(as(actor))
          .send({ version: await currentVersion(app, 'remediation_task', id), ...body });
      expectProblem(await done(world.dpoA, first.id), 403);
      expectProblem(await done(world.admin, first.id), 403);
      expectProblem(await done(world.dpoB, first.id), 404);
      expectProblem(await done(world.editorA, first.id), 404);
      expectProblem(await done(world.securityOfficer, first.id, { note: 'x'.repeat(2001) }), 400);
      expect(await count('remediation_task', `status = 'done'`)).toBe(0);
      const marked = await done(world.securityOfficer, first.id, { note: 'Ticket 4521' });
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({
        status: 'done',
        doneBy: world.securityOfficer.id,
        note: 'Ticket 4521',
      });
      expectProblem(await done(world.securityOfficer, first.id), 409);
      let campaign = await app.http.get(`${API}/access-reviews/${campaignId}`).set(as(world.dpoA));
      expect(campaign.body.status).toBe('closed');
      expect((await done(world.securityOfficer, second.id)).status).toBe(200);
      campaign = await app.http.get(`${API}/access-reviews/${campaignId}`).set(as(world.dpoA));
      expect(campaign.body).toMatchObject({
        status: 'remediated',
        counts: { remediationTasks: 2, remediationDone: 2 },
      });

      // The remediated campaign's certificate shows the remediation dates and is attached again.
      const certificate = await app.http
        .get(`${API}/access-reviews/${campaignId}/certificate.pdf`)
        .set(as(world.securityOfficer))
        .buffer(true);
      expect(certificate.headers['x-evidence-status']).toBe('attached');
      const { flat } = await pdfText(certificate.body);
      expect(flat).toContain('Statut : Remédiée');
      expect(flat).toMatch(/Faite le \d{1,2}(er)? \S+ \d{4} par rssi/);
    });
  });

  describe('recurrence', () => {
    it('creates the next campaign once (CLI, then a second run and two concurrent runs), reviewers carried over', async () => {
      const id = await campaignWith([`suivi,,,agent,${isoDate(-1)},${world.editorA.email}`], true, {
        recurrenceMonths: 3,
      });
      const out: string[] = [];
      // Not finished and not past due: nothing to create yet.
      expect(await scheduleAccessReviews(app.dataSource, (line) => out.push(line))).toBe(0);
      expect(await count('access_review', `previous_campaign_id = '${id}'`)).toBe(0);
      await decideAll(id);
      await app.http
        .post(`${API}/access-reviews/${id}/close`)
        .set(as(world.securityOfficer))
        .send({ version: await currentVersion(app, 'access_review', id) })
        .expect(200);
      const auditBefore = await count('audit_event', `action = 'access-review.recur'`);
      await scheduleAccessReviews(app.dataSource, (line) => out.push(line));
      expect(out.join('\n')).toContain('1 access review(s) created');
      await scheduleAccessReviews(app.dataSource, (line) => out.push(line));
      const ctx = RequestContext.system('test');
      await Promise.all([
        createDueRecurrences(app.dataSource, ctx),
        createDueRecurrences(app.dataSource, ctx),
      ]);
      expect(await count('access_review', `previous_campaign_id = '${id}'`)).toBe(1);
      expect(await count('audit_event', `action = 'access-review.recur'`)).toBe(auditBefore + 1);
      const [next] = await app.dataSource.query(
        `SELECT id, status, to_char(due_date, 'YYYY-MM-DD') AS due, recurrence_months FROM access_review WHERE previous_campaign_id = $1`,
        [id],
      );
      const previous = await app.http.get(`${API}/access-reviews/${id}`).set(as(world.dpoA));
      // Three months later, moved to the next working day (Regulation 1182/71, art. 3.4).
      const expectedDue = nextWorkingDay(addCalendarMonths(previous.body.dueDate, 3));
      expect(next).toMatchObject({ status: 'draft', recurrence_months: 3, due: expectedDue });
      // The reviewer of an account is carried over when the new list names none.
      expect(
        (
          await importCsv(
            world.securityOfficer,
            next.id,
            `${HEADER}\nsuivi,,,agent,${isoDate(-1)},\nautre,,,agent,,\n`,
          )
        ).status,
      ).toBe(200);
      const list = await items(world.securityOfficer, next.id);
      expect(byName(list, 'suivi').reviewerId).toBe(world.editorA.id);
      expect(byName(list, 'autre').reviewerId).toBe(world.dpoA.id);
    });
  });
});

describe('Access reviews: the scheduled job (e2e)', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('registers the daily cron in pg-boss and creates the next campaign when the job runs', async () => {
    app = await createTestApp({ VIGIE_JOBS: '1' });
    const world = await createWorld(app);
    const queue = app.app.get(JobQueue);
    expect(queue.running).toBe(true);
    expect(await queue.schedules()).toEqual(
      expect.arrayContaining([{ name: SCHEDULE_JOB, cron: SCHEDULE_CRON, timezone: 'Europe/Paris' }]),
    );
    const application = await app.http.post(`${API}/applications`).set(as(world.securityOfficer)).send({
      name: 'Ciril GF',
      domain: 'Finances',
      hosting: 'operator',
      dataLocation: 'FR',
      healthData: false,
      securityMeasures: [],
    });
    await app.http
      .post(`${API}/applications/${application.body.id}/deployments`)
      .set(as(world.securityOfficer))
      .send({ organisationId: world.memberA.id })
      .expect(201);
    const campaign = await app.http
      .post(`${API}/access-reviews`)
      .set(as(world.securityOfficer))
      .send({
        organisationId: world.memberA.id,
        applicationId: application.body.id,
        name: 'Revue trimestrielle',
        dueDate: isoDate(0),
        recurrenceMonths: 3,
      });
    expect(campaign.status).toBe(201);
    // The campaign is left behind past its due date: the cycle goes on without it.
    await app.dataSource.query(`UPDATE access_review SET due_date = current_date - 1 WHERE id = $1`, [
      campaign.body.id,
    ]);
    const jobId = await queue.send(SCHEDULE_JOB);
    expect(jobId).toEqual(expect.any(String));
    const deadline = Date.now() + 30_000;
    while ((await queue.state(SCHEDULE_JOB, jobId!)) !== 'completed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(await queue.state(SCHEDULE_JOB, jobId!)).toBe('completed');
    const next = await app.dataSource.query(
      `SELECT status, name FROM access_review WHERE previous_campaign_id = $1`,
      [campaign.body.id],
    );
    expect(next).toEqual([{ status: 'draft', name: 'Revue trimestrielle' }]);
  });
});
