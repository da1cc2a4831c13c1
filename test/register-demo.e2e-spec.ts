import { DEMO_PASSWORD } from '@vigie/identity';
import { SIIM94 } from '@vigie/reference-data';
import { createTestApp, TestApp } from './support/test-app';
import { login } from './support/world';

describe('Catalog and register demo data (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ VIGIE_DEMO: '1' });
  });
  afterAll(() => app.close());

  it('loads every reference application with its deployments and vendors', async () => {
    const rows: {
      name: string;
      hosting: string;
      health_data: boolean;
      vendor: string | null;
      members: string[];
    }[] = await app.dataSource.query(`
        SELECT a.name, a.hosting, a.health_data, v.short_name AS vendor,
               coalesce(array_agg(o.short_name ORDER BY o.short_name) FILTER (WHERE o.id IS NOT NULL), '{}') AS members
        FROM application a
        LEFT JOIN organisation v ON v.id = a.vendor_id
        LEFT JOIN deployment d ON d.application_id = a.id
        LEFT JOIN organisation o ON o.id = d.organisation_id
        GROUP BY a.id, v.short_name`);
    expect(rows).toHaveLength(SIIM94.applications.length);
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(byName.get('BL Social')).toMatchObject({
      vendor: 'BERGER-LEVRAULT',
      members: ['GENTILLY', 'IVRY', 'VILLEJUIF'],
    });
    expect(byName.get('AIRS Délib')).toMatchObject({ vendor: 'DIGITECH', members: ['ARCUEIL', 'GENTILLY'] });
    expect(byName.get('Doctolib')).toMatchObject({ hosting: 'vendor-saas', health_data: true });
    expect(byName.get('Crossway')).toMatchObject({ hosting: 'operator', health_data: true });
  });

  it("gives the shared demo DPO sample entries in both of its members' registers", async () => {
    const token = await login(app, 'dpo@mutualise.demo', DEMO_PASSWORD);
    const me = await app.http.get('/api/v1/auth/me').set({ Authorization: `Bearer ${token}` });
    for (const membership of me.body.memberships as { organisationId: string }[]) {
      const list = await app.http
        .get(`/api/v1/organisations/${membership.organisationId}/processing-activities`)
        .set({ Authorization: `Bearer ${token}` });
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThanOrEqual(3);
      const statuses = new Set(list.body.items.map((item: { status: string }) => item.status));
      expect(statuses).toEqual(new Set(['draft', 'validated']));
    }
    const housing: { dpia_required?: boolean }[] = await app.dataSource.query(
      `SELECT name FROM processing_activity WHERE name = 'Demandes de logement social'`,
    );
    expect(housing).toHaveLength(1);
  });
});
