import { RegisterRules1765000000000 } from '../migrations/1765000000000-RegisterRules';
import { createApplication, createEntry, entryPayload, entryVersion } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { as, createWorld, World } from './support/world';

/**
 * The migration of the register's legal rules on data written before it: the special category `nir` moves to
 * the field `nir`, free-text safeguards become keys of the list (the text kept as the precision), in entries
 * and templates alike; `down` puts them back.
 */
describe('Register rules migration (e2e)', () => {
  let app: TestApp;
  let world: World;
  const migration = new RegisterRules1765000000000();

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  it('moves the NIR out of the special categories and reads free-text safeguards as keys', async () => {
    const application = await createApplication(app, world.admin, 'Civil Net RH', [world.memberA.id]);
    const template = await app.http
      .post(`/api/v1/applications/${application.id}/register-templates`)
      .set(as(world.admin))
      .send(entryPayload('Paie (modèle)', { applicationIds: undefined }));
    expect(template.status).toBe(201);
    const entry = await createEntry(app, world.dpoA, world.memberA.id, entryPayload('Paie'));
    const runner = app.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      const specials = JSON.stringify([
        { category: 'health', condition: '9.2.b' },
        { category: 'nir', condition: '9.2.b' },
      ]);
      const transfers = JSON.stringify([
        { recipient: 'Éditeur', country: 'US', safeguard: 'Clauses contractuelles types 2021/914' },
        { recipient: 'Support', country: 'IN', safeguard: 'Dérogation art. 49.1.b' },
        { recipient: 'Hébergeur', country: 'CA', safeguard: 'adequacy-decision' },
        { recipient: 'Prestataire', country: 'MA', safeguard: 'Engagement écrit du prestataire' },
      ]);
      await runner.query(
        `UPDATE processing_activity SET special_categories = $2, transfers = $3 WHERE id = $1`,
        [entry.id, specials, transfers],
      );
      const content = (
        await runner.query(`SELECT content FROM register_template WHERE id = $1`, [template.body.id])
      )[0].content;
      const legacyContent = JSON.stringify({
        ...content,
        specialCategories: JSON.parse(specials),
        transfers: JSON.parse(transfers),
      });
      await runner.query(`UPDATE register_template SET content = $2 WHERE id = $1`, [
        template.body.id,
        legacyContent,
      ]);
      await runner.query(`UPDATE register_template_version SET content = $2 WHERE template_id = $1`, [
        template.body.id,
        legacyContent,
      ]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }

    const expectedTransfers = [
      {
        recipient: 'Éditeur',
        country: 'US',
        safeguard: 'standard-contractual-clauses',
        safeguardDetail: 'Clauses contractuelles types 2021/914',
      },
      {
        recipient: 'Support',
        country: 'IN',
        safeguard: 'derogation',
        derogation: 'b',
        safeguardDetail: 'Dérogation art. 49.1.b',
      },
      { recipient: 'Hébergeur', country: 'CA', safeguard: 'adequacy-decision' },
      { recipient: 'Prestataire', country: 'MA', safeguardDetail: 'Engagement écrit du prestataire' },
    ];
    const migrated = await app.http.get(`/api/v1/processing-activities/${entry.id}`).set(as(world.dpoA));
    expect(migrated.body).toMatchObject({
      specialCategories: [{ category: 'health', condition: '9.2.b' }],
      nir: { used: true, legacyCondition: '9.2.b' },
      transfers: expectedTransfers,
      dpiaAssessment: null,
    });
    for (const table of ['register_template', 'register_template_version']) {
      const [row] = await app.dataSource.query(
        `SELECT content FROM ${table} WHERE ${table === 'register_template' ? 'id' : 'template_id'} = $1`,
        [template.body.id],
      );
      expect(row.content).toMatchObject({
        specialCategories: [{ category: 'health', condition: '9.2.b' }],
        nir: { used: true, legacyCondition: '9.2.b' },
        transfers: expectedTransfers,
      });
    }
    // The migrated entry needs its safeguard chosen from the list and the NIR's ground before validation.
    const validate = await app.http
      .post(`/api/v1/processing-activities/${entry.id}/validate`)
      .set(as(world.dpoA))
      .send({ version: await entryVersion(app, entry.id) });
    expect(validate.status).toBe(409);
    expect(validate.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'nir.legalGround',
      'transfers.3.safeguard',
    ]);

    const back = app.dataSource.createQueryRunner();
    try {
      await migration.down(back);
      const [row] = await back.query(
        `SELECT special_categories, transfers FROM processing_activity WHERE id = $1`,
        [entry.id],
      );
      expect(row.special_categories).toEqual([
        { category: 'health', condition: '9.2.b' },
        { category: 'nir', condition: '9.2.b' },
      ]);
      expect(row.transfers.map((t: { safeguard?: string }) => t.safeguard)).toEqual([
        'Clauses contractuelles types 2021/914',
        'Dérogation art. 49.1.b',
        'adequacy-decision',
        'Engagement écrit du prestataire',
      ]);
      await migration.up(back);
    } finally {
      await back.release();
    }
  });
});
