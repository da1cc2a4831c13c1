import { NotificationDelivery } from '@vigie/notifications';
import supertest from 'supertest';
import { JobQueue } from '@vigie/jobs';
import { runNotifications } from '../apps/cli/src/commands/notifications-run.command';
import { consumeAccountToken, DELIVER_JOB, issueAccountToken, SCAN_JOB } from '@vigie/notifications';
import { createBreach } from './support/breach-fixtures';
import { createApplication, entryPayload } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { currentVersion } from './support/versions';
import { type Mail, TestSmtp } from './support/test-smtp';
import { Actor, as, createWorld, expectProblem, login, PASSWORD, World } from './support/world';

const API = '/api/v1';
const PUBLIC_URL = 'https://vigie.example.test';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function tokenOf(mail: Mail): string {
  const match = /#jeton=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no link token in: ${mail.text}`);
  return match[1];
}

describe('Notifications (e2e)', () => {
  let app: TestApp;
  let world: World;
  let smtp: TestSmtp;
  let delivery: NotificationDelivery;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await app.dataSource.query(sql, params))[0].n);
  /** Who received a kind of notice about an entity, sorted. */
  const recipientsOf = async (kind: string, entityId: string): Promise<string[]> =>
    (
      await app.dataSource.query(
        `SELECT "recipient_id" FROM "notification" WHERE "kind" = $1 AND "entity_id" = $2 ORDER BY 1`,
        [kind, entityId],
      )
    ).map((r: { recipient_id: string }) => r.recipient_id);
  const ids = (...actors: Actor[]) => actors.map((a) => a.id).sort();

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

  describe('a breach recorded', () => {
    let breach: { id: string };

    beforeAll(async () => {
      breach = await createBreach(app, world.editorA, world.memberA.id, {
        title: 'Perte d’une clé USB',
        awareAt: new Date(Date.now() - HOUR).toISOString(),
      });
    });

    it('e-mails the member’s DPO and editors at once, and no one else; never the description', async () => {
      const report = await delivery.deliver();
      expect(report.failed).toBe(0);
      for (const actor of [world.dpoA, world.editorA, world.sharedDpo]) {
        const [mail, ...more] = smtp.to(actor);
        expect(more).toEqual([]);
        expect(mail.subject).toBe('[Vigie] Violation de données enregistrée : Perte d’une clé USB');
        expect(mail.text).toContain(`${PUBLIC_URL}/violations/${breach.id}`);
        expect(mail.html).toContain(`${PUBLIC_URL}/violations/${breach.id}`);
        expect(mail.text).toContain('article 33 du RGPD');
        expect(mail.text).not.toContain('bénéficiaires');
      }
      for (const actor of [
        world.dpoB,
        world.readerA,
        world.securityOfficer,
        world.vendorContact,
        world.admin,
      ])
        expect(smtp.to(actor)).toEqual([]);
      // Sent once: a second run (a restart) sends nothing again.
      expect((await delivery.deliver()).sent).toBe(0);
    });

    it('shows in the recipients’ own notices only; unread filter, count, mark read', async () => {
      const list = await app.http.get(`${API}/notifications?unread=true`).set(as(world.dpoA));
      expect(list.status).toBe(200);
      const notice = list.body.items.find((n: { entityId: string }) => n.entityId === breach.id);
      expect(notice).toMatchObject({
        kind: 'breach.recorded',
        readAt: null,
        linkPath: `/violations/${breach.id}`,
      });
      const before = (await app.http.get(`${API}/notifications/unread-count`).set(as(world.dpoA))).body
        .unread;

      expectProblem(await app.http.post(`${API}/notifications/${notice.id}/read`).set(as(world.dpoB)), 404);
      const others = await app.http.get(`${API}/notifications`).set(as(world.dpoB));
      expect(others.body.items.some((n: { entityId: string }) => n.entityId === breach.id)).toBe(false);

      const read = await app.http.post(`${API}/notifications/${notice.id}/read`).set(as(world.dpoA));
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      const after = await app.http.get(`${API}/notifications/unread-count`).set(as(world.dpoA));
      expect(after.body.unread).toBe(before - 1);
      const unread = await app.http.get(`${API}/notifications?unread=true`).set(as(world.dpoA));
      expect(unread.body.items.some((n: { id: string }) => n.id === notice.id)).toBe(false);
      const readOnes = await app.http.get(`${API}/notifications?unread=false`).set(as(world.dpoA));
      expect(readOnes.body.items.some((n: { id: string }) => n.id === notice.id)).toBe(true);
      expectProblem(await app.http.get(`${API}/notifications?unread=maybe`).set(as(world.dpoA)), 400);
      expectProblem(await app.http.post(`${API}/notifications/not-an-id/read`).set(as(world.dpoA)), 400);
      expect((await app.http.get(`${API}/notifications`)).status).toBe(401);
    });

    it('24 h then 12 h before the deadline, while the CNIL is not notified: once each', async () => {
      const aware = Date.now() - 50 * HOUR;
      const late = await createBreach(app, world.dpoA, world.memberA.id, {
        title: 'Rançongiciel',
        awareAt: new Date(aware).toISOString(),
      });
      const deadline = aware + 72 * HOUR;
      await delivery.deliver();
      smtp.clear();
      expect((await delivery.scan()).breaches).toBe(3);
      expect((await delivery.scan()).breaches).toBe(0);
      await delivery.deliver();
      expect(smtp.to(world.dpoA).map((m) => m.subject)).toEqual([
        '[Vigie] Moins de 24 heures pour notifier la CNIL : Rançongiciel',
      ]);
      expect(smtp.to(world.dpoB)).toEqual([]);
      smtp.clear();
      const later = new Date(deadline - 6 * HOUR);
      expect((await delivery.scan(later)).breaches).toBe(3);
      await delivery.deliver(later);
      expect(smtp.to(world.editorA).map((m) => m.subject)).toEqual([
        '[Vigie] Moins de 12 heures pour notifier la CNIL : Rançongiciel',
      ]);
      expect(smtp.to(world.editorA)[0].text).toContain(`/violations/${late.id}`);
    });
  });

  it('an incident fanned out to its members: each member’s DPO and editors, not another member’s', async () => {
    const onlyA = await createApplication(app, world.admin, 'Logiciel enfance', [world.memberA.id]);
    const declared = await app.http
      .post(`${API}/incidents`)
      .set(as(world.securityOfficer))
      .send({
        title: 'Accès non autorisé au serveur applicatif',
        awareAt: new Date(Date.now() - HOUR).toISOString(),
        description: 'Un compte de service a été utilisé depuis une adresse inconnue.',
        applicationId: onlyA.id,
      });
    expect(declared.status).toBe(201);
    const [breach] = await app.dataSource.query(`SELECT "id" FROM "breach" WHERE "incident_id" = $1`, [
      declared.body.id,
    ]);
    expect(await recipientsOf('breach.incident-notified', breach.id)).toEqual(
      ids(world.dpoA, world.editorA, world.sharedDpo),
    );
    await delivery.deliver();
    const [mail] = smtp.to(world.editorA);
    expect(mail.subject).toBe(
      '[Vigie] Incident signalé par le SIIM94 : Accès non autorisé au serveur applicatif',
    );
    expect(mail.text).not.toContain('adresse inconnue');
    expect(smtp.to(world.dpoB)).toEqual([]);
    expect(smtp.to(world.securityOfficer)).toEqual([]);
  });

  it('a rights request due within 7 days, then overdue: the DPO and editors, without the requester', async () => {
    const created = await app.http
      .post(`${API}/organisations/${world.memberB.id}/rights-requests`)
      .set(as(world.dpoB))
      .send({
        right: 'access',
        requesterName: 'Mme Dupont',
        requesterContact: 'dupont@example.test',
        receivedAt: new Date(Date.now() - 27 * DAY).toISOString(),
        receivedChannel: 'email',
      });
    expect(created.status).toBe(201);
    const given = await delivery.scan();
    expect(given['rights-requests']).toBe(2);
    await delivery.deliver();
    const [mail] = smtp.to(world.dpoB);
    expect(mail.subject).toMatch(
      /^\[Vigie\] Demande d’exercice de droits à traiter avant le \d\d\/\d\d\/\d{4}$/,
    );
    expect(mail.text).toContain(`${PUBLIC_URL}/demandes-de-droits/${created.body.id}`);
    expect(mail.text).not.toContain('Dupont');
    expect(smtp.to(world.dpoA)).toEqual([]);
    smtp.clear();
    const overdue = new Date(Date.now() + 10 * DAY);
    expect((await delivery.scan(overdue))['rights-requests']).toBe(2);
    expect((await delivery.scan(overdue))['rights-requests']).toBe(0);
    await delivery.deliver(overdue);
    expect(smtp.to(world.sharedDpo).map((m) => m.subject)).toEqual([
      '[Vigie] Demande d’exercice de droits en retard',
    ]);
  });

  it('a questionnaire sent goes to the vendor’s contacts in the 8 h digest, and its preference can change', async () => {
    const template = await app.http
      .post(`${API}/questionnaire-templates`)
      .set(as(world.securityOfficer))
      .send({
        name: 'Questionnaire court',
        sections: [
          {
            key: 'base',
            title: 'Base',
            questions: [
              {
                key: 'q',
                text: 'Une PSSI existe-t-elle ?',
                type: 'yes-no',
                required: true,
                weight: 1,
                evidenceRequested: false,
              },
            ],
          },
        ],
      });
    expect(template.body).toMatchObject({ name: 'Questionnaire court' });
    const dueDate = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const sent = await app.http
      .post(`${API}/questionnaires`)
      .set(as(world.securityOfficer))
      .send({ templateId: template.body.id, vendorId: world.vendor.id, dueDate });
    expect(sent.status).toBe(201);
    await delivery.deliver();
    expect(smtp.to(world.vendorContact)).toEqual([]);
    const [outbox] = await app.dataSource.query(
      `SELECT o."due_at" FROM "notification_outbox" o JOIN "notification" n ON n."id" = o."notification_id"
       WHERE n."kind" = 'questionnaire.sent' AND o."status" = 'pending'`,
    );
    const digestAt = new Date(outbox.due_at);
    expect(
      new Intl.DateTimeFormat('fr-FR', {
        timeZone: 'Europe/Paris',
        hour: '2-digit',
        minute: '2-digit',
      }).format(digestAt),
    ).toBe('08:00');
    await delivery.deliver(digestAt);
    const [digest, ...more] = smtp.to(world.vendorContact);
    expect(more).toEqual([]);
    expect(digest.subject).toBe('[Vigie] Votre récapitulatif quotidien : 1 notification');
    expect(digest.text).toContain(`${PUBLIC_URL}/questionnaires/${sent.body.id}`);
    expect(smtp.mails).toHaveLength(1);
    expect(await recipientsOf('questionnaire.sent', sent.body.id)).toEqual(ids(world.vendorContact));

    const url = (suffix: string) => `${API}/questionnaires/${sent.body.id}${suffix}`;
    await app.http
      .put(url('/answers'))
      .set(as(world.vendorContact))
      .send({
        version: await currentVersion(app, 'questionnaire', sent.body.id),
        answers: [{ questionKey: 'q', value: 'yes' }],
      })
      .expect(200);
    await app.http
      .post(url('/submit'))
      .set(as(world.vendorContact))
      .send({ version: await currentVersion(app, 'questionnaire', sent.body.id) })
      .expect(200);
    expect(await recipientsOf('questionnaire.submitted', sent.body.id)).toEqual(ids(world.securityOfficer));
    const bell = await app.http.get(`${API}/notifications`).set(as(world.securityOfficer));
    expect(bell.body.items[0]).toMatchObject({
      kind: 'questionnaire.submitted',
      title: 'Questionnaire soumis par Éditeur Logiciel',
      linkPath: `/questionnaires/${sent.body.id}`,
    });
    await app.http
      .post(url('/review'))
      .set(as(world.securityOfficer))
      .send({
        version: await currentVersion(app, 'questionnaire', sent.body.id),
        decision: 'changes-requested',
        comment: 'Joindre la PSSI signée',
      })
      .expect(200);
    expect(await recipientsOf('questionnaire.changes-requested', sent.body.id)).toEqual(
      ids(world.vendorContact),
    );
    // Due in 7 days, then overdue: the vendor's contacts, once per due date.
    const soon = new Date(new Date(`${dueDate}T12:00:00Z`).getTime() - 5 * DAY);
    expect((await delivery.scan(soon)).questionnaires).toBe(1);
    expect((await delivery.scan(soon)).questionnaires).toBe(0);
    expect((await delivery.scan(new Date(soon.getTime() + 10 * DAY))).questionnaires).toBe(1);
    expect(await recipientsOf('questionnaire.overdue', sent.body.id)).toEqual(ids(world.vendorContact));

    const prefs = await app.http.get(`${API}/notifications/preferences`).set(as(world.vendorContact));
    expect(prefs.body.items.find((p: { kind: string }) => p.kind === 'questionnaire.sent').delivery).toBe(
      'digest',
    );
    expect(prefs.body.items.find((p: { kind: string }) => p.kind === 'breach.recorded')).toMatchObject({
      delivery: 'immediate',
      legal: true,
    });
    const events = await count(`SELECT count(*)::int AS n FROM "audit_event"`);
    const refused = await app.http
      .put(`${API}/notifications/preferences`)
      .set(as(world.dpoA))
      .send({ preferences: [{ kind: 'breach.recorded', delivery: 'off' }] });
    expectProblem(refused, 400);
    expectProblem(
      await app.http
        .put(`${API}/notifications/preferences`)
        .set(as(world.dpoA))
        .send({ preferences: [{ kind: 'no.such-kind', delivery: 'digest' }] }),
      400,
    );
    expect(await count(`SELECT count(*)::int AS n FROM "notification_preference"`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM "audit_event"`)).toBe(events);
    const changed = await app.http
      .put(`${API}/notifications/preferences`)
      .set(as(world.vendorContact))
      .send({ preferences: [{ kind: 'questionnaire.sent', delivery: 'immediate' }] });
    expect(changed.status).toBe(200);
    expect(changed.body.items.find((p: { kind: string }) => p.kind === 'questionnaire.sent').delivery).toBe(
      'immediate',
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM "audit_event" WHERE "action" = 'notification-preference.update' AND "actor_id" = $1`,
        [world.vendorContact.id],
      ),
    ).toBe(1);
    // Another user's preferences are untouched.
    const dpoPrefs = await app.http.get(`${API}/notifications/preferences`).set(as(world.dpoA));
    expect(dpoPrefs.body.items.find((p: { kind: string }) => p.kind === 'questionnaire.sent').delivery).toBe(
      'digest',
    );
  });

  it('SMTP down, then back: every message is sent once', async () => {
    const port = smtp.port;
    await smtp.stop();
    const breach = await createBreach(app, world.dpoB, world.memberB.id, {
      title: 'Serveur de fichiers exposé',
      awareAt: new Date(Date.now() - HOUR).toISOString(),
    });
    const down = await delivery.deliver();
    expect(down.sent).toBe(0);
    expect(down.failed).toBe(2);
    const [row] = await app.dataSource.query(
      `SELECT o."attempts", o."last_error", o."due_at" FROM "notification_outbox" o
       JOIN "notification" n ON n."id" = o."notification_id" WHERE n."entity_id" = $1 LIMIT 1`,
      [breach.id],
    );
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeTruthy();
    // Not retried before its backoff.
    expect((await delivery.deliver()).failed).toBe(0);
    await smtp.start(port);
    const back = new Date(Date.now() + 2 * 60_000);
    expect((await delivery.deliver(back)).sent).toBe(2);
    expect((await delivery.deliver(new Date(back.getTime() + HOUR))).sent).toBe(0);
    expect(smtp.to(world.dpoB)).toHaveLength(1);
    expect(smtp.to(world.sharedDpo)).toHaveLength(1);
    expect(smtp.to(world.dpoA)).toEqual([]);
  });

  it('access reviews: the reviewers when opened or reassigned, due and overdue; the RSSI when complete', async () => {
    const application = await createApplication(app, world.admin, 'Ciril GF', [world.memberA.id]);
    const dueDate = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10);
    const created = await app.http.post(`${API}/access-reviews`).set(as(world.securityOfficer)).send({
      organisationId: world.memberA.id,
      applicationId: application.id,
      name: 'Revue Ciril',
      dueDate,
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await app.http
      .post(`${API}/access-reviews/${id}/accounts`)
      .set(as(world.securityOfficer))
      .set('If-Match', String(created.body.version))
      .set('Content-Type', 'text/csv')
      .send(
        [
          'username,displayName,email,role,lastLogin,reviewerEmail',
          `a.un,Agent Un,,agent,,${world.editorA.email}`,
          `a.deux,Agent Deux,,agent,,${world.dpoA.email}`,
        ].join('\n'),
      )
      .expect(200);
    expect(await recipientsOf('access-review.assigned', id)).toEqual([]);
    await app.http
      .post(`${API}/access-reviews/${id}/open`)
      .set(as(world.securityOfficer))
      .send({ version: await currentVersion(app, 'access_review', id) })
      .expect(200);
    expect(await recipientsOf('access-review.assigned', id)).toEqual(ids(world.editorA, world.dpoA));
    const list = await app.http.get(`${API}/access-reviews/${id}/items`).set(as(world.securityOfficer));
    const item = list.body.items.find((i: { username: string }) => i.username === 'a.un');
    await app.http
      .post(`${API}/access-reviews/${id}/items/${item.id}/reassign`)
      .set(as(world.securityOfficer))
      .send({
        version: await currentVersion(app, 'access_review_item', item.id),
        reviewerId: world.readerA.id,
      })
      .expect(200);
    expect(await recipientsOf('access-review.assigned', id)).toEqual(
      ids(world.editorA, world.dpoA, world.readerA),
    );

    expect((await delivery.scan())['access-reviews']).toBe(2);
    expect(await recipientsOf('access-review.due-soon', id)).toEqual(ids(world.dpoA, world.readerA));
    expect((await delivery.scan())['access-reviews']).toBe(0);
    expect((await delivery.scan(new Date(Date.now() + 10 * DAY)))['access-reviews']).toBe(2);
    expect(await recipientsOf('access-review.overdue', id)).toEqual(ids(world.dpoA, world.readerA));

    for (const [actor, username] of [
      [world.readerA, 'a.un'],
      [world.dpoA, 'a.deux'],
    ] as const) {
      const itemId = list.body.items.find((i: { username: string }) => i.username === username).id;
      await app.http
        .post(`${API}/access-reviews/${id}/items/${itemId}/decision`)
        .set(as(actor))
        .send({
          version: await currentVersion(app, 'access_review_item', itemId),
          decision: 'revoke',
          reason: 'Départ',
        })
        .expect(200);
    }
    await app.http
      .post(`${API}/access-reviews/${id}/close`)
      .set(as(world.securityOfficer))
      .send({ version: await currentVersion(app, 'access_review', id) })
      .expect(200);
    expect(await recipientsOf('access-review.completed', id)).toEqual(ids(world.securityOfficer));
    // Remediation past its due date: the RSSI.
    const late = new Date(Date.now() + 400 * DAY);
    await delivery.scan(late);
    expect(await recipientsOf('remediation.overdue', id)).toEqual(ids(world.securityOfficer));
  });

  it('the register (review date, DPIA required) to the DPO; expiring evidence to the RSSI', async () => {
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    const reviewed = await app.http
      .post(`${API}/organisations/${world.memberA.id}/processing-activities`)
      .set(as(world.editorA))
      .send(entryPayload('Paie des agents', { reviewDate: yesterday }));
    expect(reviewed.status).toBe(201);
    const risky = await app.http
      .post(`${API}/organisations/${world.memberB.id}/processing-activities`)
      .set(as(world.dpoB))
      .send(entryPayload('Vidéoprotection', { dpiaCriteria: ['systematic-monitoring', 'large-scale'] }));
    expect(risky.status).toBe(201);

    const assessment = await app.http
      .post(`${API}/assessments`)
      .set(as(world.securityOfficer))
      .send({ frameworkCode: 'iso27001-2022', name: 'ISO 27001 2026' });
    expect(assessment.status).toBe(201);
    const requirements = await app.http
      .get(`${API}/assessments/${assessment.body.id}/requirements?pageSize=200`)
      .set(as(world.securityOfficer));
    const evidence = await app.http
      .post(`${API}/assessments/${assessment.body.id}/requirements/${requirements.body.items[0].id}/evidence`)
      .set(as(world.securityOfficer))
      .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), 'Politique.pdf')
      .field('effectiveDate', yesterday)
      .field('expiresAt', new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10));
    expect(evidence.status).toBe(201);

    const given = await delivery.scan();
    expect(given.register).toBeGreaterThanOrEqual(2);
    expect(await recipientsOf('register.review-due', reviewed.body.id)).toEqual(
      ids(world.dpoA, world.sharedDpo),
    );
    expect(await recipientsOf('register.dpia-required', risky.body.id)).toEqual(
      ids(world.dpoB, world.sharedDpo),
    );
    expect(await recipientsOf('register.dpia-required', reviewed.body.id)).toEqual([]);
    expect(await recipientsOf('evidence.expiring', evidence.body.id)).toEqual(ids(world.securityOfficer));
    const again = await delivery.scan();
    expect([again.register, again.evidence]).toEqual([0, 0]);
  });

  it('notifications:run gives the reminders and sends what is due now', async () => {
    await app.dataSource.query(
      `UPDATE "notification_outbox" SET "status" = 'skipped' WHERE "status" = 'pending'`,
    );
    const breach = await createBreach(app, world.dpoB, world.memberB.id, {
      title: 'Vol d’un ordinateur portable',
      awareAt: new Date(Date.now() - 55 * HOUR).toISOString(),
    });
    const out: string[] = [];
    expect(await runNotifications(app.dataSource, app.config, (line) => out.push(line))).toBe(0);
    expect(out).toContain('  breaches: 2 notice(s) given');
    expect(out.at(-1)).toBe('E-mails: 4 sent, 0 failed (retried later), 0 skipped');
    expect(smtp.to(world.dpoB).map((m) => m.subject)).toEqual([
      '[Vigie] Violation de données enregistrée : Vol d’un ordinateur portable',
      '[Vigie] Moins de 24 heures pour notifier la CNIL : Vol d’un ordinateur portable',
    ]);
    expect(await recipientsOf('breach.deadline-24h', breach.id)).toEqual(ids(world.dpoB, world.sharedDpo));
    out.length = 0;
    await runNotifications(app.dataSource, app.config, (line) => out.push(line));
    expect(out).toContain('  breaches: 0 notice(s) given');
    expect(out.at(-1)).toBe('E-mails: 0 sent, 0 failed (retried later), 0 skipped');
  });

  describe('accounts by e-mail', () => {
    it('a vendor contact invited by the security officer chooses a password and holds that role only', async () => {
      const email = 'contact.invite@editeur.example.test';
      const invited = await app.http
        .post(`${API}/vendors/${world.vendor.id}/contacts`)
        .set(as(world.securityOfficer))
        .send({ email, displayName: 'Contact invité' });
      expect(invited.status).toBe(201);
      expect(invited.body.invitation.emailSent).toBe(true);
      const [mail, ...more] = smtp.to({ email });
      expect(more).toEqual([]);
      expect(mail.subject).toBe('[Vigie] Invitation à répondre aux questionnaires de sécurité du SIIM94');
      expect(mail.text).toContain('7 jours');
      expect(mail.text).toContain(`${PUBLIC_URL}/invitation#jeton=`);
      const accepted = await app.http
        .post(`${API}/auth/invitation/accept`)
        .send({ token: tokenOf(mail), newPassword: 'mot-de-passe-du-contact' });
      expect(accepted.status).toBe(204);
      const token = await login(app, email, 'mot-de-passe-du-contact');
      const me = await app.http.get(`${API}/auth/me`).set({ Authorization: `Bearer ${token}` });
      expect(me.body.memberships).toEqual([
        expect.objectContaining({ organisationId: world.vendor.id, kind: 'vendor', role: 'vendor-contact' }),
      ]);
    });

    it('an invitation link sets the password once, and is refused the second time', async () => {
      const email = 'nouvelle.dpo@example.test';
      expectProblem(
        await app.http
          .post(`${API}/users/invitations`)
          .set(as(world.dpoA))
          .send({ email, displayName: 'Nouvelle DPO' }),
        403,
      );
      expectProblem(
        await app.http
          .post(`${API}/users/invitations`)
          .set(as(world.admin))
          .send({ email: 'pas-une-adresse' }),
        400,
      );
      const invited = await app.http
        .post(`${API}/users/invitations`)
        .set(as(world.admin))
        .send({ email, displayName: 'Nouvelle DPO' });
      expect(invited.status).toBe(201);
      expect(invited.body.invitation.emailSent).toBe(true);
      const [mail] = smtp.to({ email });
      expect(mail.subject).toBe('[Vigie] Invitation à rejoindre Vigie');
      expect(mail.text).toContain('7 jours');
      expect(mail.text).toContain(`${PUBLIC_URL}/invitation#jeton=`);
      const token = tokenOf(mail);
      expect(
        await count(`SELECT count(*)::int AS n FROM "account_token" WHERE "token_hash" = $1`, [token]),
      ).toBe(0);
      expect(
        (await app.http.post(`${API}/auth/login`).send({ email, password: 'x'.repeat(12) })).status,
      ).toBe(401);
      const accepted = await app.http
        .post(`${API}/auth/invitation/accept`)
        .send({ token, newPassword: 'mon-nouveau-mot-de-passe' });
      expect(accepted.status).toBe(204);
      expect(await login(app, email, 'mon-nouveau-mot-de-passe')).toBeTruthy();
      expectProblem(
        await app.http
          .post(`${API}/auth/invitation/accept`)
          .send({ token, newPassword: 'un-autre-mot-de-passe' }),
        400,
      );
      // This user's acceptance only: other tests of the file accept invitations too.
      expect(
        await count(
          `SELECT count(*)::int AS n FROM "audit_event" e JOIN "app_user" u ON u."id" = e."entity_id"
           WHERE e."action" = 'user.invitation-accept' AND u."email" = $1`,
          [email],
        ),
      ).toBe(1);
    });

    it('« Mot de passe oublié »: the same answer for any address, a link used once', async () => {
      const known = await app.http.post(`${API}/auth/password-reset`).send({ email: world.readerA.email });
      const unknown = await app.http
        .post(`${API}/auth/password-reset`)
        .send({ email: 'personne@example.test' });
      expect(known.status).toBe(202);
      expect(unknown.status).toBe(202);
      expect(unknown.body).toEqual(known.body);
      await smtp.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.mails.map((m) => m.to)).toEqual([world.readerA.email]);
      const [mail] = smtp.mails;
      expect(mail.text).toContain('30 minutes');
      const token = tokenOf(mail);
      expectProblem(
        await app.http.post(`${API}/auth/password-reset/confirm`).send({ token, newPassword: 'court' }),
        400,
      );
      const confirmed = await app.http
        .post(`${API}/auth/password-reset/confirm`)
        .send({ token, newPassword: 'un-mot-de-passe-tout-neuf' });
      expect(confirmed.status).toBe(204);
      expect(await login(app, world.readerA.email, 'un-mot-de-passe-tout-neuf')).toBeTruthy();
      expect(
        (await app.http.post(`${API}/auth/login`).send({ email: world.readerA.email, password: PASSWORD }))
          .status,
      ).toBe(401);
      expectProblem(
        await app.http
          .post(`${API}/auth/password-reset/confirm`)
          .send({ token, newPassword: 'encore-un-autre-mdp' }),
        400,
      );
      // A link is valid 30 minutes: past that, it is refused even unused.
      const late = await app.dataSource.transaction(async (manager) => {
        const issued = await issueAccountToken(manager, world.readerA.id, 'password-reset');
        return consumeAccountToken(
          manager,
          issued.token,
          'password-reset',
          new Date(Date.now() + 31 * 60_000),
        );
      });
      expect(late).toBeNull();
    });

    it('a vendor contact signs in with an e-mailed link, once; other users get no link', async () => {
      const other: Actor = world.dpoA;
      await app.http.post(`${API}/auth/sign-in-link`).send({ email: other.email }).expect(202);
      const asked = await app.http
        .post(`${API}/auth/sign-in-link`)
        .send({ email: world.vendorContact.email });
      expect(asked.status).toBe(202);
      await smtp.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(smtp.mails.map((m) => m.to)).toEqual([world.vendorContact.email]);
      const token = tokenOf(smtp.mails[0]);
      const signedIn = await app.http.post(`${API}/auth/sign-in-link/confirm`).send({ token });
      expect(signedIn.status).toBe(200);
      const me = await app.http
        .get(`${API}/auth/me`)
        .set({ Authorization: `Bearer ${signedIn.body.accessToken}` });
      expect(me.body.id).toBe(world.vendorContact.id);
      expectProblem(await app.http.post(`${API}/auth/sign-in-link/confirm`).send({ token }), 401);
      expectProblem(await app.http.post(`${API}/auth/sign-in-link/confirm`).send({ token: 'short' }), 400);
    });

    it('the web application opens a cookie session with a sign-in link, once; a bad token is refused', async () => {
      const http = () => supertest(app.app.getHttpServer());
      const { token } = await app.dataSource.transaction((manager) =>
        issueAccountToken(manager, world.vendorContact.id, 'sign-in-link'),
      );
      const opened = await http().post(`${API}/auth/session/link`).send({ token });
      expect(opened.status).toBe(200);
      expect(opened.body).toEqual(
        expect.objectContaining({ id: world.vendorContact.id, csrfToken: expect.any(String) }),
      );
      const setCookie = [opened.headers['set-cookie']].flat()[0] as string;
      expect(setCookie).toMatch(/^vigie_session=[^;]+;/);
      expect(setCookie).toMatch(/HttpOnly/i);
      expect(setCookie).toMatch(/SameSite=Strict/i);
      const cookie = setCookie.split(';')[0];
      const me = await http().get(`${API}/auth/me`).set('Cookie', cookie);
      expect(me.status).toBe(200);
      expect(me.body.id).toBe(world.vendorContact.id);
      expect(me.body.csrfToken).toBe(opened.body.csrfToken);
      // Single use: the same link again is refused, and sets no cookie.
      const again = await http().post(`${API}/auth/session/link`).send({ token });
      expectProblem(again, 401);
      expect(again.headers['set-cookie']).toBeUndefined();
      expectProblem(await http().post(`${API}/auth/session/link`).send({ token: 'short' }), 400);
      expectProblem(await http().post(`${API}/auth/session/link`).send({}), 400);
      // From another site: refused before the link is used.
      const { token: fresh } = await app.dataSource.transaction((manager) =>
        issueAccountToken(manager, world.vendorContact.id, 'sign-in-link'),
      );
      expectProblem(
        await http()
          .post(`${API}/auth/session/link`)
          .set('Origin', 'https://evil.example')
          .send({ token: fresh }),
        403,
      );
      expect((await http().post(`${API}/auth/session/link`).send({ token: fresh })).status).toBe(200);
    });
  });
});

