import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RequestContext } from '../context/request-context';
import { AuditChanges, AuditEvent } from './audit-event.entity';
import { diffFields, GENESIS_HASH, hashEvent } from './audit-chain';
import { auditKey } from './audit-key';

/** What a mutation tells the audit trail. */
export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  organisationId: string | null;
  /** State before the change (null on creation). */
  before?: object | null;
  /** State after the change (null on deletion). */
  after?: object | null;
  /** Explicit changes, when before/after do not describe the mutation well (e.g. a state transition). */
  changes?: AuditChanges;
}

// Any constant works: it names the lock that serialises appends to the chain across connections and instances.
const CHAIN_LOCK_KEY = 7_340_021;

/**
 * Appends an event to the hash chain inside the caller's transaction, so that the event exists if and only if
 * the change it describes was committed.
 */
export async function recordAudit(
  manager: EntityManager,
  ctx: RequestContext,
  entry: AuditEntry,
): Promise<AuditEvent> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('Audit events must be written inside the transaction of the change they describe');
  }
  await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK_KEY]);
  const last: { hash: string }[] = await manager.query(
    'SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1',
  );
  const event = manager.create(AuditEvent, {
    id: randomUUID(),
    at: new Date(),
    actorId: ctx.userId,
    organisationId: entry.organisationId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    changes: entry.changes ?? diffFields(entry.before, entry.after),
    requestId: ctx.requestId,
    prevHash: last[0]?.hash ?? GENESIS_HASH,
    keyed: true,
  });
  event.hash = hashEvent(event, auditKey());
  // jsonb `changes` is typed loosely by TypeORM's partial-entity type; the value is plain JSON.
  await manager.insert(AuditEvent, event as QueryDeepPartialEntity<AuditEvent>);
  return event;
}

/** Outcome of a chain verification. */
export type ChainVerification =
  | { ok: true; checked: number; head: { seq: string; hash: string } | null }
  | { ok: false; checked: number; brokenAt: { seq: string; id: string; reason: string } };

/**
 * Recomputes every hash in chain order, in batches, under the audit key, and reports the first event whose
 * stored hash or link to its predecessor does not match. Unkeyed events may only precede the keyed ones (they
 * were written before keys existed): an unkeyed event after a keyed one was rewritten without the key.
 * `onEvent` sees each verified event (the checkpoints are checked against them).
 */
export async function verifyAuditChain(
  manager: EntityManager,
  options: { batchSize?: number; key?: Buffer; onEvent?: (seq: string, hash: string) => void } = {},
): Promise<ChainVerification> {
  const batchSize = options.batchSize ?? 1000;
  const key = options.key ?? auditKey();
  let previousHash = GENESIS_HASH;
  let lastSeq = '0';
  let checked = 0;
  let keyedSeen = false;
  for (;;) {
    const batch = await manager
      .createQueryBuilder(AuditEvent, 'e')
      .where('e.seq > :lastSeq', { lastSeq })
      .orderBy('e.seq', 'ASC')
      .limit(batchSize)
      .getMany();
    for (const event of batch) {
      const brokenAt = (reason: string) => ({
        ok: false as const,
        checked,
        brokenAt: { seq: event.seq, id: event.id, reason },
      });
      if (event.prevHash !== previousHash)
        return brokenAt('its link to the previous event does not match (an event was removed or altered)');
      if (keyedSeen && !event.keyed)
        return brokenAt(
          'it is not keyed although earlier events are (the chain was rewritten without the key)',
        );
      if (hashEvent(event, event.keyed ? key : undefined) !== event.hash)
        return brokenAt('its content does not match its hash (the event was altered)');
      keyedSeen ||= event.keyed;
      options.onEvent?.(event.seq, event.hash);
      previousHash = event.hash;
      lastSeq = event.seq;
      checked += 1;
    }
    if (batch.length < batchSize) {
      return { ok: true, checked, head: checked > 0 ? { seq: lastSeq, hash: previousHash } : null };
    }
  }
}
