import { ContractArt28Clauses1765300000000 } from '../migrations/1765300000000-ContractArt28Clauses';
import { pdfText } from './support/pdf-text';
import { createApplication, createEntry, entryPayload } from './support/register-fixtures';
import { createTestApp, TestApp } from './support/test-app';
import { currentVersion } from './support/versions';
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
const FIRST_SUBPARAGRAPH_KEYS = [
  'subject-matter-duration',
  'nature-purpose',
  'personal-data-types',
  'data-subject-categories',
  'controller-obligations-rights',
];
const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A small template whose score is easy to compute by hand. */
const SMALL_TEMPLATE = {
  name: 'Questionnaire court',
  sections: [
    {
      key: 'base',
      title: 'Base',
      questions: [
        {
          key: 'q-yes',
          text: 'Une PSSI existe-t-elle ?',
          type: 'yes-no',
          required: true,
          weight: 2,
          evidenceRequested: true,
        },
        {
          key: 'q-choice',
          text: 'Délai de notification ?',
          type: 'single-choice',
          required: true,
          weight: 3,
          choices: [
            { value: 'h24', label: '24 h', score: 100 },
            { value: 'h72', label: '72 h', score: 40 },
          ],
          evidenceRequested: false,
        },
        {
          key: 'q-multi',
          text: 'Certifications ?',
          type: 'multiple-choice',
          required: false,
          weight: 5,
          choices: [
            { value: 'iso', label: 'ISO 27001', score: 60 },
            { value: 'hds', label: 'HDS', score: 60 },
            { value: 'none', label: 'Aucune', score: 0 },
          ],
          evidenceRequested: false,
        },
        {
          key: 'q-text',
          text: 'Qui est le RSSI ?',
          type: 'text',
          required: true,
          weight: 0,
          evidenceRequested: false,
        },
        {
          key: 'q-date',
          text: 'Échéance du certificat ?',
          type: 'date',
          required: false,
          weight: 0,
          evidenceRequested: false,
        },
        {
          key: 'q-number',
          text: 'Durée des journaux (mois) ?',
          type: 'number',
          required: false,
          weight: 0,
          evidenceRequested: false,
        },
      ],
    },
  ],
};

