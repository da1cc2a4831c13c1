import { join } from 'node:path';
import { WorkerPool } from '@vigie/core';
import { holdFlag } from '../support/hold-worker';
import { createTestApp, TestApp } from '../support/test-app';
import { Actor, as } from '../support/world';
import { MatrixFixtures } from './matrix/fixtures';

const API = '/api/v1';
const HOLD_WORKER = join(__dirname, '../support/hold-worker');

/**
 * Issue 14, item 1: every PDF Vigie draws is laid out in the heavy-work pool, none on the event loop. With one
 * thread and no queue, a held task makes every PDF route answer 429 (it asks the pool, it does not draw in the
 * main thread); once free, each renders in one worker task, and an unchanged document answers its stored
 * record (the content key came back from the worker with the bytes).
 */
describe('Every PDF is rendered in the worker pool (e2e)', () => {
  let app: TestApp;
  let fx: MatrixFixtures;
  let kinds: [kind: string, actor: Actor, path: string][];

  beforeAll(async () => {
    app = await createTestApp({ VIGIE_WORKER_THREADS: '1', VIGIE_WORKER_QUEUE: '0' });
    fx = await new MatrixFixtures(app).build();
    const { world } = fx;
    const hds = await app.http
      .post(`${API}/assessments`)
      .set(as(world.securityOfficer))
      .send({ frameworkCode: 'hds-v2', name: 'Certification HDS' });
    expect(hds.status).toBe(201);
    const member = world.memberA.id;
    kinds = [
      ['registre', world.dpoA, `/organisations/${member}/register.pdf`],
      ['copie de travail du registre', world.dpoA, `/organisations/${member}/register.pdf?drafts=include`],
      ['fiche de traitement', world.dpoA, `/processing-activities/${fx.activity.own}/sheet.pdf`],
      ['registre du sous-traitant', world.securityOfficer, '/processor-register.pdf'],
      ['déclaration d’applicabilité', world.securityOfficer, `/assessments/${fx.assessmentId}/soa.pdf`],
      ['rapport HDS', world.securityOfficer, `/assessments/${hds.body.id}/report.pdf`],
      ['questionnaire', world.securityOfficer, `/questionnaires/${fx.questionnaire.own}/report.pdf`],
      [
        'questionnaire, version de l’éditeur',
        world.securityOfficer,
        `/questionnaires/${fx.questionnaire.own}/vendor-report.pdf`,
      ],
      ['clauses du contrat', world.securityOfficer, `/contracts/${fx.contract.own}/clauses.pdf`],
      ['certificat de revue', world.dpoA, `/access-reviews/${fx.closedReview.own}/certificate.pdf`],
      ['fiche de violation', world.dpoA, `/breaches/${fx.breach.own}/record.pdf`],
      ['registre des violations', world.dpoA, `/organisations/${member}/breaches.pdf`],
      ['journal d’audit', world.dpoA, `/organisations/${member}/audit-trail.pdf`],
      [
        'bilan annuel',
        world.dpoA,
        `/organisations/${member}/annual-report.pdf?year=${new Date().getUTCFullYear()}`,
      ],
    ];
    // The matrix fixtures take a while on a loaded machine.
  }, 180_000);
  afterAll(() => app?.close());

  const get = (actor: Actor, path: string) => app.http.get(`${API}${path}`).set(as(actor));

  it('answers 429 with Retry-After on every PDF route while every worker is busy and the queue is full', async () => {
    const pool = app.app.get(WorkerPool);
    const hold = holdFlag();
    const held = pool.run(HOLD_WORKER, 'holdUntilReleased', { flag: hold.flag });
    const statuses: Record<string, [number, string | undefined]> = {};
    try {
      while (!hold.started()) await new Promise((resolve) => setTimeout(resolve, 20));
      for (const [kind, actor, path] of kinds) {
        const response = await get(actor, path);
        statuses[kind] = [response.status, response.headers['retry-after']];
      }
    } finally {
      hold.release();
    }
    expect(await held).toBe('released');
    expect(statuses).toEqual(Object.fromEntries(kinds.map(([kind]) => [kind, [429, '5']])));
  });

  it('renders each PDF in one worker task, an unchanged document answering its stored record', async () => {
    const pool = app.app.get(WorkerPool);
    const outcome: Record<string, unknown> = {};
    for (const [kind, actor, path] of kinds) {
      const before = pool.completed;
      const first = await get(actor, path);
      const second = await get(actor, path);
      outcome[kind] = {
        statuses: [first.status, second.status],
        type: first.headers['content-type'],
        tasks: pool.completed - before,
        sameRecord: second.headers['x-document-id'] === first.headers['x-document-id'],
      };
    }
    const expected = { statuses: [200, 200], type: 'application/pdf', tasks: 2, sameRecord: true };
    expect(outcome).toEqual(
      Object.fromEntries(
        kinds.map(([kind]) => [
          kind,
          // The audit trail's first download is stored with its audit event: the second one shows that event.
          kind === 'journal d’audit' ? { ...expected, sameRecord: false } : expected,
        ]),
      ),
    );
  }, 180_000);
});
