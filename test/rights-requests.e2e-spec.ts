import { rightsRequestDueDate } from '@vigie/breaches';
import { recomputeDueDates } from '../migrations/1765200000000-BreachRegisterDetails';
import { createTestApp, TestApp } from './support/test-app';
import { as, expectProblem, createWorld, World, Actor } from './support/world';
import { countRows, createEntry, entryPayload } from './support/register-fixtures';

const api = '/api/v1';
const DAY = 86_400_000;

describe('Rights requests (e2e)', () => {
  let app: TestApp;
  let world: World;
  let activityA: { id: string };
  let activityB: { id: string };

  const create = (actor: Actor, organisationId: string, extra: Record<string, unknown> = {}) =>
    app.http
      .post(`${api}/organisations/${organisationId}/rights-requests`)
      .set(as(actor))
      .send({
        right: 'access',
        requesterName: 'Mme Dupont',
        requesterContact: 'dupont@example.test',
        receivedAt: '2026-01-31T09:00:00+01:00',
        receivedChannel: 'email',
        ...extra,
      });
  const patch = async (
    actor: Actor,
    request: { id: string; version: number },
    body: Record<string, unknown>,
  ) => {
    const response = await app.http
      .patch(`${api}/rights-requests/${request.id}`)
      .set(as(actor))
      .send({ version: request.version, ...body });
    if (response.status === 200) request.version = response.body.version;
    return response;
  };
  const recent = () => new Date(Date.now() - 2 * DAY).toISOString();

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    activityA = await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Aide sociale'));
    activityB = await createEntry(app, world.dpoB, world.memberB.id, entryPayload('Logement'));
  });
  afterAll(() => app.close());

  it('records a request with its due date one calendar month later in Paris, moved to the next working day (31 January → Saturday 28 February → Monday 2 March)', async () => {
    const response = await create(world.editorA, world.memberA.id, { processingActivityIds: [activityA.id] });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      organisationId: world.memberA.id,
      right: 'access',
      status: 'received',
      receivedAt: '2026-01-31T08:00:00.000Z',
      dueDate: '2026-03-02',
      initialDueDate: '2026-03-02',
      identityChecked: false,
      extensionMonths: 0,
      processingActivityIds: [activityA.id],
      overdue: true,
      version: 1,
    });
    // 00:30 on 1 March in Paris is still 28 February in UTC: the Paris day counts.
    const midnight = await create(world.dpoA, world.memberA.id, { receivedAt: '2026-02-28T23:30:00Z' });
    expect(midnight.body.dueDate).toBe('2026-04-01');
    // A month after 6 March 2026 is Easter Monday, after a weekend: Tuesday 7 April (Regulation 1182/71, art. 3.4).
    const easter = await create(world.dpoA, world.memberA.id, { receivedAt: '2026-03-06T10:00:00+01:00' });
    expect(easter.body).toMatchObject({ dueDate: '2026-04-07', initialDueDate: '2026-04-07' });
    // 14 July 2026 is a Tuesday holiday: Wednesday 15 July.
    const bastille = await create(world.dpoA, world.memberA.id, { receivedAt: '2026-06-14T10:00:00+02:00' });
    expect(bastille.body.dueDate).toBe('2026-07-15');
    const read = await app.http.get(`${api}/rights-requests/${response.body.id}`).set(as(world.readerA));
    expect(read.status).toBe(200);
    expect(read.body.createdBy).toBeUndefined();
  });

  it('refuses bad input with 400, writing nothing', async () => {
    const before = await countRows(app, 'rights_request');
    for (const extra of [
      { right: 'to-be-forgotten-forever' },
      { requesterName: '' },
      { receivedAt: '2026-01-31T09:00:00' },
      { receivedAt: new Date(Date.now() + DAY).toISOString() },
      { receivedChannel: 'pigeon' },
      { processingActivityIds: [activityB.id] },
      { status: 'answered' },
    ]) {
      expectProblem(await create(world.dpoA, world.memberA.id, extra), 400);
    }
    expect(await countRows(app, 'rights_request')).toBe(before);
  });

  it('keeps requests to their member: 403 for readers, 404 for everyone else, nothing written', async () => {
    const request = (await create(world.dpoA, world.memberA.id)).body;
    const before = await countRows(app, 'rights_request');
    expectProblem(await create(world.readerA, world.memberA.id), 403);
    for (const actor of [
      world.dpoB,
      world.admin,
      world.securityOfficer,
      world.auditor,
      world.vendorContact,
      world.nobody,
    ]) {
      expectProblem(await create(actor, world.memberA.id), 404);
      expectProblem(await app.http.get(`${api}/rights-requests/${request.id}`).set(as(actor)), 404);
      expectProblem(
        await app.http.get(`${api}/organisations/${world.memberA.id}/rights-requests`).set(as(actor)),
        404,
      );
      expectProblem(await patch(actor, { ...request }, { notes: 'x' }), 404);
    }
    expectProblem(await patch(world.readerA, { ...request }, { notes: 'x' }), 403);
    expect(await countRows(app, 'rights_request')).toBe(before);
    const shared = await app.http
      .get(`${api}/organisations/${world.memberA.id}/rights-requests?pageSize=200`)
      .set(as(world.sharedDpo));
    expect(shared.body.items.map((r: { id: string }) => r.id)).toContain(request.id);
  });

  it('checks the identity before working on and answering a request', async () => {
    const request = (await create(world.editorA, world.memberA.id, { receivedAt: recent() })).body;
    expect((await patch(world.editorA, request, { status: 'identity-pending' })).status).toBe(200);
    const unchecked = await patch(world.editorA, request, { status: 'in-progress' });
    expectProblem(unchecked, 400);
    expect(unchecked.body.errors.map((e: { field: string }) => e.field)).toEqual(['identityChecked']);
    const working = await patch(world.editorA, request, { status: 'in-progress', identityChecked: true });
    expect(working.status).toBe(200);
    expect(working.body.identityCheckedAt).toEqual(expect.any(String));
    const incomplete = await patch(world.editorA, request, { status: 'answered' });
    expectProblem(incomplete, 400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'answeredAt',
      'answerChannel',
    ]);
    const answered = await patch(world.editorA, request, {
      status: 'answered',
      answeredAt: new Date().toISOString(),
      answerChannel: 'postal-mail',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ status: 'answered', overdue: false, answerChannel: 'postal-mail' });
    expectProblem(await patch(world.dpoA, request, { status: 'in-progress' }), 409);
    expectProblem(await patch(world.dpoA, request, { notes: 'après coup' }), 409);
    expectProblem(await patch(world.dpoA, { id: request.id, version: 1 }, { notes: 'x' }), 409);
    expectProblem(
      await app.http.patch(`${api}/rights-requests/${request.id}`).set(as(world.dpoA)).send({ notes: 'x' }),
      400,
    );
  });

  it('lets only the DPO refuse, with a reason', async () => {
    const request = (await create(world.editorA, world.memberA.id, { receivedAt: recent() })).body;
    const refusal = { status: 'refused', answeredAt: new Date().toISOString(), answerChannel: 'email' };
    expectProblem(
      await patch(world.editorA, request, { ...refusal, refusalReason: 'Identité non établie' }),
      403,
    );
    const noReason = await patch(world.dpoA, request, refusal);
    expectProblem(noReason, 400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['refusalReason']);
    const refused = await patch(world.dpoA, request, { ...refusal, refusalReason: 'Identité non établie' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', refusalReason: 'Identité non établie' });
  });

  it('lets the DPO extend by up to two months within the first month, counted from receipt', async () => {
    const receivedAt = recent();
    const request = (await create(world.editorA, world.memberA.id, { receivedAt })).body;
    const initial = request.dueDate as string;
    const extension = {
      status: 'extended',
      extensionMonths: 2,
      extensionReason: 'Demande complexe, archives',
    };
    expectProblem(await patch(world.editorA, request, extension), 403);
    expectProblem(await patch(world.dpoA, request, { ...extension, extensionMonths: 3 }), 400);
    expectProblem(await patch(world.dpoA, request, { ...extension, extensionReason: null }), 400);
    const extended = await patch(world.dpoA, request, extension);
    expect(extended.status).toBe(200);
    expect(extended.body).toMatchObject({
      status: 'extended',
      initialDueDate: initial,
      // Three calendar months after the Paris day of receipt.
      dueDate: rightsRequestDueDate(new Date(receivedAt), 2),
      extendedAt: expect.any(String),
    });
    expectProblem(await patch(world.dpoA, request, { extensionMonths: 1 }), 409);

    const old = (await create(world.editorA, world.memberA.id)).body;
    const late = await patch(world.dpoA, old, extension);
    expectProblem(late, 409);
    // The first month ends on the next working day too: Saturday 28 February 2026 gives Monday 2 March.
    expect(late.body.detail).toMatch(/dans le mois qui suit la réception \(au plus tard le 2026-03-02/);
  });

  it('lists requests, earliest due first, with the overdue filter', async () => {
    const fresh = (await create(world.editorA, world.memberA.id, { receivedAt: recent() })).body;
    const overdue = await app.http
      .get(`${api}/organisations/${world.memberA.id}/rights-requests?overdue=true&pageSize=200`)
      .set(as(world.readerA));
    expect(overdue.status).toBe(200);
    const items = overdue.body.items as { id: string; overdue: boolean; status: string; dueDate: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((r) => r.overdue && !['answered', 'refused'].includes(r.status))).toBe(true);
    expect(items.map((r) => r.id)).not.toContain(fresh.id);
    expect(items.map((r) => r.dueDate)).toEqual([...items.map((r) => r.dueDate)].sort());
    const page = await app.http
      .get(`${api}/organisations/${world.memberA.id}/rights-requests?pageSize=1&status=received`)
      .set(as(world.readerA));
    expect(page.body).toMatchObject({ page: 1, pageSize: 1 });
    expect(page.body.total).toBeGreaterThan(1);
    expectProblem(
      await app.http
        .get(`${api}/organisations/${world.memberA.id}/rights-requests?status=lost`)
        .set(as(world.readerA)),
      400,
    );
  });

  it('moves the due dates recorded before the working-day rule (migration), and back on its way down', async () => {
    const request = (await create(world.dpoA, world.memberA.id)).body;
    const extended = (await create(world.dpoA, world.memberA.id, { receivedAt: '2026-05-15T10:00:00+02:00' }))
      .body;
    await app.dataSource.query(`UPDATE rights_request SET extension_months = 2 WHERE id = $1`, [extended.id]);
    const due = async (id: string) =>
      (
        await app.dataSource.query(
          `SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM rights_request WHERE id = $1`,
          [id],
        )
      )[0].due;
    const recompute = (move: boolean) =>
      app.dataSource.transaction((manager) => recomputeDueDates(manager.queryRunner!, move));
    await recompute(false);
    // The old rule: a calendar month, whatever the day.
    expect(await due(request.id)).toBe('2026-02-28');
    expect(await due(extended.id)).toBe('2026-08-15');
    await recompute(true);
    expect(await due(request.id)).toBe('2026-03-02');
    // Three months after 15 May 2026 is Saturday 15 August, a holiday too: Monday 17 August.
    expect(await due(extended.id)).toBe('2026-08-17');
  });
});
