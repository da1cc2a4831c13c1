import { createHash } from 'node:crypto';
import {
  AuditCheckpoint,
  canonicalJson,
  hashEvent,
  readAuditCheckpoints,
  verifyAuditTrail,
} from '@vigie/core';
import { createTestApp, TEST_AUDIT_KEY, TestApp } from './support/test-app';
import { as, createWorld, expectProblem, World } from './support/world';

const KEY = Buffer.from(TEST_AUDIT_KEY, 'utf8');

interface StoredEvent {
  id: string;
  seq: string;
  at: Date;
  actor_id: string | null;
  organisation_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  changes: Record<string, { before: unknown; after: unknown }>;
  request_id: string;
  prev_hash: string;
  hash: string;
  keyed: boolean;
}

/**
 * An attacker with write access to the database alters one event and recomputes every later hash, as the
 * black-box test did with plain SHA-256. With `key`, the attacker also holds the audit key (an insider).
 */
async function rewriteChainFrom(app: TestApp, seq: string, key?: Buffer): Promise<void> {
  const events: StoredEvent[] = await app.dataSource.query('SELECT * FROM audit_event ORDER BY seq');
  let previous: string | undefined;
  for (const event of events) {
    if (BigInt(event.seq) < BigInt(seq)) {
      previous = event.hash;
      continue;
    }
    if (event.seq === seq) event.changes = { name: { before: null, after: 'falsifié' } };
    const content = {
      id: event.id,
      at: new Date(event.at),
      actorId: event.actor_id,
      organisationId: event.organisation_id,
      action: event.action,
      entity: event.entity,
      entityId: event.entity_id,
      changes: event.changes,
      requestId: event.request_id,
      prevHash: previous ?? event.prev_hash,
    };
    const hash = key
      ? hashEvent(content, key)
      : createHash('sha256')
          .update(canonicalJson({ ...content, at: content.at.toISOString() }))
          .digest('hex');
    await app.dataSource.query(
      'UPDATE audit_event SET changes = $2, prev_hash = $3, hash = $4, keyed = $5 WHERE id = $1',
      [event.id, JSON.stringify(event.changes), content.prevHash, hash, key !== undefined],
    );
    previous = hash;
  }
}

describe('Audit trail that cannot be silently rewritten (e2e)', () => {
  let app: TestApp;
  let world: World;

  beforeEach(async () => {
    app = await createTestApp();
    world = await createWorld(app);
  });
  afterEach(() => app.close());

  async function checkpoint(): Promise<AuditCheckpoint> {
    const response = await app.http
      .post('/api/v1/audit-checkpoints')
      .set(as(world.admin))
      .send({ reason: 'Avant la sauvegarde' });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function verify() {
    return verifyAuditTrail(
      app.dataSource.manager,
      KEY,
      await readAuditCheckpoints(app.config.auditCheckpointFile),
    );
  }

  async function someSeq(offset: number): Promise<string> {
    const [row] = await app.dataSource.query(
      'SELECT seq::text AS seq FROM audit_event ORDER BY seq LIMIT 1 OFFSET $1',
      [offset],
    );
    return row.seq;
  }

  it('keys every new event and verifies an untouched chain and its checkpoints', async () => {
    const first = await checkpoint();
    await app.http
      .patch(`/api/v1/organisations/${world.memberA.id}`)
      .set(as(world.admin))
      .send({ name: 'Mairie de Gentilly (modifiée)', version: 1 });
    const second = await checkpoint();
    expect(BigInt(second.seq)).toBeGreaterThan(BigInt(first.seq));
    expect(second.count).toBeGreaterThan(first.count);
    const [{ unkeyed }] = await app.dataSource.query(
      'SELECT count(*)::int AS unkeyed FROM audit_event WHERE NOT keyed',
    );
    expect(unkeyed).toBe(0);
    expect(await verify()).toEqual({ ok: true, checked: second.count, checkpoints: 2 });
  });

  it('detects an altered event whose later hashes were recomputed without the key', async () => {
    await checkpoint();
    const seq = await someSeq(2);
    await rewriteChainFrom(app, seq);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, brokenAt: { seq } });
  });

  it('detects a chain recomputed with the key by an insider, through the checkpoint taken before', async () => {
    const signed = await checkpoint();
    await rewriteChainFrom(app, await someSeq(2), KEY);
    const result = await verify();
    expect(result).toMatchObject({ ok: false, checkpoint: { seq: signed.seq } });
    expect((result as { reason: string }).reason).toMatch(/rewritten/);
  });

  it('detects events removed from the end of the chain', async () => {
    await app.http
      .patch(`/api/v1/organisations/${world.memberA.id}`)
      .set(as(world.admin))
      .send({ name: 'Mairie de Gentilly (fin)', version: 1 });
    const signed = await checkpoint();
    await app.dataSource.query('DELETE FROM audit_event WHERE seq = $1', [signed.seq]);
    expect(await verify()).toMatchObject({ ok: false, checkpoint: { seq: signed.seq } });
  });

  it('detects a forged checkpoint', async () => {
    const signed = await checkpoint();
    const forged = { ...signed, count: signed.count + 1 };
    expect(await verifyAuditTrail(app.dataSource.manager, KEY, [forged])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
  });

  it('lists checkpoints to the operator only; only the administrator takes one', async () => {
    const signed = await checkpoint();
    const list = await app.http.get('/api/v1/audit-checkpoints').set(as(world.securityOfficer));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [signed] });
    expectProblem(
      await app.http
        .post('/api/v1/audit-checkpoints')
        .set(as(world.securityOfficer))
        .send({ reason: 'Essai' }),
      403,
    );
    expectProblem(await app.http.post('/api/v1/audit-checkpoints').set(as(world.admin)).send({}), 400);
    expectProblem(await app.http.get('/api/v1/audit-checkpoints').set(as(world.dpoA)), 403);
    expectProblem(await app.http.get('/api/v1/audit-checkpoints?pageSize=0').set(as(world.admin)), 400);
    expect((await readAuditCheckpoints(app.config.auditCheckpointFile)).length).toBe(1);
  });
});
