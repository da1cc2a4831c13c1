import { randomBytes } from 'node:crypto';
import type { Role } from '@vigie/authz';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery';

/** A signed-in user of the test world. */
export interface Actor {
  id: string;
  email: string;
  token: string;
}

/** Headers of a request made as `actor`. */
export function as(actor: Actor): { Authorization: string } {
  return { Authorization: `Bearer ${actor.token}` };
}

export async function login(app: TestApp, email: string, password: string): Promise<string> {
  const response = await app.http.post('/api/v1/auth/login').send({ email, password });
  if (response.status !== 200)
    throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.accessToken as string;
}

export async function loginAdmin(app: TestApp): Promise<Actor> {
  const token = await login(app, ADMIN_EMAIL, ADMIN_PASSWORD);
  const me = await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${token}` });
  return { id: me.body.id, email: ADMIN_EMAIL, token };
}

/** Creates an organisation through the API, as the administrator. */
export async function createOrganisation(
  app: TestApp,
  admin: Actor,
  kind: 'member' | 'vendor',
  name = `Organisation ${randomBytes(3).toString('hex')}`,
): Promise<{ id: string; name: string; shortName: string }> {
  const shortName = `T${randomBytes(4).toString('hex').toUpperCase()}`;
  const response = await app.http
    .post('/api/v1/organisations')
    .set(as(admin))
    .send({ name, shortName, kind });
  if (response.status !== 201)
    throw new Error(`organisation: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Creates a user through the API and gives them roles, then signs them in. */
export async function createActor(
  app: TestApp,
  admin: Actor,
  roles: { organisationId: string; role: Role }[],
  label = 'user',
): Promise<Actor> {
  const email = `${label}.${randomBytes(4).toString('hex')}@example.test`;
  const created = await app.http
    .post('/api/v1/users')
    .set(as(admin))
    .send({ email, displayName: label, password: PASSWORD });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  for (const { organisationId, role } of roles) {
    const membership = await app.http
      .post(`/api/v1/organisations/${organisationId}/memberships`)
      .set(as(admin))
      .send({ userId: created.body.id, role });
    if (membership.status !== 201)
      throw new Error(`membership: ${membership.status} ${JSON.stringify(membership.body)}`);
  }
  return { id: created.body.id, email, token: await login(app, email, PASSWORD) };
}

/** Two members, a vendor, and one signed-in user per role (member roles in member A unless said otherwise). */
export interface World {
  operatorId: string;
  memberA: { id: string; name: string };
  memberB: { id: string; name: string };
  vendor: { id: string; name: string };
  admin: Actor;
  securityOfficer: Actor;
  auditor: Actor;
  dpoA: Actor;
  editorA: Actor;
  readerA: Actor;
  dpoB: Actor;
  /** DPO of both A and B. */
  sharedDpo: Actor;
  vendorContact: Actor;
  /** A user with no membership at all. */
  nobody: Actor;
}

export async function createWorld(app: TestApp): Promise<World> {
  const admin = await loginAdmin(app);
  const operator = await app.http.get('/api/v1/organisations?kind=operator').set(as(admin));
  const operatorId = operator.body.items[0].id as string;
  const memberA = await createOrganisation(app, admin, 'member', 'Mairie de Gentilly');
  const memberB = await createOrganisation(app, admin, 'member', 'Mairie de Vitry-sur-Seine');
  const vendor = await createOrganisation(app, admin, 'vendor', 'Éditeur Logiciel');
  return {
    operatorId,
    memberA,
    memberB,
    vendor,
    admin,
    securityOfficer: await createActor(
      app,
      admin,
      [{ organisationId: operatorId, role: 'security-officer' }],
      'rssi',
    ),
    auditor: await createActor(app, admin, [{ organisationId: operatorId, role: 'auditor' }], 'auditor'),
    dpoA: await createActor(app, admin, [{ organisationId: memberA.id, role: 'dpo' }], 'dpo-a'),
    editorA: await createActor(app, admin, [{ organisationId: memberA.id, role: 'editor' }], 'editor-a'),
    readerA: await createActor(app, admin, [{ organisationId: memberA.id, role: 'reader' }], 'reader-a'),
    dpoB: await createActor(app, admin, [{ organisationId: memberB.id, role: 'dpo' }], 'dpo-b'),
    sharedDpo: await createActor(
      app,
      admin,
      [
        { organisationId: memberA.id, role: 'dpo' },
        { organisationId: memberB.id, role: 'dpo' },
      ],
      'shared-dpo',
    ),
    vendorContact: await createActor(
      app,
      admin,
      [{ organisationId: vendor.id, role: 'vendor-contact' }],
      'vendor',
    ),
    nobody: await createActor(app, admin, [], 'nobody'),
  };
}

/** Asserts a problem+json answer with this status. */
export function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
): void {
  expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status } });
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body.title).toEqual(expect.any(String));
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+|SELECT|INSERT|QueryFailedError/);
}
