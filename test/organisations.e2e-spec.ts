import { createTestApp, TestApp } from './support/test-app';
import { as, createActor, createWorld, expectProblem, login, PASSWORD, World } from './support/world';

async function count(app: TestApp, table: string): Promise<number> {
  const rows = await app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

describe('Organisations, users and memberships (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  describe('organisations', () => {
    it('lets the administrator create a member with a valid SIREN', async () => {
      const response = await app.http
        .post('/api/v1/organisations')
        .set(as(world.admin))
        .send({ name: "Mairie d'Arcueil", shortName: 'ARCUEIL', kind: 'member', siren: '219400033' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        id: expect.any(String),
        shortName: 'ARCUEIL',
        kind: 'member',
        siren: '219400033',
        version: 1,
      });
    });

    it('refuses a SIREN whose key is wrong, an operator kind, unknown and overlong fields, writing nothing', async () => {
      const before = await count(app, 'organisation');
      const cases = [
        { name: 'Mairie', shortName: 'BADSIREN', kind: 'member', siren: '219400034' },
        { name: 'Mairie', shortName: 'OPE', kind: 'operator' },
        { name: 'Mairie', shortName: 'EXTRA', kind: 'member', admin: true },
        { name: 'x'.repeat(201), shortName: 'LONG', kind: 'member' },
        { shortName: 'NONAME', kind: 'member' },
        { name: 42, shortName: 'TYPE', kind: 'member' },
      ];
      for (const body of cases) {
        const response = await app.http.post('/api/v1/organisations').set(as(world.admin)).send(body);
        expectProblem(response, 400);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
        );
      }
      expect(await count(app, 'organisation')).toBe(before);
    });

    it('keeps short names unique whatever their case (409)', async () => {
      const response = await app.http
        .post('/api/v1/organisations')
        .set(as(world.admin))
        .send({ name: 'Autre Arcueil', shortName: 'arcueil', kind: 'member' });
      expectProblem(response, 409);
    });

    it('forbids organisation creation to every other role (403)', async () => {
      for (const actor of [
        world.securityOfficer,
        world.auditor,
        world.dpoA,
        world.editorA,
        world.vendorContact,
      ]) {
        const response = await app.http
          .post('/api/v1/organisations')
          .set(as(actor))
          .send({ name: 'Intrus', shortName: 'INTRUS', kind: 'member' });
        expectProblem(response, 403);
      }
    });

    it('lists only the organisations a member role may see', async () => {
      const list = await app.http.get('/api/v1/organisations?pageSize=200').set(as(world.dpoA));
      expect(list.status).toBe(200);
      expect(list.body.items.map((o: { id: string }) => o.id)).toEqual([world.memberA.id]);
      expect(list.body.total).toBe(1);
      const shared = await app.http.get('/api/v1/organisations').set(as(world.sharedDpo));
      expect(shared.body.items.map((o: { id: string }) => o.id).sort()).toEqual(
        [world.memberA.id, world.memberB.id].sort(),
      );
      const vendor = await app.http.get('/api/v1/organisations').set(as(world.vendorContact));
      expect(vendor.body.items.map((o: { id: string }) => o.id)).toEqual([world.vendor.id]);
      const nobody = await app.http.get('/api/v1/organisations').set(as(world.nobody));
      expect(nobody.body).toMatchObject({ items: [], total: 0 });
    });

    it('follows a role given or removed at the next request, and refuses a disabled user at once (SQL kept per caller scope)', async () => {
      const user = await createActor(
        app,
        world.admin,
        [{ organisationId: world.memberA.id, role: 'reader' }],
        'lister',
      );
      const listed = async () => {
        const response = await app.http.get('/api/v1/organisations').set(as(user));
        return response.status === 200
          ? response.body.items.map((o: { id: string }) => o.id)
          : response.status;
      };
      // The read's SQL is kept per caller scope too: its answer follows the same roles.
      const readB = async () =>
        (await app.http.get(`/api/v1/organisations/${world.memberB.id}`).set(as(user))).status;
      expect(await listed()).toEqual([world.memberA.id]);
      expect(await listed()).toEqual([world.memberA.id]);
      expect(await readB()).toBe(404);
      expect(await readB()).toBe(404);
      const given = await app.http
        .post(`/api/v1/organisations/${world.memberB.id}/memberships`)
        .set(as(world.admin))
        .send({ userId: user.id, role: 'reader' });
      expect(given.status).toBe(201);
      expect((await listed()).sort()).toEqual([world.memberA.id, world.memberB.id].sort());
      expect(await readB()).toBe(200);
      const removed = await app.http
        .delete(`/api/v1/organisations/${world.memberB.id}/memberships/${given.body.id}`)
        .set(as(world.admin));
      expect(removed.status).toBe(204);
      expect(await listed()).toBe(401);
      expect(await readB()).toBe(401);
      user.token = await login(app, user.email, PASSWORD);
      expect(await listed()).toEqual([world.memberA.id]);
      expect(await readB()).toBe(404);
      const account = await app.http.get(`/api/v1/users/${user.id}`).set(as(world.admin));
      const disabled = await app.http
        .patch(`/api/v1/users/${user.id}`)
        .set(as(world.admin))
        .send({ disabled: true, version: account.body.version });
      expect(disabled.status).toBe(200);
      expect(await listed()).toBe(401);
      expect(await readB()).toBe(401);
    });

    it('paginates with a stable order and bounded page size', async () => {
      const page1 = await app.http.get('/api/v1/organisations?page=1&pageSize=2').set(as(world.admin));
      const page2 = await app.http.get('/api/v1/organisations?page=2&pageSize=2').set(as(world.admin));
      expect(page1.body).toMatchObject({ page: 1, pageSize: 2 });
      expect(page1.body.items).toHaveLength(2);
      const ids = [...page1.body.items, ...page2.body.items].map((o: { id: string }) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      const past = await app.http.get('/api/v1/organisations?page=100&pageSize=2').set(as(world.admin));
      expect(past.body).toMatchObject({ items: [], total: page1.body.total, page: 100 });
      expectProblem(await app.http.get('/api/v1/organisations?pageSize=201').set(as(world.admin)), 400);
      expectProblem(await app.http.get('/api/v1/organisations?page=0').set(as(world.admin)), 400);
    });

    it("answers 404 for another member's organisation, exactly as for an unknown id", async () => {
      const other = await app.http.get(`/api/v1/organisations/${world.memberB.id}`).set(as(world.dpoA));
      const unknown = await app.http
        .get('/api/v1/organisations/6f1d8a52-64f1-4c2e-9a57-0d0c1b1a0e55')
        .set(as(world.dpoA));
      expectProblem(other, 404);
      expectProblem(unknown, 404);
      expect(other.body.detail).toBe(unknown.body.detail);
      expectProblem(await app.http.get('/api/v1/organisations/not-a-uuid').set(as(world.dpoA)), 400);
    });

    it('updates with the version last read and refuses a stale one (409) without changing anything', async () => {
      const current = await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.admin));
      const updated = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.admin))
        .send({ name: 'Mairie de Gentilly (Val-de-Marne)', version: current.body.version });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        name: 'Mairie de Gentilly (Val-de-Marne)',
        version: current.body.version + 1,
      });
      const stale = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.admin))
        .send({ name: 'Écrasé', version: current.body.version });
      expectProblem(stale, 409);
      const viaHeader = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.admin))
        .set('If-Match', `"${current.body.version}"`)
        .send({ name: 'Écrasé' });
      expectProblem(viaHeader, 409);
      const nulled = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.admin))
        .send({ name: null, shortName: null, version: current.body.version + 1 });
      expectProblem(nulled, 400);
      const missing = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.admin))
        .send({ name: 'Sans version' });
      expectProblem(missing, 400);
      const after = await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.admin));
      expect(after.body.name).toBe('Mairie de Gentilly (Val-de-Marne)');
    });

    it('lets a DPO read but not update their own organisation (403), and hides others (404)', async () => {
      const own = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.dpoA))
        .send({ name: 'X', version: 1 });
      expectProblem(own, 403);
      const other = await app.http
        .patch(`/api/v1/organisations/${world.memberB.id}`)
        .set(as(world.dpoA))
        .send({ name: 'X', version: 1 });
      expectProblem(other, 404);
    });
  });

  describe("controller's details (contact, representative, DPO)", () => {
    const contact = {
      address: 'Esplanade Georges-Marrane',
      postalCode: '94200',
      city: 'Ivry-sur-Seine',
      email: 'contact@ivry.example.fr',
      phone: '01 99 00 25 25',
    };
    const representative = { name: 'Claire Fontaine', title: 'Maire' };
    const dpo = {
      name: 'Dominique Paulin',
      email: 'dpo@ivry.example.fr',
      phone: '+33 1 99 00 25 30',
      designationReference: 'DPO-94-000431',
    };
    let member: { id: string };

    beforeAll(async () => {
      const created = await app.http
        .post('/api/v1/organisations')
        .set(as(world.admin))
        .send({ name: "Mairie d'Ivry-sur-Seine", shortName: 'IVRYDETAILS', kind: 'member', contact });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ contact, representative: null, dpo: null });
      member = created.body;
    });

    it('lets the administrator record them, answers them on GET, and warns while no DPO is designated', async () => {
      const before = await app.http.get(`/api/v1/organisations/${member.id}`).set(as(world.admin));
      expect(before.body.warnings).toEqual([
        { field: 'dpo', message: expect.stringContaining('DPO non désigné') },
      ]);
      expect(before.body.warnings[0].message).toContain('art. 37.1.a');
      const updated = await app.http
        .patch(`/api/v1/organisations/${member.id}`)
        .set(as(world.admin))
        .send({ representative, dpo, version: before.body.version });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ contact, representative, dpo, warnings: [] });
      const read = await app.http.get(`/api/v1/organisations/${member.id}`).set(as(world.admin));
      expect(read.body).toMatchObject({
        contact,
        representative,
        dpo,
        version: before.body.version + 1,
        warnings: [],
      });
      const listed = await app.http.get('/api/v1/organisations?pageSize=200').set(as(world.admin));
      expect(listed.body.items.find((o: { id: string }) => o.id === member.id)).toMatchObject({ dpo });
      const vendor = await app.http.get(`/api/v1/organisations/${world.vendor.id}`).set(as(world.admin));
      expect(vendor.body.warnings).toEqual([]);
    });

    it('answers each listed organisation exactly as its own read: same fields, values and order', async () => {
      // The list and the read map rows to plain records themselves (no TypeORM hydration); the update still
      // answers the entity TypeORM hydrated and saved: a read after an update answers the same bytes.
      const full = await app.http.post('/api/v1/organisations').set(as(world.admin)).send({
        name: 'Mairie de Gentilly',
        shortName: 'GENTILLYLIST',
        kind: 'member',
        contact,
        representative,
        dpo,
      });
      expect(full.status).toBe(201);
      await app.dataSource.query(
        `UPDATE organisation SET siret = '20000017200011', siren = '200000172', sso_required = true WHERE id = $1`,
        [full.body.id],
      );
      const listed = await app.http.get('/api/v1/organisations?pageSize=200').set(as(world.admin));
      expect(listed.body.items.length).toBeGreaterThan(3);
      expect(listed.body.items.some((o: { id: string }) => o.id === full.body.id)).toBe(true);
      for (const item of listed.body.items as { id: string }[]) {
        const read = await app.http.get(`/api/v1/organisations/${item.id}`).set(as(world.admin));
        expect(JSON.stringify(item)).toBe(JSON.stringify(read.body));
      }
      const current = await app.http.get(`/api/v1/organisations/${full.body.id}`).set(as(world.admin));
      const saved = await app.http
        .patch(`/api/v1/organisations/${full.body.id}`)
        .set(as(world.admin))
        .send({ name: 'Mairie de Gentilly (liste)', version: current.body.version });
      expect(saved.status).toBe(200);
      const reread = await app.http.get(`/api/v1/organisations/${full.body.id}`).set(as(world.admin));
      expect(reread.text).toBe(JSON.stringify(saved.body));
      expect(reread.body).toMatchObject({ siret: '20000017200011', ssoRequired: true, contact, dpo });
      const dpoList = await app.http.get('/api/v1/organisations').set(as(world.dpoA));
      const dpoRead = await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.dpoA));
      expect(dpoList.body.items).toEqual([dpoRead.body]);
    });

    it("lets a member's DPO edit these three parts of its own member (merge patch), with an audit event", async () => {
      const current = await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.dpoA));
      const updated = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.dpoA))
        .send({
          contact: { ...contact, city: 'Gentilly', postalCode: '94250' },
          representative,
          dpo: { name: 'Aline Garnier', email: 'dpo@gentilly.example.fr' },
          version: current.body.version,
        });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        name: current.body.name,
        contact: { city: 'Gentilly', postalCode: '94250', phone: contact.phone },
        dpo: { name: 'Aline Garnier', email: 'dpo@gentilly.example.fr' },
        version: current.body.version + 1,
      });
      // A field set to null is removed, the others are kept; a part set to null is removed whole.
      const patched = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.dpoA))
        .send({ contact: { phone: null }, representative: null, version: updated.body.version });
      expect(patched.status).toBe(200);
      expect(patched.body.contact).toEqual({
        address: contact.address,
        postalCode: '94250',
        city: 'Gentilly',
        email: contact.email,
      });
      expect(patched.body.representative).toBeNull();
      expect(patched.body.dpo).toEqual({ name: 'Aline Garnier', email: 'dpo@gentilly.example.fr' });
      const events = await app.http
        .get(`/api/v1/audit-events?entityId=${world.memberA.id}`)
        .set(as(world.dpoA));
      const event = events.body.items.find(
        (e: { action: string; actorId: string; changes: unknown }) =>
          e.action === 'organisation.update' &&
          e.actorId === world.dpoA.id &&
          JSON.stringify(e.changes).includes('Aline Garnier'),
      );
      expect(event).toBeDefined();
      const stale = await app.http
        .patch(`/api/v1/organisations/${world.memberA.id}`)
        .set(as(world.dpoA))
        .send({ dpo: { name: 'Écrasé' }, version: current.body.version });
      expectProblem(stale, 409);
    });

    it("refuses a DPO another member's details (404) and any other field of its own (403), changing nothing", async () => {
      const other = await app.http
        .patch(`/api/v1/organisations/${world.memberB.id}`)
        .set(as(world.dpoA))
        .send({ dpo: { name: 'Intrus' }, version: 1 });
      expectProblem(other, 404);
      const current = await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.dpoA));
      for (const body of [
        { name: 'Autre nom', dpo: { name: 'Intrus' } },
        { siren: '219400033' },
        { shortName: 'AUTRE', contact: { city: 'Ailleurs' } },
      ]) {
        const response = await app.http
          .patch(`/api/v1/organisations/${world.memberA.id}`)
          .set(as(world.dpoA))
          .send({ ...body, version: current.body.version });
        expectProblem(response, 403);
      }
      const after = await app.http.get(`/api/v1/organisations/${world.memberA.id}`).set(as(world.dpoA));
      expect(after.body).toEqual(current.body);
    });

    it('forbids editors, readers, the security officer and vendor contacts to edit them (403)', async () => {
      for (const [actor, id] of [
        [world.editorA, world.memberA.id],
        [world.readerA, world.memberA.id],
        [world.securityOfficer, world.memberA.id],
        [world.vendorContact, world.vendor.id],
      ] as const) {
        const current = await app.http.get(`/api/v1/organisations/${id}`).set(as(actor));
        const response = await app.http
          .patch(`/api/v1/organisations/${id}`)
          .set(as(actor))
          .send({ dpo: { name: 'Quelqu’un' }, version: current.body.version });
        expectProblem(response, 403);
      }
    });

    it('refuses malformed or overlong details (400) and writes nothing', async () => {
      const current = await app.http.get(`/api/v1/organisations/${member.id}`).set(as(world.admin));
      const events = await count(app, 'audit_event');
      const cases: Record<string, unknown>[] = [
        { contact: { email: 'pas-une-adresse' } },
        { contact: { phone: 'appelez-moi' } },
        { contact: { postalCode: '94 200 000 000' } },
        { contact: { address: 'x'.repeat(301) } },
        { contact: { city: '' } },
        { contact: 'Ivry' },
        { contact: { fax: '01 99 00 00 00' } },
        { representative: { name: 'x'.repeat(201) } },
        { representative: { title: 42 } },
        { dpo: { email: 'dpo@' } },
        { dpo: { designationReference: 'x'.repeat(101) } },
        { dpo: { name: 'Valide' }, siren: '219400034' },
      ];
      for (const body of cases) {
        const response = await app.http
          .patch(`/api/v1/organisations/${member.id}`)
          .set(as(world.admin))
          .send({ ...body, version: current.body.version });
        expectProblem(response, 400);
        expect(response.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
        );
      }
      const created = await count(app, 'organisation');
      const refused = await app.http
        .post('/api/v1/organisations')
        .set(as(world.admin))
        .send({ name: 'Mairie', shortName: 'BADDPO', kind: 'member', dpo: { email: 'nope' } });
      expectProblem(refused, 400);
      expect(await count(app, 'organisation')).toBe(created);
      expect(await count(app, 'audit_event')).toBe(events);
      const after = await app.http.get(`/api/v1/organisations/${member.id}`).set(as(world.admin));
      expect(after.body).toEqual(current.body);
    });
  });

  describe('users', () => {
    it('creates users with a unique, case-insensitive email and a strong enough password', async () => {
      const created = await app.http.post('/api/v1/users').set(as(world.admin)).send({
        email: 'Camille.Martin@Ivry.fr',
        displayName: 'Camille Martin',
        password: 'a-long-password-1',
      });
      expect(created.status).toBe(201);
      expect(created.body).toEqual(
        expect.objectContaining({ email: 'camille.martin@ivry.fr', displayName: 'Camille Martin' }),
      );
      expect(created.body.password).toBeUndefined();
      expect(created.body.passwordHash).toBeUndefined();
      const duplicate = await app.http
        .post('/api/v1/users')
        .set(as(world.admin))
        .send({ email: 'CAMILLE.MARTIN@ivry.fr', displayName: 'Doublon', password: 'a-long-password-1' });
      expectProblem(duplicate, 409);
      const before = await count(app, 'app_user');
      const weakPasswords = [
        'short',
        'aaaaaaaaaaaa',
        'password1234',
        'motdepasse123',
        ' '.repeat(12),
        '\t'.repeat(12),
        'WandaEakins2026',
      ];
      for (const password of weakPasswords) {
        const weak = await app.http
          .post('/api/v1/users')
          .set(as(world.admin))
          .send({ email: 'weak@ivry.fr', displayName: 'Wanda Eakins', password });
        expectProblem(weak, 400);
        expect({ password, message: weak.body.errors?.[0]?.message }).toEqual({
          password,
          message: expect.stringMatching(/^(Le )?[Mm]ot de passe/),
        });
      }
      const badEmail = await app.http
        .post('/api/v1/users')
        .set(as(world.admin))
        .send({ email: 'not-an-email', displayName: 'W', password: 'a-long-password-1' });
      expectProblem(badEmail, 400);
      expect(await count(app, 'app_user')).toBe(before);
    });

    it('keeps the user directory to the administrator (403 to create, nothing listed, 404 to read)', async () => {
      expectProblem(
        await app.http
          .post('/api/v1/users')
          .set(as(world.dpoA))
          .send({ email: 'x@y.fr', displayName: 'X', password: 'a-long-password-1' }),
        403,
      );
      const list = await app.http.get('/api/v1/users').set(as(world.dpoA));
      expect(list.body).toMatchObject({ items: [], total: 0 });
      expectProblem(await app.http.get(`/api/v1/users/${world.dpoB.id}`).set(as(world.dpoA)), 404);
    });
  });

  describe('memberships', () => {
    it('refuses a role that does not fit the organisation kind (400)', async () => {
      const before = await count(app, 'membership');
      const cases = [
        { organisationId: world.memberA.id, role: 'admin' },
        { organisationId: world.vendor.id, role: 'dpo' },
        { organisationId: world.operatorId, role: 'vendor-contact' },
        { organisationId: world.memberA.id, role: 'superuser' },
      ];
      for (const { organisationId, role } of cases) {
        const response = await app.http
          .post(`/api/v1/organisations/${organisationId}/memberships`)
          .set(as(world.admin))
          .send({ userId: world.nobody.id, role });
        expectProblem(response, 400);
      }
      const unknownUser = await app.http
        .post(`/api/v1/organisations/${world.memberA.id}/memberships`)
        .set(as(world.admin))
        .send({ userId: '6f1d8a52-64f1-4c2e-9a57-0d0c1b1a0e55', role: 'reader' });
      expectProblem(unknownUser, 400);
      expect(await count(app, 'membership')).toBe(before);
    });

    it('gives, lists and removes a role; the new role takes effect at the next request', async () => {
      const me = async () => (await app.http.get('/api/v1/auth/me').set(as(world.nobody))).body.memberships;
      const created = await app.http
        .post(`/api/v1/organisations/${world.memberB.id}/memberships`)
        .set(as(world.admin))
        .send({ userId: world.nobody.id, role: 'reader' });
      expect(created.status).toBe(201);
      expect(await me()).toEqual([
        expect.objectContaining({ organisationId: world.memberB.id, role: 'reader' }),
      ]);
      expectProblem(
        await app.http
          .post(`/api/v1/organisations/${world.memberB.id}/memberships`)
          .set(as(world.admin))
          .send({ userId: world.nobody.id, role: 'reader' }),
        409,
      );
      const list = await app.http
        .get(`/api/v1/organisations/${world.memberB.id}/memberships`)
        .set(as(world.dpoB));
      expect(list.body.items.map((m: { email: string }) => m.email)).toContain(world.nobody.email);
      const removed = await app.http
        .delete(`/api/v1/organisations/${world.memberB.id}/memberships/${created.body.id}`)
        .set(as(world.admin));
      expect(removed.status).toBe(204);
      // The removal ends the tokens that carried the role; signing in again shows it gone.
      expectProblem(await app.http.get('/api/v1/auth/me').set(as(world.nobody)), 401);
      world.nobody.token = await login(app, world.nobody.email, PASSWORD);
      expect(await me()).toEqual([]);
    });

    it("hides another member's memberships (404) and forbids a DPO to give roles (403)", async () => {
      expectProblem(
        await app.http.get(`/api/v1/organisations/${world.memberB.id}/memberships`).set(as(world.dpoA)),
        404,
      );
      expectProblem(
        await app.http
          .post(`/api/v1/organisations/${world.memberA.id}/memberships`)
          .set(as(world.dpoA))
          .send({ userId: world.nobody.id, role: 'dpo' }),
        403,
      );
    });

    it('never removes the last administrator', async () => {
      const memberships = await app.http
        .get(`/api/v1/organisations/${world.operatorId}/memberships`)
        .set(as(world.admin));
      const adminMembership = memberships.body.items.find((m: { role: string }) => m.role === 'admin');
      const response = await app.http
        .delete(`/api/v1/organisations/${world.operatorId}/memberships/${adminMembership.id}`)
        .set(as(world.admin));
      expectProblem(response, 409);
    });
  });
});
