import { randomBytes } from 'node:crypto';
import { NotificationDelivery, parisDay, addDays } from '@vigie/notifications';
import { createTestApp, TestApp } from './support/test-app';
import { TestSmtp } from './support/test-smtp';
import { Actor, as, createWorld, expectProblem, login, PASSWORD, World } from './support/world';

const API = '/api/v1';
const PUBLIC_URL = 'https://vigie.example.test';
const DAY = 24 * 3_600_000;

describe("An auditor's access for a limited period (e2e)", () => {
  let app: TestApp;
  let world: World;
  let smtp: TestSmtp;
  let delivery: NotificationDelivery;
  const today = parisDay(new Date());

  beforeAll(async () => {
    smtp = new TestSmtp();
    await smtp.start();
    app = await createTestApp({
      VIGIE_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      VIGIE_PUBLIC_URL: PUBLIC_URL,
      VIGIE_MAIL_FROM: 'Vigie <vigie@siim94.example.test>',
    });
    world = await createWorld(app);
    delivery = app.app.get(NotificationDelivery);
  });
  afterAll(async () => {
    await app.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.clear());

  /** A new user without any role yet. */
  async function newUser(label: string): Promise<{ id: string; email: string }> {
    const email = `${label}.${randomBytes(4).toString('hex')}@example.test`;
    const created = await app.http
      .post(`${API}/users`)
      .set(as(world.admin))
      .send({ email, displayName: label, password: PASSWORD });
    expect(created.status).toBe(201);
    return { id: created.body.id, email };
  }

  /** A signed-in auditor of the operator whose access ends on `endsOn`. */
  async function auditorUntil(endsOn: string): Promise<Actor & { membershipId: string }> {
    const user = await newUser('auditeur');
    const membership = await app.http
      .post(`${API}/organisations/${world.operatorId}/memberships`)
      .set(as(world.admin))
      .send({ userId: user.id, role: 'auditor', endsOn });
    expect(membership.status).toBe(201);
    return { ...user, token: await login(app, user.email, PASSWORD), membershipId: membership.body.id };
  }

  const membershipCount = async (userId: string) =>
    Number(
      (await app.dataSource.query(`SELECT count(*) AS n FROM membership WHERE user_id = $1`, [userId]))[0].n,
    );

  it('gives an auditor an end date: answered, listed, audited, shown in /auth/me', async () => {
    const endsOn = addDays(today, 20);
    const auditor = await auditorUntil(endsOn);
    const list = await app.http
      .get(`${API}/organisations/${world.operatorId}/memberships?pageSize=200`)
      .set(as(world.admin));
    const listed = list.body.items.find((m: { id: string }) => m.id === auditor.membershipId);
    expect(listed).toMatchObject({ role: 'auditor', endsOn, active: true, email: auditor.email });
    const unlimited = list.body.items.find((m: { userId: string }) => m.userId === world.auditor.id);
    expect(unlimited).toMatchObject({ endsOn: null, active: true });

    const me = await app.http.get(`${API}/auth/me`).set(as(auditor));
    expect(me.body.memberships).toEqual([
      expect.objectContaining({ organisationId: world.operatorId, role: 'auditor', endsOn }),
    ]);
    const audit = await app.http
      .get(`${API}/audit-events?entityId=${auditor.membershipId}`)
      .set(as(world.admin));
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'membership.create', entityId: auditor.membershipId }),
    ]);
    expect(JSON.stringify(audit.body.items[0].changes)).toContain(endsOn);
  });

  it.each([
    ['a role other than auditor', 'dpo', addDays(today, 10), 'seul l’accès d’un auditeur'],
    ['a day in the past', 'auditor', addDays(today, -1), 'aujourd’hui ou plus tard'],
    ['a day not in the calendar', 'auditor', '2027-02-30', 'date du calendrier'],
    ['a date in another format', 'auditor', '31/12/2026', 'AAAA-MM-JJ'],
  ])('refuses an end date that is %s (400 in French, nothing written)', async (_, role, endsOn, message) => {
    const user = await newUser('refus');
    const organisationId = role === 'dpo' ? world.memberA.id : world.operatorId;
    const response = await app.http
      .post(`${API}/organisations/${organisationId}/memberships`)
      .set(as(world.admin))
      .send({ userId: user.id, role, endsOn });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'endsOn' })]);
    expect(JSON.stringify(response.body)).toContain(message);
    expect(await membershipCount(user.id)).toBe(0);
  });

  it('after its last day the membership grants nothing, to a token or a web session already open', async () => {
    const created = await app.http
      .post(`${API}/assessments`)
      .set(as(world.securityOfficer))
      .send({ frameworkCode: 'iso27001-2022', name: 'Audit de surveillance' });
    expect(created.status).toBe(201);
    const assessment = `${API}/assessments/${created.body.id}`;
    const auditor = await auditorUntil(today);
    // Its last day: the auditor still reads the certification.
    expect((await app.http.get(assessment).set(as(auditor))).status).toBe(200);
    const session = await app.http
      .post(`${API}/auth/session`)
      .send({ email: auditor.email, password: PASSWORD });
    expect(session.status).toBe(200);
    expect(session.body.memberships).toHaveLength(1);
    const cookie = /^vigie_session=[^;]+/.exec([session.headers['set-cookie']].flat()[0] as string)![0];
    const browser = (path: string) => app.http.get(path).set('Cookie', cookie);

    // The day after (the date moved back, as time would).
    await app.dataSource.query(`UPDATE membership SET ends_on = $2 WHERE id = $1`, [
      auditor.membershipId,
      addDays(today, -1),
    ]);
    await new Promise((resolve) => setTimeout(resolve, app.config.actorCacheMs + 50));
    const me = await app.http.get(`${API}/auth/me`).set(as(auditor));
    expect(me.status).toBe(200);
    expect(me.body.memberships).toEqual([]);
    expectProblem(await app.http.get(assessment).set(as(auditor)), 404);
    expect((await app.http.get(`${API}/assessments`).set(as(auditor))).body.items).toEqual([]);
    expect((await browser(`${API}/auth/me`)).body.memberships).toEqual([]);
    expectProblem(await browser(assessment), 404);
    // Signing in again gives nothing back either.
    const again = await login(app, auditor.email, PASSWORD);
    expect(
      (await app.http.get(`${API}/auth/me`).set({ Authorization: `Bearer ${again}` })).body.memberships,
    ).toEqual([]);
    const list = await app.http
      .get(`${API}/organisations/${world.operatorId}/memberships?pageSize=200`)
      .set(as(world.admin));
    expect(list.body.items.find((m: { id: string }) => m.id === auditor.membershipId)).toMatchObject({
      active: false,
    });
  });

  it('tells the auditor 7 days before and the day before, once each, by e-mail, and no one else', async () => {
    const endsOn = addDays(today, 6);
    const auditor = await auditorUntil(endsOn);
    const mine = async () =>
      (await app.dataSource.query(
        `SELECT recipient_id, threshold FROM notification WHERE kind = 'membership.ending' AND entity_id = $1 ORDER BY created_at`,
        [auditor.membershipId],
      )) as { recipient_id: string; threshold: string }[];

    expect((await delivery.scan()).memberships).toBeGreaterThanOrEqual(1);
    expect(await mine()).toEqual([{ recipient_id: auditor.id, threshold: `ends-7:${endsOn}` }]);
    // Not a legal deadline: in the next daily digest.
    await delivery.deliver(new Date(Date.now() + DAY));
    const [mail, ...more] = smtp.to(auditor);
    expect(more).toEqual([]);
    const french = endsOn.split('-').reverse().join('/');
    expect(mail.subject).toBe('[Vigie] Votre récapitulatif quotidien : 1 notification');
    expect(mail.text).toContain(`Votre accès d’auditeur prend fin le ${french}`);
    expect(mail.text).toContain('pour une durée limitée');
    expect(mail.text).toContain(`${PUBLIC_URL}/compte`);
    expect(smtp.mails.filter((m) => m.to !== auditor.email && /auditeur/.test(m.subject))).toEqual([]);

    // Again the same day: nothing new.
    await delivery.scan();
    expect(await mine()).toHaveLength(1);
    // The day before its end: the second notice, once.
    const dayBefore = new Date(Date.now() + 5 * DAY);
    await delivery.scan(dayBefore);
    await delivery.scan(dayBefore);
    expect((await mine()).map((n) => n.threshold)).toEqual([`ends-7:${endsOn}`, `ends-1:${endsOn}`]);
    // An auditor without an end date is never told.
    const others: { n: string }[] = await app.dataSource.query(
      `SELECT count(*) AS n FROM notification WHERE kind = 'membership.ending' AND recipient_id = $1`,
      [world.auditor.id],
    );
    expect(Number(others[0].n)).toBe(0);
  });
});
