import { createApplication } from '../support/register-fixtures';
import { rowCounts } from '../support/row-counts';
import { createTestApp, TestApp } from '../support/test-app';
import { as, createWorld, World } from '../support/world';

const ELF = Buffer.concat([
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]),
  Buffer.alloc(120, 0x41),
]);
const NOT_UTF8 = Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x81, 0x82, 0xc3, 0x28, 0x0a]);
const BOUNDARY = 'vigie-test-boundary';

/** A multipart body whose closing boundary never comes (the upload was cut). */
function truncatedMultipart(field: string, fileName: string, content: string): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n${content}`,
  );
}

let cases = 0;

/**
 * File and CSV uploads that are cut short, empty, of the wrong type or sent as something else: every upload
 * route answers 4xx problem+json and writes nothing.
 */
describe('Truncated and mistyped uploads (e2e)', () => {
  let app: TestApp;
  let world: World;
  let campaignId: string;
  let campaignVersion: number;
  let evidencePath: string;
  let attachmentPath: string;
  let attachmentVersion: number;

  beforeAll(async () => {
    app = await createTestApp();
    world = await createWorld(app);
    const application = await createApplication(app, world.admin, 'Ciril RH', [world.memberA.id]);
    const campaign = await app.http.post('/api/v1/access-reviews').set(as(world.securityOfficer)).send({
      organisationId: world.memberA.id,
      applicationId: application.id,
      name: 'Revue 2026',
      dueDate: '2027-01-31',
    });
    expect(campaign.status).toBe(201);
    campaignId = campaign.body.id;
    campaignVersion = campaign.body.version;
    const assessment = await app.http
      .post('/api/v1/assessments')
      .set(as(world.securityOfficer))
      .send({ frameworkCode: 'iso27001-2022', name: 'ISO 2026' });
    expect(assessment.status).toBe(201);
    const requirements = await app.http
      .get(`/api/v1/assessments/${assessment.body.id}/requirements?pageSize=1`)
      .set(as(world.securityOfficer));
    evidencePath = `/api/v1/assessments/${assessment.body.id}/requirements/${requirements.body.items[0].id}/evidence`;
    const templates = await app.http.get('/api/v1/questionnaire-templates').set(as(world.securityOfficer));
    const template = await app.http
      .get(`/api/v1/questionnaire-templates/${templates.body.items[0].id}`)
      .set(as(world.securityOfficer));
    const questionnaire = await app.http
      .post('/api/v1/questionnaires')
      .set(as(world.securityOfficer))
      .send({ templateId: template.body.id, vendorId: world.vendor.id, dueDate: '2027-01-31' });
    expect(questionnaire.status).toBe(201);
    attachmentVersion = questionnaire.body.version;
    attachmentPath = `/api/v1/questionnaires/${questionnaire.body.id}/answers/${template.body.sections[0].questions[0].key}/attachments`;
  });
  afterAll(async () => {
    console.log(`upload cases sent: ${cases}`);
    await app.close();
  });

  async function expectRefused(
    label: string,
    send: () => Promise<{ status: number; headers: Record<string, string> }>,
  ) {
    const before = await rowCounts(app.dataSource);
    const response = await send();
    cases += 1;
    const verdict = `${label} answered ${response.status}`;
    expect({ verdict, clientError: response.status >= 400 && response.status < 500 }).toEqual({
      verdict,
      clientError: true,
    });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect({ label, counts: await rowCounts(app.dataSource) }).toEqual({ label, counts: before });
  }

  it('refuses broken access-review CSV bodies', async () => {
    const path = `/api/v1/access-reviews/${campaignId}/accounts`;
    const csv =
      (body: string | Buffer, type = 'text/csv') =>
      () =>
        app.http
          .post(path)
          .set(as(world.securityOfficer))
          .set('If-Match', String(campaignVersion))
          .set('Content-Type', type)
          .send(body);
    await expectRefused(
      'CSV cut inside a quoted field',
      csv('username,displayName,email,role,lastLogin,reviewerEmail\r\nj.dupont,"Jeanne Dup'),
    );
    await expectRefused('CSV that is not UTF-8', csv(NOT_UTF8));
    await expectRefused('CSV without its header line', csv('j.dupont,Jeanne,j@x.fr,agent,2026-01-01,\r\n'));
    await expectRefused('empty CSV', csv(''));
    await expectRefused('CSV sent as JSON', () =>
      app.http.post(path).set(as(world.securityOfficer)).send({ username: 'x' }),
    );
    await expectRefused('CSV sent as an executable', csv(ELF, 'application/octet-stream'));
  });

  it.each([
    [
      'evidence',
      () => evidencePath,
      () => world.securityOfficer,
      { effectiveDate: '2026-01-15' },
      () => ({}),
    ],
    [
      'questionnaire attachment',
      () => attachmentPath,
      () => world.vendorContact,
      {},
      () => ({ 'If-Match': String(attachmentVersion) }),
    ],
    [
      'register import',
      () => `/api/v1/organisations/${world.memberA.id}/register/import`,
      () => world.dpoA,
      {},
      () => ({}),
    ],
  ] as const)('refuses broken %s uploads', async (label, path, actor, fields, headers) => {
    const post = () => app.http.post(path()).set(as(actor())).set(headers());
    const withFields = (request: ReturnType<TestApp['http']['post']>) => {
      for (const [name, value] of Object.entries(fields)) request.field(name, value);
      return request;
    };
    await expectRefused(`${label}: multipart cut before its end`, () =>
      post()
        .set('Content-Type', `multipart/form-data; boundary=${BOUNDARY}`)
        .send(truncatedMultipart('file', 'preuve.pdf', '%PDF-1.7\n1 0 obj <<')),
    );
    await expectRefused(`${label}: an executable named .pdf`, () =>
      withFields(post()).attach('file', ELF, {
        filename: 'preuve.pdf',
        contentType: 'application/pdf',
      }),
    );
    await expectRefused(`${label}: an empty file`, () =>
      withFields(post()).attach('file', Buffer.alloc(0), {
        filename: 'vide.csv',
        contentType: 'text/csv',
      }),
    );
    await expectRefused(`${label}: a truncated spreadsheet`, () =>
      withFields(post()).attach('file', Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000truncated'), {
        filename: 'registre.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }),
    );
    await expectRefused(`${label}: no file part`, () => withFields(post()).field('other', 'value'));
    await expectRefused(`${label}: JSON instead of multipart`, () => post().send({ file: 'x' }));
  });
});
