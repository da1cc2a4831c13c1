import { appendFile, readFile } from 'node:fs/promises';
import { timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { canonicalJson } from './audit-chain';
import { hmacHex } from './audit-key';
import { ChainVerification, verifyAuditChain } from './audit-trail';

/**
 * The state of the audit chain at one moment, signed with the audit key and kept outside the database: a
 * chain rewritten and rehashed afterwards (even by someone holding the key) no longer reaches the same head,
 * and a chain cut short no longer holds `count` events up to `seq`.
 */
export interface AuditCheckpoint {
  /** `seq` of the last event covered. */
  seq: string;
  /** Number of events up to and including `seq`. */
  count: number;
  /** `hash` of that event. */
  headHash: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
  /** Why it was taken (« automatique », « avant la sauvegarde du 1er décembre »…). */
  reason: string;
  /** HMAC-SHA256 of the fields above under the audit key. */
  signature: string;
}

function signatureOf(key: Buffer, checkpoint: Omit<AuditCheckpoint, 'signature'>): string {
  const { seq, count, headHash, at, reason } = checkpoint;
  return hmacHex(key, canonicalJson({ seq, count, headHash, at, reason }));
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A signed checkpoint of the chain as the manager sees it now, or null while the chain is empty. */
export async function takeAuditCheckpoint(
  manager: EntityManager,
  key: Buffer,
  reason: string,
  now = new Date(),
): Promise<AuditCheckpoint | null> {
  const [head]: { head_seq: string; hash: string; count: string }[] = await manager.query(
    `SELECT e.seq::text AS head_seq, e.hash, (SELECT count(*) FROM audit_event)::text AS count
       FROM audit_event e ORDER BY e.seq DESC LIMIT 1`,
  );
  if (!head) return null;
  const unsigned = {
    seq: head.head_seq,
    count: Number(head.count),
    headHash: head.hash,
    at: now.toISOString(),
    reason,
  };
  return { ...unsigned, signature: signatureOf(key, unsigned) };
}

/** Appends a checkpoint as one JSON line (one `write` in append mode: lines from several instances never mix). */
export async function appendAuditCheckpoint(file: string, checkpoint: AuditCheckpoint): Promise<void> {
  await appendFile(file, `${JSON.stringify(checkpoint)}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** The checkpoints of a file, oldest first; a missing file holds none. A line that is not a checkpoint throws. */
export async function readAuditCheckpoints(file: string): Promise<AuditCheckpoint[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const value = JSON.parse(line) as AuditCheckpoint;
      const wellFormed =
        typeof value.seq === 'string' &&
        Number.isInteger(value.count) &&
        typeof value.headHash === 'string' &&
        typeof value.at === 'string' &&
        typeof value.reason === 'string' &&
        typeof value.signature === 'string';
      if (!wellFormed) throw new Error(`line ${index + 1} of ${file} is not an audit checkpoint`);
      return value;
    });
}

/** Outcome of verifying the chain and the checkpoints taken of it. */
export type AuditTrailVerification =
  | (ChainVerification & { ok: false })
  | { ok: true; checked: number; checkpoints: number }
  | { ok: false; checked: number; checkpoint: AuditCheckpoint; reason: string };

/**
 * Verifies the chain under the key, then every checkpoint: its signature, and that the chain still holds
 * `count` events up to `seq` ending with `headHash`. Detects an altered event, a chain recomputed from an
 * altered event on (without or even with the key), and events removed from the end.
 */
export async function verifyAuditTrail(
  manager: EntityManager,
  key: Buffer,
  checkpoints: readonly AuditCheckpoint[],
): Promise<AuditTrailVerification> {
  const wanted = new Map(checkpoints.map((checkpoint) => [checkpoint.seq, checkpoint]));
  const seen = new Map<string, { hash: string; count: number }>();
  let count = 0;
  const chain = await verifyAuditChain(manager, {
    key,
    onEvent: (seq, hash) => {
      count += 1;
      if (wanted.has(seq)) seen.set(seq, { hash, count });
    },
  });
  if (!chain.ok) return chain;
  for (const checkpoint of checkpoints) {
    const fail = (reason: string) => ({ ok: false as const, checked: chain.checked, checkpoint, reason });
    if (!sameHex(signatureOf(key, checkpoint), checkpoint.signature)) {
      return fail('its signature does not match (the checkpoint was forged or altered)');
    }
    const reached = seen.get(checkpoint.seq);
    if (!reached) return fail(`event #${checkpoint.seq} it covers is missing (events were removed)`);
    if (!sameHex(reached.hash, checkpoint.headHash)) {
      return fail(`event #${checkpoint.seq} no longer has the hash signed then (the chain was rewritten)`);
    }
    if (reached.count !== checkpoint.count) {
      return fail(
        `the chain holds ${reached.count} events up to #${checkpoint.seq}, ${checkpoint.count} signed then`,
      );
    }
  }
  return { ok: true, checked: chain.checked, checkpoints: checkpoints.length };
}
