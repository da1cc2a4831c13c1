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
});