describe('Notifications: the pg-boss jobs (e2e)', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('schedules delivery every minute and the scan every hour; a queued delivery sends the outbox', async () => {
    app = await createTestApp({ VIGIE_JOBS: '1' });
    const world = await createWorld(app);
    const queue = app.app.get(JobQueue);
    expect(await queue.schedules()).toEqual(
      expect.arrayContaining([
        { name: DELIVER_JOB, cron: '* * * * *', timezone: 'Europe/Paris' },
        { name: SCAN_JOB, cron: '5 * * * *', timezone: 'Europe/Paris' },
      ]),
    );
    await createBreach(app, world.dpoA, world.memberA.id, {
      awareAt: new Date(Date.now() - HOUR).toISOString(),
    });
    const jobId = await queue.send(DELIVER_JOB);
    const deadline = Date.now() + 30_000;
    while ((await queue.state(DELIVER_JOB, jobId!)) !== 'completed' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await queue.state(DELIVER_JOB, jobId!)).toBe('completed');
    // Without SMTP, the due rows are closed as skipped: the notices stay in the application.
    const rows = await app.dataSource.query(`SELECT DISTINCT "status" FROM "notification_outbox"`);
    expect(rows).toEqual([{ status: 'skipped' }]);
    const bell = await app.http.get(`${API}/notifications`).set(as(world.dpoA));
    expect(bell.body.total).toBe(1);
  });
});
