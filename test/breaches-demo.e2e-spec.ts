import { DEMO_PASSWORD } from '@vigie/identity';
import { createTestApp, TestApp } from './support/test-app';
import { login } from './support/world';

describe('Breaches demo data (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ VIGIE_DEMO: '1' });
  });
  afterAll(() => app.close());

  const organisationId = async (shortName: string): Promise<string> =>
    (await app.dataSource.query(`SELECT id FROM organisation WHERE short_name = $1`, [shortName]))[0].id;

  it("gives Ivry-sur-Seine a past breach, notified to the CNIL in time and closed, in its DPO's register", async () => {
    const token = { Authorization: `Bearer ${await login(app, 'dpo@mutualise.demo', DEMO_PASSWORD)}` };
    const ivry = await organisationId('IVRY');
    const list = await app.http.get(`/api/v1/organisations/${ivry}/breaches?status=closed`).set(token);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const breach = list.body.items[0];
    expect(breach).toMatchObject({ status: 'closed', riskLevel: 'risk', overdue: false, approxSubjects: 37 });
    expect(new Date(breach.cnilNotifiedAt).getTime()).toBeLessThanOrEqual(
      new Date(breach.notificationDeadline).getTime(),
    );
    expect(breach.processingActivityIds).toHaveLength(1);
    expect(breach.applicationIds).toHaveLength(1);
    const pdf = await app.http.get(`/api/v1/breaches/${breach.id}/record.pdf`).set(token);
    expect(pdf.status).toBe(200);
  });

  it('holds one open incident on Kiosque familles, fanned out to the members using it', async () => {
    const token = { Authorization: `Bearer ${await login(app, 'rssi@siim94.demo', DEMO_PASSWORD)}` };
    const incidents = await app.http.get('/api/v1/incidents').set(token);
    expect(incidents.status).toBe(200);
    expect(incidents.body.total).toBe(1);
    const incident = incidents.body.items[0];
    expect(incident.applications.map((a: { name: string }) => a.name)).toEqual(['Kiosque familles']);
    const users: { short_name: string }[] = await app.dataSource.query(`
      SELECT o.short_name FROM deployment d
      JOIN application a ON a.id = d.application_id
      JOIN organisation o ON o.id = d.organisation_id
      WHERE a.name = 'Kiosque familles' ORDER BY o.short_name`);
    const members = await app.dataSource.query(
      `SELECT o.short_name FROM breach b JOIN organisation o ON o.id = b.organisation_id
       WHERE b.incident_id = $1 ORDER BY o.short_name`,
      [incident.id],
    );
    expect(members).toEqual(users);
    expect(users.length).toBeGreaterThan(1);
    expect(incident.members).toHaveLength(users.length);
    expect(incident.members.every((m: { breachStatus: string }) => m.breachStatus === 'to-assess')).toBe(
      true,
    );
  });
});