describe('Vendors (e2e)', () => {
  let app: TestApp;
  let world: World;
  let otherVendor: { id: string };
  let otherContact: Actor;
  let healthApp: { id: string };
  let plainApp: { id: string };
  let otherVendorApp: { id: string };
  let templateId: string;

  const count = async (table: string) =>
    Number((await app.dataSource.query(`SELECT count(*)::int AS n FROM "${table}"`))[0].n);
  const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

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
    healthApp = await createApplication(app, world.admin, 'Dossier patient', [world.memberA.id], {
      vendorId: world.vendor.id,
      healthData: true,
    });
    plainApp = await createApplication(app, world.admin, 'État civil', [world.memberB.id], {
      vendorId: world.vendor.id,
    });
    otherVendorApp = await createApplication(app, world.admin, 'Paie', [world.memberA.id], {
      vendorId: otherVendor.id,
    });
    const created = await app.http
      .post(`${API}/questionnaire-templates`)
      .set(as(world.securityOfficer))
      .send(SMALL_TEMPLATE);
    expect(created.status).toBe(201);
    templateId = created.body.id;
  });
  afterAll(() => app.close());

  describe('vendor profile', () => {
    const profile = {
      siren: '356000000',
      address: '1 rue de la Paix, 75002 Paris',
      certifications: [
        { kind: 'iso27001', reference: 'ISO-1', validFrom: '2024-01-01', validUntil: '2099-12-31' },
        { kind: 'hds', reference: 'HDS-1', validFrom: '2020-01-01', validUntil: '2021-01-01' },
      ],
      dataLocations: ['fr', 'DE'],
      subProcessors: [{ name: 'OVHcloud', service: 'Hébergement', country: 'FR' }],
    };

    it('is managed by the security officer and read by the vendor’s own contacts and the administrator', async () => {
      const put = await app.http
        .put(`${API}/vendors/${world.vendor.id}/profile`)
        .set(as(world.securityOfficer))
        .send({ ...profile, version: 0 });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({ siren: '356000000', dataLocations: ['FR', 'DE'], version: 1 });
      expect(put.body.certifications.map((c: { expired: boolean }) => c.expired)).toEqual([false, true]);
      for (const reader of [world.vendorContact, world.admin, world.securityOfficer]) {
        const got = await app.http.get(`${API}/vendors/${world.vendor.id}/profile`).set(as(reader));
        expect(got.status).toBe(200);
        expect(got.body.subProcessors).toEqual([{ name: 'OVHcloud', service: 'Hébergement', country: 'FR' }]);
      }
    });

    it('is hidden from other vendors and members (404) and read-only for contacts and admin (403)', async () => {
      for (const stranger of [otherContact, world.dpoA, world.readerA]) {
        expectProblem(await app.http.get(`${API}/vendors/${world.vendor.id}/profile`).set(as(stranger)), 404);
      }
      for (const reader of [world.vendorContact, world.admin]) {
        expectProblem(
          await app.http
            .put(`${API}/vendors/${world.vendor.id}/profile`)
            .set(as(reader))
            .send({ ...profile, version: 1 }),
          403,
        );
      }
      // A member organisation has no vendor profile.
      expectProblem(
        await app.http.get(`${API}/vendors/${world.memberA.id}/profile`).set(as(world.securityOfficer)),
        404,
      );
    });

    it('refuses bad input and stale versions without writing anything', async () => {
      const before = await count('vendor_profile');
      for (const body of [
        { ...profile, siren: '123456789', version: 0 },
        { ...profile, dataLocations: ['XX'], version: 0 },
        { ...profile, certifications: [{ kind: 'soc2', reference: 'x' }], version: 0 },
        {
          ...profile,
          certifications: [
            { kind: 'hds', reference: 'x', validFrom: '2025-01-01', validUntil: '2024-01-01' },
          ],
          version: 0,
        },
        { ...profile },
      ]) {
        expectProblem(
          await app.http
            .put(`${API}/vendors/${otherVendor.id}/profile`)
            .set(as(world.securityOfficer))
            .send(body),
          400,
        );
      }
      expect(await count('vendor_profile')).toBe(before);
      expectProblem(
        await app.http
          .put(`${API}/vendors/${world.vendor.id}/profile`)
          .set(as(world.securityOfficer))
          .send({ ...profile, version: 0 }),
        409,
      );
    });
  });

  describe('contracts', () => {
    let healthContract: { id: string; clauses: { key: string; version: number }[] };

    it('creates a contract with its checklist; HDS clauses only when an application holds health data', async () => {
      const health = await app.http
        .post(`${API}/contracts`)
        .set(as(world.securityOfficer))
        .send({
          vendorId: world.vendor.id,
          applicationIds: [healthApp.id],
          reference: 'MAPA-1',
          startDate: '2025-01-01',
          endDate: '2027-12-31',
          noticeDate: '2027-06-30',
        });
      expect(health.status).toBe(201);
      healthContract = health.body;
      const keys = health.body.clauses.map((c: { key: string }) => c.key);
      expect(keys).toEqual(
        expect.arrayContaining(['documented-instructions', 'reversibility', 'hds-exi-17', 'hds-exi-31']),
      );
      expect(keys.filter((key: string) => key.startsWith('hds-exi-'))).toHaveLength(15);
      expect(health.body.clauses.every((c: { status: string }) => c.status === 'missing')).toBe(true);
      expect(health.body.members).toEqual([{ id: world.memberA.id, name: world.memberA.name }]);
      expect(health.body.coverage).toMatchObject({ score: 0, present: 0, missing: keys.length });
      expect(health.body.clauses[0]).toMatchObject({ key: 'subject-matter-duration', mandatory: true });
      expect(
        health.body.clauses.find((c: { key: string }) => c.key === 'documented-instructions').label,
      ).toMatch(/instruction documentée.*pays tiers ou à une organisation internationale/);

      const plain = await app.http
        .post(`${API}/contracts`)
        .set(as(world.securityOfficer))
        .send({
          vendorId: world.vendor.id,
          applicationIds: [plainApp.id],
          reference: 'MAPA-2',
          startDate: '2025-01-01',
        });
      expect(plain.status).toBe(201);
      expect(plain.body.clauses.some((c: { key: string }) => c.key.startsWith('hds-exi-'))).toBe(false);
      expect(plain.body.clauses).toHaveLength(keys.length - 15);
      expect(plain.body.members).toEqual([{ id: world.memberB.id, name: world.memberB.name }]);
    });

    it('refuses other roles (403) and bad input (400) without writing anything', async () => {
      const body = {
        vendorId: world.vendor.id,
        applicationIds: [plainApp.id],
        reference: 'MAPA-3',
        startDate: '2025-01-01',
      };
      for (const actor of [world.dpoA, world.vendorContact, world.auditor, world.admin]) {
        expectProblem(await app.http.post(`${API}/contracts`).set(as(actor)).send(body), 403);
      }
      const before = [
        await count('contract'),
        await count('contract_clause'),
        await count('contract_application'),
      ];
      for (const bad of [
        { ...body, applicationIds: [otherVendorApp.id] },
        { ...body, applicationIds: [] },
        { ...body, vendorId: world.memberA.id },
        { ...body, endDate: '2024-01-01' },
        { ...body, startDate: '2025-02-30' },
        { ...body, reference: '' },
        { ...body, members: [world.memberA.id] },
      ]) {
        expectProblem(await app.http.post(`${API}/contracts`).set(as(world.securityOfficer)).send(bad), 400);
      }
      expectProblem(
        await app.http
          .post(`${API}/contracts`)
          .set(as(world.securityOfficer))
          .send({ ...body, reference: 'mapa-1' }),
        409,
      );
      expect([
        await count('contract'),
        await count('contract_clause'),
        await count('contract_application'),
      ]).toEqual(before);
    });

    it('is invisible to members and vendor contacts (404, absent from lists)', async () => {
      for (const actor of [world.dpoA, world.vendorContact, otherContact]) {
        expectProblem(await app.http.get(`${API}/contracts/${healthContract.id}`).set(as(actor)), 404);
        expectProblem(
          await app.http.get(`${API}/contracts/${healthContract.id}/clauses`).set(as(actor)),
          404,
        );
        expectProblem(
          await app.http.get(`${API}/contracts/${healthContract.id}/clauses.pdf`).set(as(actor)),
          404,
        );
        const list = await app.http.get(`${API}/contracts`).set(as(actor));
        expect(list.status).toBe(200);
        expect(list.body.items).toEqual([]);
      }
      const list = await app.http
        .get(`${API}/contracts?applicationId=${healthApp.id}`)
        .set(as(world.auditor));
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([healthContract.id]);
    });

    it('records clauses with optimistic locking and computes coverage and gaps', async () => {
      const clause = healthContract.clauses.find((c) => c.key === 'documented-instructions')!;
      const url = `${API}/contracts/${healthContract.id}/clauses/documented-instructions`;
      const ok = await app.http
        .patch(url)
        .set(as(world.securityOfficer))
        .send({ status: 'present', reference: 'Art. 4', comment: 'Conforme', version: clause.version });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'present', reference: 'Art. 4', version: clause.version + 1 });
      expectProblem(
        await app.http
          .patch(url)
          .set(as(world.securityOfficer))
          .send({ status: 'partial', version: clause.version }),
        409,
      );
      expectProblem(
        await app.http
          .patch(url)
          .set(as(world.securityOfficer))
          .send({ status: 'maybe', version: clause.version + 1 }),
        400,
      );
      expectProblem(
        await app.http.patch(url).set(as(world.securityOfficer)).send({ status: 'partial' }),
        400,
      );
      expectProblem(
        await app.http
          .patch(url)
          .set(as(world.auditor))
          .send({ status: 'partial', version: clause.version + 1 }),
        403,
      );
      expectProblem(
        await app.http
          .patch(url)
          .set(as(world.dpoA))
          .send({ status: 'partial', version: clause.version + 1 }),
        404,
      );
      expectProblem(
        await app.http
          .patch(`${API}/contracts/${healthContract.id}/clauses/no-such-clause`)
          .set(as(world.securityOfficer))
          .send({ status: 'present', version: 1 }),
        404,
      );
      const partial = healthContract.clauses.find((c) => c.key === 'encryption')!;
      await app.http
        .patch(`${API}/contracts/${healthContract.id}/clauses/encryption`)
        .set(as(world.securityOfficer))
        .send({ status: 'partial', version: partial.version });
      const na = healthContract.clauses.find((c) => c.key === 'hds-exi-31')!;
      await app.http
        .patch(`${API}/contracts/${healthContract.id}/clauses/hds-exi-31`)
        .set(as(world.securityOfficer))
        .send({ status: 'not-applicable', version: na.version });

      const got = await app.http.get(`${API}/contracts/${healthContract.id}`).set(as(world.auditor));
      const total = healthContract.clauses.length;
      expect(got.body.coverage).toMatchObject({
        present: 1,
        partial: 1,
        notApplicable: 1,
        missing: total - 3,
        score: Math.round((1000 * 1.5) / (total - 1)) / 10,
      });
      expect(got.body.coverage.gaps).toHaveLength(total - 2);
      expect(got.body.coverage.gaps.find((g: { key: string }) => g.key === 'encryption')).toMatchObject({
        status: 'partial',
      });
      const clauses = await app.http
        .get(`${API}/contracts/${healthContract.id}/clauses`)
        .set(as(world.admin));
      expect(
        clauses.body.items.find((c: { key: string }) => c.key === 'documented-instructions'),
      ).toMatchObject({ comment: 'Conforme' });
    });

    it('renders the clause checklist in French and stores it as a generated record', async () => {
      const before = await count('generated_document');
      const pdf = await app.http
        .get(`${API}/contracts/${healthContract.id}/clauses.pdf`)
        .set(as(world.securityOfficer))
        .buffer(true);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
      const { flat } = await pdfText(pdf.body);
      expect(flat).toContain('Clauses du contrat MAPA-1');
      expect(flat).toContain('Taux de couverture');
      expect(flat).toContain('Hébergement de données de santé');
      expect(flat).toContain('Écarts à traiter');
      expect(flat).toContain('Présente');
      expect(await count('generated_document')).toBe(before + 1);
      const documents = await app.http
        .get(`${API}/documents?organisationId=${world.operatorId}`)
        .set(as(world.securityOfficer));
      expect(documents.body.items[0]).toMatchObject({
        kind: 'contract-clauses',
        id: pdf.headers['x-document-id'],
      });
    });

    it('shows a missing Art. 28.3 clause as a non-compliance whatever the score, in the API and the PDF', async () => {
      const created = await app.http
        .post(`${API}/contracts`)
        .set(as(world.securityOfficer))
        .send({
          vendorId: world.vendor.id,
          applicationIds: [plainApp.id],
          reference: 'MAPA-28',
          startDate: '2025-01-01',
        });
      expect(created.status).toBe(201);
      for (const clause of created.body.clauses as { key: string; version: number }[]) {
        if (clause.key === 'personal-data-types') continue;
        const done = await app.http
          .patch(`${API}/contracts/${created.body.id}/clauses/${clause.key}`)
          .set(as(world.securityOfficer))
          .send({ status: 'present', version: clause.version });
        expect(done.status).toBe(200);
      }
      const got = await app.http.get(`${API}/contracts/${created.body.id}`).set(as(world.auditor));
      expect(got.body.coverage.score).toBeGreaterThan(95);
      expect(got.body.coverage.art28Compliant).toBe(false);
      expect(got.body.coverage.nonCompliances).toEqual([
        expect.objectContaining({ key: 'personal-data-types', status: 'missing', ref: '28.3, 1er alinéa' }),
      ]);
      const clauses = await app.http
        .get(`${API}/contracts/${created.body.id}/clauses`)
        .set(as(world.securityOfficer));
      expect(clauses.body.art28Compliant).toBe(false);
      expect(clauses.body.nonCompliances.map((c: { key: string }) => c.key)).toEqual(['personal-data-types']);
      expect(clauses.body.items.find((c: { key: string }) => c.key === 'personal-data-types')).toMatchObject({
        mandatory: true,
        nonCompliance: true,
      });
      expect(clauses.body.items.find((c: { key: string }) => c.key === 'encryption')).toMatchObject({
        mandatory: false,
        nonCompliance: false,
      });

      const assurance = await app.http
        .get(`${API}/applications/${plainApp.id}/vendor-assurance`)
        .set(as(world.securityOfficer));
      expect(assurance.body.alerts).toContain('art28-non-compliance');
      const covering = assurance.body.contracts.find((c: { id: string }) => c.id === created.body.id);
      expect(covering).toMatchObject({ art28Compliant: false });
      expect(covering.nonCompliances.map((c: { key: string }) => c.key)).toEqual(['personal-data-types']);

      const pdf = await app.http
        .get(`${API}/contracts/${created.body.id}/clauses.pdf`)
        .set(as(world.securityOfficer))
        .buffer(true);
      const { flat } = await pdfText(pdf.body);
      expect(flat).toContain('Non-conformités à l’article 28.3 du RGPD');
      expect(flat).toContain('Non conforme : 1 clause obligatoire manquante ou incomplète');
      expect(flat).toContain('Non-conformité — 28.3, 1er alinéa — Le contrat définit le type de données');

      const key = 'personal-data-types';
      const clause = clauses.body.items.find((c: { key: string }) => c.key === key);
      const refused = await app.http
        .patch(`${API}/contracts/${created.body.id}/clauses/${key}`)
        .set(as(world.securityOfficer))
        .send({ status: 'not-applicable', version: clause.version });
      expectProblem(refused, 400);
      expect(refused.body.errors[0].message).toMatch(/article 28\.3 du RGPD est obligatoire/);
      const fixed = await app.http
        .patch(`${API}/contracts/${created.body.id}/clauses/${key}`)
        .set(as(world.securityOfficer))
        .send({ status: 'present', version: clause.version });
      expect(fixed.body).toMatchObject({ status: 'present', nonCompliance: false });
      const compliant = await app.http.get(`${API}/contracts/${created.body.id}`).set(as(world.auditor));
      expect(compliant.body.coverage).toMatchObject({ art28Compliant: true, nonCompliances: [] });
      const after = await app.http
        .get(`${API}/applications/${plainApp.id}/vendor-assurance`)
        .set(as(world.securityOfficer));
      expect(after.body.contracts.find((c: { id: string }) => c.id === created.body.id).art28Compliant).toBe(
        true,
      );
    });

    describe('PATCH /contracts/:id', () => {
      let contract: { id: string; version: number };
      const url = () => `${API}/contracts/${contract.id}`;
      const hdsKeys = (clauses: { key: string }[]) =>
        clauses.filter((c) => c.key.startsWith('hds-exi-')).map((c) => c.key);

      beforeAll(async () => {
        const created = await app.http
          .post(`${API}/contracts`)
          .set(as(world.securityOfficer))
          .send({
            vendorId: world.vendor.id,
            applicationIds: [plainApp.id],
            reference: 'MAPA-PATCH',
            startDate: '2025-01-01',
            endDate: '2026-12-31',
          });
        expect(created.status).toBe(201);
        contract = created.body;
      });

      it('changes reference and dates with the version, and records an audit event', async () => {
        const changed = await app.http
          .patch(url())
          .set(as(world.securityOfficer))
          .send({ reference: 'MAPA-PATCH-2', endDate: null, noticeDate: null, version: contract.version });
        expect(changed.status).toBe(200);
        expect(changed.body).toMatchObject({
          reference: 'MAPA-PATCH-2',
          startDate: '2025-01-01',
          endDate: null,
          version: contract.version + 1,
          applicationIds: [plainApp.id],
        });
        const [event] = await app.dataSource.query(
          `SELECT action, changes FROM audit_event WHERE entity_id = $1 AND action = 'contract.update' ORDER BY seq DESC LIMIT 1`,
          [contract.id],
        );
        expect(event.changes).toMatchObject({
          reference: { before: 'MAPA-PATCH', after: 'MAPA-PATCH-2' },
          endDate: { before: '2026-12-31', after: null },
        });
        contract = changed.body;
        expectProblem(
          await app.http
            .patch(url())
            .set(as(world.securityOfficer))
            .send({ reference: 'MAPA-PATCH-3', version: contract.version - 1 }),
          409,
        );
        expectProblem(
          await app.http
            .patch(url())
            .set(as(world.securityOfficer))
            .send({ reference: 'MAPA-1', version: contract.version }),
          409,
        );
      });

      it('adds the HDS clauses when a health-data application is covered, removes them when none is', async () => {
        const added = await app.http
          .patch(url())
          .set(as(world.securityOfficer))
          .send({ applicationIds: [plainApp.id, healthApp.id], version: contract.version });
        expect(added.status).toBe(200);
        expect(added.body.healthData).toBe(true);
        expect(hdsKeys(added.body.clauses)).toHaveLength(15);
        expect(added.body.clauses.at(-1).key).toBe('hds-exi-31');
        expect(added.body.members.map((m: { id: string }) => m.id).sort()).toEqual(
          [world.memberA.id, world.memberB.id].sort(),
        );
        const clause = added.body.clauses.find((c: { key: string }) => c.key === 'hds-exi-17');
        await app.http
          .patch(`${API}/contracts/${contract.id}/clauses/hds-exi-17`)
          .set(as(world.securityOfficer))
          .send({ status: 'present', reference: 'Annexe HDS', version: clause.version });
        const version = (await app.http.get(url()).set(as(world.securityOfficer))).body.version;
        expect(version).toBe(added.body.version);

        const removed = await app.http
          .patch(url())
          .set(as(world.securityOfficer))
          .set('If-Match', String(version))
          .send({ applicationIds: [plainApp.id] });
        expect(removed.status).toBe(200);
        expect(removed.body.healthData).toBe(false);
        expect(hdsKeys(removed.body.clauses)).toEqual([]);
        const [event] = await app.dataSource.query(
          `SELECT changes FROM audit_event WHERE entity_id = $1 AND action = 'contract.update' ORDER BY seq DESC LIMIT 1`,
          [contract.id],
        );
        expect(event.changes.hdsClauses.before).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ key: 'hds-exi-17', status: 'present', reference: 'Annexe HDS' }),
          ]),
        );
        expect(event.changes.applicationIds.after).toEqual([plainApp.id]);
        contract = removed.body;
      });

      it('answers 404 to members and vendor contacts, 403 to the auditor, 400 to bad input without writing', async () => {
        for (const actor of [world.dpoA, world.vendorContact, otherContact]) {
          expectProblem(
            await app.http.patch(url()).set(as(actor)).send({ reference: 'X', version: contract.version }),
            404,
          );
        }
        for (const actor of [world.auditor, world.admin]) {
          expectProblem(
            await app.http.patch(url()).set(as(actor)).send({ reference: 'X', version: contract.version }),
            403,
          );
        }
        const before = [
          await count('contract_clause'),
          await count('contract_application'),
          await app.dataSource.query('SELECT reference, version FROM contract WHERE id = $1', [contract.id]),
        ];
        for (const bad of [
          { reference: 'X' },
          { applicationIds: [otherVendorApp.id], version: contract.version },
          { applicationIds: [], version: contract.version },
          { applicationIds: null, version: contract.version },
          { reference: null, version: contract.version },
          { startDate: '2027-01-01', endDate: '2026-01-01', version: contract.version },
          { startDate: '2025-02-30', version: contract.version },
          { vendorId: otherVendor.id, version: contract.version },
        ]) {
          expectProblem(await app.http.patch(url()).set(as(world.securityOfficer)).send(bad), 400);
        }
        expect([
          await count('contract_clause'),
          await count('contract_application'),
          await app.dataSource.query('SELECT reference, version FROM contract WHERE id = $1', [contract.id]),
        ]).toEqual(before);
      });
    });

    it('gives existing contracts the Art. 28.3 first-subparagraph clauses (migration), as missing', async () => {
      const created = await app.http
        .post(`${API}/contracts`)
        .set(as(world.securityOfficer))
        .send({
          vendorId: world.vendor.id,
          applicationIds: [plainApp.id],
          reference: 'MAPA-OLD',
          startDate: '2024-01-01',
        });
      const id = created.body.id;
      const keys = FIRST_SUBPARAGRAPH_KEYS;
      // The checklist as it was before the migration: without the five items, positions from 0.
      await app.dataSource.query('DELETE FROM contract_clause WHERE contract_id = $1 AND key = ANY($2)', [
        id,
        keys,
      ]);
      await app.dataSource.query(
        'UPDATE contract_clause SET position = position - 5 WHERE contract_id = $1',
        [id],
      );
      const runner = app.dataSource.createQueryRunner();
      try {
        await new ContractArt28Clauses1765300000000().up(runner);
      } finally {
        await runner.release();
      }
      const clauses = (await app.http.get(`${API}/contracts/${id}/clauses`).set(as(world.auditor))).body;
      expect(clauses.items.slice(0, 6).map((c: { key: string }) => c.key)).toEqual([
        ...keys,
        'documented-instructions',
      ]);
      expect(clauses.items.slice(0, 5)).toEqual(
        keys.map((key) =>
          expect.objectContaining({
            key,
            status: 'missing',
            family: 'gdpr-art28',
            nonCompliance: true,
            comment: expect.stringMatching(/à vérifier dans le contrat/),
          }),
        ),
      );
      expect(clauses.items).toHaveLength(created.body.clauses.length);
    });
  });

  describe('questionnaire templates', () => {
    it('has a built-in French security template of at least 40 questions', async () => {
      const list = await app.http.get(`${API}/questionnaire-templates`).set(as(world.securityOfficer));
      expect(list.status).toBe(200);
      const builtin = list.body.items.find((t: { builtin: boolean }) => t.builtin);
      expect(builtin).toMatchObject({ name: 'Questionnaire sécurité éditeur', code: 'vendor-security' });
      expect(builtin.questionCount).toBeGreaterThanOrEqual(40);
      expect(builtin.sections.map((s: { key: string }) => s.key)).toEqual(
        expect.arrayContaining([
          'gouvernance',
          'certifications',
          'hebergement',
          'acces',
          'chiffrement',
          'journalisation',
          'continuite',
          'incidents',
          'vulnerabilites',
          'developpement',
          'sous-traitance',
          'reversibilite',
        ]),
      );
    });

    it('validates the structure and refuses other roles, writing nothing', async () => {
      const before = await count('questionnaire_template');
      const question = SMALL_TEMPLATE.sections[0].questions[0];
      const bad = [
        { name: 'x', sections: [] },
        { name: 'x', sections: [{ key: 'a', title: 'A', questions: [question, question] }] },
        {
          name: 'x',
          sections: [{ key: 'a', title: 'A', questions: [{ ...question, type: 'single-choice' }] }],
        },
        {
          name: 'x',
          sections: [{ key: 'a', title: 'A', questions: [{ ...question, type: 'text', weight: 3 }] }],
        },
        { name: 'x', sections: [{ key: 'a', title: 'A', questions: [{ ...question, type: 'essay' }] }] },
        { name: 'x', sections: [{ key: 'A B', title: 'A', questions: [question] }] },
      ];
      for (const body of bad) {
        const response = await app.http
          .post(`${API}/questionnaire-templates`)
          .set(as(world.securityOfficer))
          .send(body);
        expectProblem(response, 400);
      }
      const duplicate = await app.http
        .post(`${API}/questionnaire-templates`)
        .set(as(world.securityOfficer))
        .send(bad[1]);
      expect(duplicate.body.errors).toEqual([
        { field: 'sections[0].questions[1].key', message: 'clé de question « q-yes » en double' },
      ]);
      for (const actor of [world.vendorContact, world.dpoA, world.auditor]) {
        expectProblem(
          await app.http.post(`${API}/questionnaire-templates`).set(as(actor)).send(SMALL_TEMPLATE),
          403,
        );
      }
      expect(await count('questionnaire_template')).toBe(before);
      const vendorList = await app.http.get(`${API}/questionnaire-templates`).set(as(world.vendorContact));
      expect(vendorList.body.items).toEqual([]);
    });
  });

  describe('questionnaires', () => {
    let questionnaire: { id: string; version: number };
    let otherQuestionnaire: { id: string };
    const url = (suffix = '') => `${API}/questionnaires/${questionnaire.id}${suffix}`;

    it('is sent by the security officer only, with validated input', async () => {
      const body = { templateId, vendorId: world.vendor.id, dueDate: future(30) };
      for (const actor of [world.vendorContact, world.dpoA, world.auditor, world.admin]) {
        expectProblem(await app.http.post(`${API}/questionnaires`).set(as(actor)).send(body), 403);
      }
      const before = await count('questionnaire');
      for (const bad of [
        { ...body, vendorId: world.memberA.id },
        { ...body, templateId: world.vendor.id },
        { ...body, dueDate: '2020-01-01' },
        { ...body, dueDate: 'demain' },
        { ...body, status: 'accepted' },
      ]) {
        expectProblem(
          await app.http.post(`${API}/questionnaires`).set(as(world.securityOfficer)).send(bad),
          400,
        );
      }
      expect(await count('questionnaire')).toBe(before);
      const sent = await app.http.post(`${API}/questionnaires`).set(as(world.securityOfficer)).send(body);
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        status: 'sent',
        vendorId: world.vendor.id,
        score: null,
        templateName: 'Questionnaire court',
      });
      expect(sent.body.sections[0].questions[0]).toMatchObject({
        key: 'q-yes',
        answer: null,
        choices: [{ value: 'yes' }, { value: 'no' }],
      });
      questionnaire = sent.body;
      const other = await app.http
        .post(`${API}/questionnaires`)
        .set(as(world.securityOfficer))
        .send({ ...body, vendorId: otherVendor.id });
      otherQuestionnaire = other.body;
    });

    it('shows a vendor contact only its own vendor’s questionnaires (404 elsewhere)', async () => {
      expectProblem(
        await app.http.get(`${API}/questionnaires/${otherQuestionnaire.id}`).set(as(world.vendorContact)),
        404,
      );
      expectProblem(
        await app.http.get(`${API}/questionnaires/${questionnaire.id}`).set(as(otherContact)),
        404,
      );
      const list = await app.http.get(`${API}/questionnaires`).set(as(world.vendorContact));
      expect(list.body.items.map((q: { id: string }) => q.id)).toEqual([questionnaire.id]);
      for (const member of [world.dpoA, world.readerA]) {
        expectProblem(await app.http.get(url()).set(as(member)), 404);
        expect((await app.http.get(`${API}/questionnaires`).set(as(member))).body.items).toEqual([]);
      }
      expectProblem(
        await app.http
          .put(`${API}/questionnaires/${otherQuestionnaire.id}/answers`)
          .set(as(world.vendorContact))
          .send({
            version: await currentVersion(app, 'questionnaire', otherQuestionnaire.id),
            answers: [{ questionKey: 'q-yes', value: 'yes' }],
          }),
        404,
      );
      expect((await app.http.get(url()).set(as(world.auditor))).status).toBe(200);
    });

    it('saves draft answers validated against each question’s type', async () => {
      expectProblem(
        await app.http
          .put(url('/answers'))
          .set(as(world.securityOfficer))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            answers: [{ questionKey: 'q-yes', value: 'yes' }],
          }),
        403,
      );
      const before = await count('questionnaire_answer');
      for (const answers of [
        [{ questionKey: 'q-yes', value: true }],
        [{ questionKey: 'q-choice', value: 'h48' }],
        [{ questionKey: 'q-multi', value: ['iso', 'soc2'] }],
        [{ questionKey: 'q-date', value: '2025-02-30' }],
        [{ questionKey: 'q-number', value: '12' }],
        [{ questionKey: 'q-text', value: '   ' }],
        [{ questionKey: 'no-such', value: 'yes' }],
        [
          { questionKey: 'q-yes', value: 'yes' },
          { questionKey: 'q-choice', value: 'nope' },
        ],
        [{ questionKey: 'q-yes' }],
      ]) {
        expectProblem(
          await app.http
            .put(url('/answers'))
            .set(as(world.vendorContact))
            .send({ answers, version: await currentVersion(app, 'questionnaire', questionnaire.id) }),
          400,
        );
      }
      expect(await count('questionnaire_answer')).toBe(before);
      expect((await app.http.get(url()).set(as(world.vendorContact))).body.status).toBe('sent');

      const saved = await app.http
        .put(url('/answers'))
        .set(as(world.vendorContact))
        .send({
          version: await currentVersion(app, 'questionnaire', questionnaire.id),
          answers: [
            { questionKey: 'q-yes', value: 'yes', comment: 'PSSI 2024' },
            { questionKey: 'q-multi', value: ['hds', 'iso'] },
            { questionKey: 'q-number', value: 12 },
          ],
        });
      expect(saved.status).toBe(200);
      expect(saved.body.status).toBe('in-progress');
      // (2×100 + 3×0 + 5×min(100, 120)) / 10 = 70, seen by the operator only
      expect(saved.body).not.toHaveProperty('score');
      expect((await app.http.get(url()).set(as(world.securityOfficer))).body.score).toBe(70);
      expect(saved.body.sections[0].questions[2].answer.value).toEqual(['iso', 'hds']);
      expectProblem(
        await app.http
          .put(url('/answers'))
          .set(as(world.vendorContact))
          .send({ answers: [{ questionKey: 'q-yes', value: 'no' }], version: 1 }),
        409,
      );
      // The version is required: neither in the body nor in If-Match is a 400; If-Match alone will do.
      const missing = await app.http
        .put(url('/answers'))
        .set(as(world.vendorContact))
        .send({ answers: [{ questionKey: 'q-yes', value: 'no' }] });
      expectProblem(missing, 400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
      const byHeader = await app.http
        .put(url('/answers'))
        .set(as(world.vendorContact))
        .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
        .send({ answers: [{ questionKey: 'q-yes', value: 'yes' }] });
      expect(byHeader.status).toBe(200);
    });

    it('refuses to submit while a required question is unanswered (400 listing them)', async () => {
      const response = await app.http
        .post(url('/submit'))
        .set(as(world.vendorContact))
        .send({ version: await currentVersion(app, 'questionnaire', questionnaire.id) });
      expectProblem(response, 400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'answers.q-choice',
        'answers.q-text',
      ]);
      expect((await app.http.get(url()).set(as(world.vendorContact))).body.status).toBe('in-progress');
      expectProblem(
        await app.http
          .post(url('/submit'))
          .set(as(world.securityOfficer))
          .send({ version: await currentVersion(app, 'questionnaire', questionnaire.id) }),
        403,
      );
    });

    it('takes attachments checked from their content', async () => {
      const attached = await app.http
        .post(url('/answers/q-yes/attachments'))
        .set(as(world.vendorContact))
        .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
        .attach('file', MINIMAL_PDF, 'pssi.pdf');
      expect(attached.status).toBe(201);
      expect(attached.body).toMatchObject({
        questionKey: 'q-yes',
        fileName: 'pssi.pdf',
        contentType: 'application/pdf',
      });
      const before = await count('questionnaire_attachment');
      expectProblem(
        await app.http
          .post(url('/answers/q-yes/attachments'))
          .set(as(world.vendorContact))
          .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
          .attach('file', Buffer.from('MZ\x90\x00binary'), 'tool.exe'),
        415,
      );
      const noFile = await app.http
        .post(url('/answers/q-yes/attachments'))
        .set(as(world.vendorContact))
        .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)));
      expectProblem(noFile, 400);
      expect(noFile.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      expectProblem(
        await app.http
          .post(url('/answers/q-yes/attachments'))
          .set(as(world.securityOfficer))
          .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
          .attach('file', MINIMAL_PDF, 'x.pdf'),
        403,
      );
      expectProblem(
        await app.http
          .post(url('/answers/q-yes/attachments'))
          .set(as(otherContact))
          .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
          .attach('file', MINIMAL_PDF, 'x.pdf'),
        404,
      );
      expectProblem(
        await app.http
          .post(url('/answers/nope/attachments'))
          .set(as(world.vendorContact))
          .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
          .attach('file', MINIMAL_PDF, 'x.pdf'),
        404,
      );
      expect(await count('questionnaire_attachment')).toBe(before);
      const content = await app.http
        .get(url(`/attachments/${attached.body.id}/content`))
        .set(as(world.securityOfficer))
        .buffer(true);
      expect(content.status).toBe(200);
      expect(Buffer.compare(content.body, MINIMAL_PDF)).toBe(0);
      expectProblem(
        await app.http.get(url(`/attachments/${attached.body.id}/content`)).set(as(otherContact)),
        404,
      );
    });

    it('requires the version of the questionnaire on an upload (If-Match: 400 without, 409 stale)', async () => {
      const before = await count('questionnaire_attachment');
      const missing = await app.http
        .post(url('/answers/q-yes/attachments'))
        .set(as(world.vendorContact))
        .attach('file', MINIMAL_PDF, 'pssi.pdf');
      expectProblem(missing, 400);
      expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'version' })]);
      const current = await currentVersion(app, 'questionnaire', questionnaire.id);
      const stale = await app.http
        .post(url('/answers/q-yes/attachments'))
        .set(as(world.vendorContact))
        .set('If-Match', String(current - 1))
        .attach('file', MINIMAL_PDF, 'pssi.pdf');
      expectProblem(stale, 409);
      expect(stale.body.type).toMatch(/stale-version$/);
      expect(await count('questionnaire_attachment')).toBe(before);
      const accepted = await app.http
        .post(url('/answers/q-yes/attachments'))
        .set(as(world.vendorContact))
        .set('If-Match', String(current))
        .attach('file', MINIMAL_PDF, 'pssi-v2.pdf');
      expect(accepted.status).toBe(201);
      expect(await count('questionnaire_attachment')).toBe(before + 1);
    });

    it('keeps internal comments away from the vendor', async () => {
      const shared = await app.http
        .post(url('/comments'))
        .set(as(world.securityOfficer))
        .send({ questionKey: 'q-yes', body: 'Merci de joindre la PSSI signée.' });
      expect(shared.status).toBe(201);
      const internal = await app.http
        .post(url('/comments'))
        .set(as(world.securityOfficer))
        .send({ questionKey: 'q-yes', body: 'SECRET: éditeur peu fiable', internal: true });
      expect(internal.status).toBe(201);
      expectProblem(
        await app.http
          .post(url('/comments'))
          .set(as(world.vendorContact))
          .send({ questionKey: 'q-yes', body: 'x' }),
        403,
      );
      expectProblem(
        await app.http
          .post(url('/comments'))
          .set(as(world.auditor))
          .send({ questionKey: 'q-yes', body: 'x', internal: true }),
        403,
      );
      expectProblem(
        await app.http
          .post(url('/comments'))
          .set(as(world.securityOfficer))
          .send({ questionKey: 'nope', body: 'x' }),
        400,
      );

      const officerView = await app.http.get(url()).set(as(world.securityOfficer));
      expect(
        officerView.body.sections[0].questions[0].comments.map((c: { internal: boolean }) => c.internal),
      ).toEqual([false, true]);
      for (const response of [
        await app.http.get(url()).set(as(world.vendorContact)),
        await app.http.get(url('/comments')).set(as(world.vendorContact)),
        await app.http.get(`${API}/questionnaires`).set(as(world.vendorContact)),
        await app.http
          .put(url('/answers'))
          .set(as(world.vendorContact))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            answers: [{ questionKey: 'q-choice', value: 'h72' }],
          }),
      ]) {
        expect(response.status).toBe(200);
        expect(JSON.stringify(response.body)).not.toContain('SECRET');
        expect(JSON.stringify(response.body)).not.toContain('"internal":true');
      }
      const comments = await app.http.get(url('/comments')).set(as(world.vendorContact));
      expect(comments.body.items.map((c: { body: string }) => c.body)).toEqual([
        'Merci de joindre la PSSI signée.',
      ]);
    });

    it('goes through review: changes requested, resubmitted, accepted, then frozen', async () => {
      await app.http
        .put(url('/answers'))
        .set(as(world.vendorContact))
        .send({
          version: await currentVersion(app, 'questionnaire', questionnaire.id),
          answers: [{ questionKey: 'q-text', value: 'Mme Martin, RSSI' }],
        });
      const submitted = await app.http
        .post(url('/submit'))
        .set(as(world.vendorContact))
        .send({ version: await currentVersion(app, 'questionnaire', questionnaire.id) });
      expect(submitted.status).toBe(200);
      expect(submitted.body.status).toBe('submitted');
      expectProblem(
        await app.http
          .put(url('/answers'))
          .set(as(world.vendorContact))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            answers: [{ questionKey: 'q-yes', value: 'no' }],
          }),
        409,
      );

      expectProblem(
        await app.http
          .post(url('/review'))
          .set(as(world.vendorContact))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            decision: 'accepted',
          }),
        403,
      );
      expectProblem(
        await app.http
          .post(url('/review'))
          .set(as(otherContact))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            decision: 'accepted',
          }),
        404,
      );
      expectProblem(
        await app.http
          .post(url('/review'))
          .set(as(world.auditor))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            decision: 'accepted',
          }),
        403,
      );
      expectProblem(
        await app.http
          .post(url('/review'))
          .set(as(world.securityOfficer))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            decision: 'changes-requested',
          }),
        400,
      );
      expectProblem(
        await app.http
          .post(url('/review'))
          .set(as(world.securityOfficer))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            decision: 'rejected',
            comment: 'x',
          }),
        400,
      );
      expect((await app.http.get(url()).set(as(world.securityOfficer))).body.status).toBe('submitted');

      const changes = await app.http
        .post(url('/review'))
        .set(as(world.securityOfficer))
        .send({
          version: await currentVersion(app, 'questionnaire', questionnaire.id),
          decision: 'changes-requested',
          comment: 'Préciser le délai de notification.',
        });
      expect(changes.body).toMatchObject({
        status: 'changes-requested',
        reviewComment: 'Préciser le délai de notification.',
      });
      expectProblem(
        await app.http
          .post(url('/review'))
          .set(as(world.securityOfficer))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            decision: 'accepted',
          }),
        409,
      );
      const again = await app.http
        .put(url('/answers'))
        .set(as(world.vendorContact))
        .send({
          version: await currentVersion(app, 'questionnaire', questionnaire.id),
          answers: [{ questionKey: 'q-choice', value: 'h24' }],
        });
      expect(again.body.status).toBe('in-progress');
      // (2×100 + 3×100 + 5×100) / 10 = 100
      expect((await app.http.get(url()).set(as(world.securityOfficer))).body.score).toBe(100);
      expect(
        (
          await app.http
            .post(url('/submit'))
            .set(as(world.vendorContact))
            .send({ version: await currentVersion(app, 'questionnaire', questionnaire.id) })
        ).body.status,
      ).toBe('submitted');
      const accepted = await app.http
        .post(url('/review'))
        .set(as(world.securityOfficer))
        .send({
          version: await currentVersion(app, 'questionnaire', questionnaire.id),
          decision: 'accepted',
          comment: 'Réponses satisfaisantes.',
        });
      expect(accepted.body.status).toBe('accepted');

      const before = await count('questionnaire_answer');
      expectProblem(
        await app.http
          .put(url('/answers'))
          .set(as(world.vendorContact))
          .send({
            version: await currentVersion(app, 'questionnaire', questionnaire.id),
            answers: [{ questionKey: 'q-yes', value: 'no' }],
          }),
        409,
      );
      expectProblem(
        await app.http
          .post(url('/answers/q-yes/attachments'))
          .set(as(world.vendorContact))
          .set('If-Match', String(await currentVersion(app, 'questionnaire', questionnaire.id)))
          .attach('file', MINIMAL_PDF, 'x.pdf'),
        409,
      );
      expectProblem(
        await app.http
          .post(url('/submit'))
          .set(as(world.vendorContact))
          .send({ version: await currentVersion(app, 'questionnaire', questionnaire.id) }),
        409,
      );
      expect(await count('questionnaire_answer')).toBe(before);
      expect(
        (await app.http.get(url()).set(as(world.vendorContact))).body.sections[0].questions[0].answer.value,
      ).toBe('yes');
    });

    it('renders the report in French for the operator only, stored as a generated record', async () => {
      expectProblem(await app.http.get(url('/report.pdf')).set(as(world.vendorContact)), 403);
      expectProblem(await app.http.get(url('/report.pdf')).set(as(world.dpoA)), 404);
      const before = await count('generated_document');
      const pdf = await app.http.get(url('/report.pdf')).set(as(world.securityOfficer)).buffer(true);
      expect(pdf.status).toBe(200);
      const { flat } = await pdfText(pdf.body);
      expect(flat).toContain(`Questionnaire sécurité — ${world.vendor.name}`);
      expect(flat).toContain('Accepté');
      expect(flat).toContain('100 / 100');
      expect(flat).toContain('Une PSSI existe-t-elle ?');
      expect(flat).toContain('[Interne] SECRET: éditeur peu fiable');
      expect(flat).toContain('Pièce jointe : pssi.pdf');
      expect(flat).toContain('Avis du relecteur');
      expect(flat).toContain('Document interne');
      expect(await count('generated_document')).toBe(before + 1);
    });

    it('gives the vendor its own report: no score, no weight, no internal comment, whoever downloads it', async () => {
      // The same report for both readers: stored once, the second download answers the stored record.
      for (const [actor, stored] of [
        [world.vendorContact, 1],
        [world.securityOfficer, 0],
      ] as const) {
        const before = await count('generated_document');
        const pdf = await app.http.get(url('/vendor-report.pdf')).set(as(actor)).buffer(true);
        expect(pdf.status).toBe(200);
        expect(pdf.headers['content-type']).toMatch(/application\/pdf/);
        const { flat } = await pdfText(pdf.body);
        expect(flat).toContain(`Questionnaire sécurité — ${world.vendor.name}`);
        expect(flat).toContain('Version destinée à l’éditeur');
        expect(flat).toContain('Une PSSI existe-t-elle ?');
        expect(flat).toContain('Opérateur : Merci de joindre la PSSI signée.');
        expect(flat).toContain('Avis du relecteur');
        expect(flat).not.toContain('SECRET');
        expect(flat).not.toContain('[Interne]');
        expect(flat).not.toContain('Document interne');
        expect(flat).not.toMatch(/score|\/ 100|poids|points/i);
        expect(await count('generated_document')).toBe(before + stored);
        const [event] = await app.dataSource.query(
          `SELECT changes FROM audit_event WHERE action = 'document.generate' ORDER BY seq DESC LIMIT 1`,
        );
        expect(event.changes.kind.after).toBe('questionnaire-vendor-report');
      }
      for (const actor of [otherContact, world.dpoA]) {
        expectProblem(await app.http.get(url('/vendor-report.pdf')).set(as(actor)), 404);
      }
      for (const actor of [world.auditor, world.admin]) {
        expectProblem(await app.http.get(url('/vendor-report.pdf')).set(as(actor)), 403);
      }
    });

    it('never shows a vendor contact a weight, a score or points on any route it can reach', async () => {
      const leaks = (value: unknown, path = '$'): string[] => {
        if (Array.isArray(value)) return value.flatMap((item, i) => leaks(item, `${path}[${i}]`));
        if (value === null || typeof value !== 'object') return [];
        return Object.entries(value).flatMap(([key, item]) => [
          ...(/^(weight|score|points)$/i.test(key) ? [`${path}.${key}`] : []),
          ...leaks(item, `${path}.${key}`),
        ]);
      };
      const id = questionnaire.id;
      const contact = as(world.vendorContact);
      const fresh = await app.http
        .post(`${API}/questionnaires`)
        .set(as(world.securityOfficer))
        .send({ templateId, vendorId: world.vendor.id, dueDate: future(20) });
      expect(fresh.body.score).toBeNull();
      expect(fresh.body.sections[0].questions[0].weight).toBe(2);
      const freshUrl = (path = '') => `${API}/questionnaires/${fresh.body.id}${path}`;
      const responses = [
        await app.http.get(`${API}/questionnaires`).set(contact),
        await app.http.get(`${API}/questionnaires?status=accepted`).set(contact),
        await app.http.get(`${API}/questionnaires/${id}`).set(contact),
        await app.http.get(`${API}/questionnaires/${id}/comments`).set(contact),
        await app.http
          .put(freshUrl('/answers'))
          .set(contact)
          .send({
            version: await currentVersion(app, 'questionnaire', fresh.body.id),
            answers: [
              { questionKey: 'q-yes', value: 'yes' },
              { questionKey: 'q-choice', value: 'h24' },
              { questionKey: 'q-text', value: 'M. Durand' },
            ],
          }),
        await app.http
          .post(freshUrl('/answers/q-yes/attachments'))
          .set(contact)
          .set('If-Match', String(await currentVersion(app, 'questionnaire', fresh.body.id)))
          .attach('file', MINIMAL_PDF, 'pssi.pdf'),
        await app.http
          .post(freshUrl('/submit'))
          .set(contact)
          .send({ version: await currentVersion(app, 'questionnaire', fresh.body.id) }),
        await app.http.get(`${API}/vendors/${world.vendor.id}/profile`).set(contact),
        await app.http.get(`${API}/organisations/${world.vendor.id}`).set(contact),
        await app.http.get(`${API}/auth/me`).set(contact),
        await app.http.get(`${API}/questionnaire-templates`).set(contact),
        await app.http.get(`${API}/questionnaire-templates/${templateId}`).set(contact),
        await app.http.get(`${API}/organisations`).set(contact),
        await app.http.get(`${API}/documents`).set(contact),
        await app.http.get(`${API}/audit-events?entityId=${id}`).set(contact),
        await app.http.get(`${API}/applications`).set(contact),
        await app.http.get(`${API}/contracts`).set(contact),
      ];
      for (const response of responses) {
        expect(response.status).toBeLessThan(500);
        expect(leaks(response.body)).toEqual([]);
      }
      expect(responses.slice(0, 7).map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 201, 200]);
      expect(responses[2].body.sections[0].questions[1].choices).toEqual([
        { value: 'h24', label: '24 h' },
        { value: 'h72', label: '72 h' },
      ]);
      // The operator still sees the whole assessment.
      const officer = await app.http.get(freshUrl()).set(as(world.securityOfficer));
      expect(officer.body.score).toBe(50);
      expect(officer.body.sections[0].questions[1].choices[0]).toEqual({
        value: 'h24',
        label: '24 h',
        score: 100,
      });
    });

    it('starts a re-assessment from the previous answers', async () => {
      expectProblem(
        await app.http
          .post(`${API}/questionnaires`)
          .set(as(world.securityOfficer))
          .send({
            templateId,
            vendorId: otherVendor.id,
            dueDate: future(10),
            previousQuestionnaireId: questionnaire.id,
          }),
        400,
      );
      const again = await app.http
        .post(`${API}/questionnaires`)
        .set(as(world.securityOfficer))
        .send({
          templateId,
          vendorId: world.vendor.id,
          dueDate: future(60),
          previousQuestionnaireId: questionnaire.id,
        });
      expect(again.status).toBe(201);
      expect(again.body).toMatchObject({
        status: 'sent',
        previousQuestionnaireId: questionnaire.id,
        score: 100,
      });
      expect(again.body.progress.answered).toBe(5);
      const changed = await app.http
        .put(`${API}/questionnaires/${again.body.id}/answers`)
        .set(as(world.vendorContact))
        .send({
          version: await currentVersion(app, 'questionnaire', again.body.id),
          answers: [{ questionKey: 'q-yes', value: 'no' }],
        });
      expect(changed.status).toBe(200);
      expect(
        (await app.http.get(`${API}/questionnaires/${again.body.id}`).set(as(world.securityOfficer))).body
          .score,
      ).toBe(80);
      const original = await app.http.get(url()).set(as(world.vendorContact));
      expect(original.body.sections[0].questions[0].answer.value).toBe('yes');
    });
  });

  describe('vendor assurance', () => {
    it('shows the vendor’s assurance on an application to those it is deployed for', async () => {
      const assurance = await app.http
        .get(`${API}/applications/${healthApp.id}/vendor-assurance`)
        .set(as(world.dpoA));
      expect(assurance.status).toBe(200);
      expect(assurance.body).toMatchObject({
        applicationId: healthApp.id,
        healthData: true,
        vendor: { id: world.vendor.id },
        questionnaire: { status: 'in-progress', score: 80 },
      });
      expect(assurance.body.contracts).toHaveLength(1);
      expect(assurance.body.contracts[0].missingClauses.map((c: { key: string }) => c.key)).toContain(
        'hds-exi-17',
      );
      expect(assurance.body.expiredCertifications).toEqual([
        expect.objectContaining({ kind: 'hds', reference: 'HDS-1' }),
      ]);
      expect(assurance.body.alerts).toEqual(
        expect.arrayContaining([
          'missing-clauses',
          'questionnaire-not-accepted',
          'expired-certification',
          'no-valid-hds-certificate',
        ]),
      );
      for (const stranger of [world.dpoB, world.vendorContact, otherContact]) {
        expectProblem(
          await app.http.get(`${API}/applications/${healthApp.id}/vendor-assurance`).set(as(stranger)),
          404,
        );
      }
      const plain = await app.http
        .get(`${API}/applications/${plainApp.id}/vendor-assurance`)
        .set(as(world.dpoB));
      expect(plain.status).toBe(200);
      expectProblem(
        await app.http.get(`${API}/applications/${plainApp.id}/vendor-assurance`).set(as(world.dpoA)),
        404,
      );
      const other = await app.http
        .get(`${API}/applications/${otherVendorApp.id}/vendor-assurance`)
        .set(as(world.securityOfficer));
      expect(other.body.alerts).toEqual(
        expect.arrayContaining(['no-contract', 'questionnaire-not-accepted']),
      );
    });

    it('shows on a processing activity the assurance of its applications', async () => {
      const entry = await createEntry(
        app,
        world.dpoA,
        world.memberA.id,
        entryPayload('Suivi médical', { applicationIds: [healthApp.id, otherVendorApp.id] }),
      );
      const response = await app.http
        .get(`${API}/processing-activities/${entry.id}/vendor-assurance`)
        .set(as(world.dpoA));
      expect(response.status).toBe(200);
      expect(
        response.body.applications.map((a: { applicationId: string }) => a.applicationId).sort(),
      ).toEqual([healthApp.id, otherVendorApp.id].sort());
      for (const stranger of [world.dpoB, world.vendorContact, world.securityOfficer]) {
        expectProblem(
          await app.http.get(`${API}/processing-activities/${entry.id}/vendor-assurance`).set(as(stranger)),
          404,
        );
      }
    });
  });
});
