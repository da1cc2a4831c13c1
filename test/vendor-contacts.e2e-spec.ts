import { createTestApp, TestApp } from './support/test-app';
import {
  Actor,
  as,
  createActor,
  createOrganisation,
  createWorld,
  expectProblem,
  World,
} from './support/world';

const API = '/api/v1';

describe('Vendor contacts (e2e)', () => {
  let app: TestApp;
  let world: World;
  let otherVendor: { id: string };
  let otherContact: Actor;
  let secondContact: Actor;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    otherVendor = await createOrganisation(app, world.admin, 'vendor', 'Autre Éditeur');
    otherContact = await createActor(
      app,
      world.admin,
      [{ organisationId: otherVendor.id, role: 'vendor-contact' }],
      'other-vendor',
    );
    secondContact = await createActor(
      app,
      world.admin,
      [{ organisationId: world.vendor.id, role: 'vendor-contact' }],
      'zz-second-contact',
    );
  });
  afterAll(() => app.close());

  it('lists the vendor’s contacts, and only them, to the security officer and the administrator', async () => {
    for (const reader of [world.securityOfficer, world.admin]) {
      const got = await app.http.get(`${API}/vendors/${world.vendor.id}/contacts`).set(as(reader));
      expect(got.status).toBe(200);
      expect(got.body.total).toBe(2);
      const emails = got.body.items.map((c: { email: string }) => c.email);
      expect(emails).toEqual(expect.arrayContaining([world.vendorContact.email, secondContact.email]));
      expect(emails).not.toContain(otherContact.email);
      expect(got.body.items[0]).toEqual({
        membershipId: expect.any(String),
        userId: expect.any(String),
        email: expect.any(String),
        displayName: expect.any(String),
        disabled: false,
        since: expect.any(String),
      });
      expect(JSON.stringify(got.body)).not.toMatch(/password/i);
    }
    const other = await app.http
      .get(`${API}/vendors/${otherVendor.id}/contacts`)
      .set(as(world.securityOfficer));
    expect(other.body.items.map((c: { email: string }) => c.email)).toEqual([otherContact.email]);
  });

  it('is paginated', async () => {
    const page = await app.http
      .get(`${API}/vendors/${world.vendor.id}/contacts?pageSize=1&page=2`)
      .set(as(world.securityOfficer));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.body.items).toHaveLength(1);
  });

  it('answers 404 to the other vendor’s contacts, members, the auditor, and for a member organisation', async () => {
    for (const stranger of [otherContact, world.vendorContact, world.dpoA, world.readerA, world.auditor]) {
      expectProblem(await app.http.get(`${API}/vendors/${world.vendor.id}/contacts`).set(as(stranger)), 404);
    }
    // A vendor contact does not read the contacts of another vendor either.
    expectProblem(
      await app.http.get(`${API}/vendors/${otherVendor.id}/contacts`).set(as(world.vendorContact)),
      404,
    );
    // A member organisation is no vendor, even if the security officer may read organisations.
    expectProblem(
      await app.http.get(`${API}/vendors/${world.memberA.id}/contacts`).set(as(world.securityOfficer)),
      404,
    );
    expectProblem(
      await app.http
        .get(`${API}/vendors/00000000-0000-4000-8000-000000000999/contacts`)
        .set(as(world.securityOfficer)),
      404,
    );
    expect((await app.http.get(`${API}/vendors/${world.vendor.id}/contacts`)).status).toBe(401);
  });

  describe('inviting a contact', () => {
    const invite = (actor: Actor, vendorId: string, email: string, displayName = 'Nadia Roussel') =>
      app.http.post(`${API}/vendors/${vendorId}/contacts`).set(as(actor)).send({ email, displayName });

    it('lets the security officer invite a new contact: an account with the vendor-contact role only', async () => {
      const got = await invite(world.securityOfficer, world.vendor.id, '  Nadia.Roussel@Editeur.test ');
      expect(got.status).toBe(201);
      expect(got.body).toEqual({
        membershipId: expect.any(String),
        userId: expect.any(String),
        email: 'nadia.roussel@editeur.test',
        displayName: 'Nadia Roussel',
        disabled: false,
        since: expect.any(String),
        invitation: { expiresAt: expect.any(String), emailSent: false },
      });
      const listed = await app.http
        .get(`${API}/vendors/${world.vendor.id}/contacts?pageSize=100`)
        .set(as(world.securityOfficer));
      expect(listed.body.items.map((c: { email: string }) => c.email)).toContain(
        'nadia.roussel@editeur.test',
      );
      const memberships = await app.http
        .get(`${API}/organisations/${world.vendor.id}/memberships?pageSize=100`)
        .set(as(world.admin));
      const held = memberships.body.items.filter((m: { userId: string }) => m.userId === got.body.userId);
      expect(held.map((m: { role: string }) => m.role)).toEqual(['vendor-contact']);
      // No password yet: the account cannot sign in until the invitation is accepted.
      const login = await app.http
        .post(`${API}/auth/login`)
        .send({ email: 'nadia.roussel@editeur.test', password: 'nimporte-quoi-123' });
      expect(login.status).toBe(401);
      const audit = await app.http
        .get(`${API}/audit-events?organisationId=${world.vendor.id}&entityId=${got.body.membershipId}`)
        .set(as(world.admin));
      expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('membership.create');
    });

    it('lets the administrator invite one too', async () => {
      expect((await invite(world.admin, otherVendor.id, 'contact2@autre-editeur.test')).status).toBe(201);
    });

    it('refuses an address that already has an account (409, in French): its roles stay the administrator’s', async () => {
      const got = await invite(world.securityOfficer, otherVendor.id, world.dpoA.email);
      expectProblem(got, 409);
      expect(got.body.detail).toMatch(/déjà celle d’un compte Vigie/);
      const listed = await app.http
        .get(`${API}/vendors/${otherVendor.id}/contacts?pageSize=100`)
        .set(as(world.securityOfficer));
      expect(listed.body.items.map((c: { email: string }) => c.email)).not.toContain(world.dpoA.email);
    });

    it('checks the fields, in French', async () => {
      const got = await invite(world.securityOfficer, world.vendor.id, 'pas-une-adresse', '');
      expectProblem(got, 400);
      const fields = got.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'displayName']));
    });

    it('answers 404 to those who may not see the contacts, and for what is no vendor', async () => {
      for (const stranger of [world.vendorContact, otherContact, world.dpoA, world.auditor]) {
        expectProblem(await invite(stranger, world.vendor.id, 'intrus@editeur.test'), 404);
      }
      expectProblem(await invite(world.securityOfficer, world.memberA.id, 'membre@ville.test'), 404);
      expectProblem(
        await invite(world.securityOfficer, '00000000-0000-4000-8000-000000000999', 'personne@nulle.test'),
        404,
      );
      const nobody = await app.http
        .get(`${API}/vendors/${world.vendor.id}/contacts?pageSize=100`)
        .set(as(world.securityOfficer));
      expect(JSON.stringify(nobody.body)).not.toMatch(/intrus@|membre@ville|personne@nulle/);
    });
  });
});
