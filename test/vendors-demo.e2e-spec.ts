import { DEMO_PASSWORD } from '@vigie/identity';
import { createTestApp, TestApp } from './support/test-app';
import { login } from './support/world';

describe('Vendors demo data (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ VIGIE_DEMO: '1' });
  });
  afterAll(() => app.close());

  it('has a BL Social contract with clauses checked and a questionnaire partly answered by Berger-Levrault', async () => {
    const rssi = { Authorization: `Bearer ${await login(app, 'rssi@siim94.demo', DEMO_PASSWORD)}` };
    const contracts = await app.http.get('/api/v1/contracts').set(rssi);
    expect(contracts.body.items).toHaveLength(1);
    const contract = contracts.body.items[0];
    expect(contract).toMatchObject({ vendorName: 'Berger-Levrault', applications: [{ name: 'BL Social' }] });
    expect(contract.coverage.present).toBeGreaterThan(0);
    expect(contract.coverage.gaps.length).toBeGreaterThan(0);
    expect(contract.members.length).toBeGreaterThan(0);

    const contact = {
      Authorization: `Bearer ${await login(app, 'contact@berger-levrault.demo', DEMO_PASSWORD)}`,
    };
    const questionnaires = await app.http.get('/api/v1/questionnaires').set(contact);
    expect(questionnaires.body.items).toHaveLength(1);
    const questionnaire = await app.http
      .get(`/api/v1/questionnaires/${questionnaires.body.items[0].id}`)
      .set(contact);
    expect(questionnaire.body).toMatchObject({
      status: 'in-progress',
      templateName: 'Questionnaire sécurité éditeur',
    });
    expect(questionnaire.body.progress.answered).toBeGreaterThan(0);
    expect(questionnaire.body.progress.answered).toBeLessThan(questionnaire.body.progress.questions);
    expect((await app.http.get('/api/v1/contracts').set(contact)).body.items).toEqual([]);

    const profile = await app.http.get(`/api/v1/vendors/${questionnaire.body.vendorId}/profile`).set(contact);
    expect(profile.body.certifications.some((c: { expired: boolean }) => c.expired)).toBe(true);
  });
});
