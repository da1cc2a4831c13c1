import { DEMO_PASSWORD } from '@vigie/identity';
import { SIIM94 } from '@vigie/reference-data';
import {
  checkRegisterRules,
  dpiaValidationError,
  missingForValidation,
  ProcessingActivityView,
} from '@vigie/register';
import { pdfText } from './support/pdf-text';
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

  it('gives the operator and the demo towns their details and DPO, and leaves a member without DPO to warn', async () => {
    const token = await login(app, 'dpo@mutualise.demo', DEMO_PASSWORD);
    const auth = { Authorization: `Bearer ${token}` };
    const me = await app.http.get('/api/v1/auth/me').set(auth);
    const ivry = (me.body.memberships as { organisationId: string; organisationName: string }[]).find((m) =>
      m.organisationName.includes('Ivry'),
    )!;
    const organisation = await app.http.get(`/api/v1/organisations/${ivry.organisationId}`).set(auth);
    expect(organisation.body).toMatchObject({
      contact: { postalCode: '94200', city: 'Ivry-sur-Seine' },
      representative: { title: 'Maire' },
      dpo: { name: 'Dominique Paulin', email: 'dpo@mutualise.demo' },
      warnings: [],
    });
    const register = await app.http
      .get(`/api/v1/organisations/${ivry.organisationId}/register.pdf`)
      .set(auth)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const first = (await pdfText(register.body as Buffer)).pages[0].replace(/\s+/g, ' ');
    expect(first).toContain('Adresse : Esplanade Georges-Marrane, 94200 Ivry-sur-Seine');
    expect(first).toContain('Délégué à la protection des données : Dominique Paulin');
    const rows: { short_name: string; dpo: { name?: string } | null; contact: unknown }[] =
      await app.dataSource.query(`SELECT short_name, dpo, contact FROM organisation`);
    const byShortName = new Map(rows.map((row) => [row.short_name, row]));
    expect(byShortName.get('SIIM94')?.dpo?.name).toEqual(expect.any(String));
    expect(byShortName.get('VILLEJUIF')?.dpo?.name).toBe('Dominique Paulin');
    expect(byShortName.get('ARCUEIL')?.contact).toMatchObject({ city: 'Arcueil' });
    expect(byShortName.get('ARCUEIL')?.dpo).toBeNull();
  });

  it('validates only demo entries the DPO could validate: complete, lawful, their DPIA carried out', async () => {
    const token = await login(app, 'dpo@mutualise.demo', DEMO_PASSWORD);
    const ids: { id: string }[] = await app.dataSource.query(
      `SELECT id FROM processing_activity WHERE status = 'validated'`,
    );
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const { id } of ids) {
      const entry = (
        await app.http.get(`/api/v1/processing-activities/${id}`).set({ Authorization: `Bearer ${token}` })
      ).body as ProcessingActivityView;
      const problems = [
        ...missingForValidation(entry),
        ...checkRegisterRules(entry),
        ...[dpiaValidationError(entry.dpia, entry.dpiaAssessment)].filter(Boolean),
        ...entry.warnings,
      ];
      expect({ name: entry.name, problems }).toEqual({ name: entry.name, problems: [] });
    }
    const [ccas] = await app.dataSource.query(
      `SELECT special_categories, nir, dpia_assessment FROM processing_activity WHERE name LIKE 'Instruction et suivi des demandes d''aide sociale%'`,
    );
    expect(ccas.special_categories).toEqual([{ category: 'health', condition: '9.2.h' }]);
    expect(ccas.nir).toMatchObject({ used: true, legalGround: 'decret-2019-341' });
    expect(ccas.dpia_assessment).toMatchObject({ status: 'done', residualRisk: 'low' });
  });
});
