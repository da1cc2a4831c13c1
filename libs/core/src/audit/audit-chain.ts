import { createHash } from 'node:crypto';
import { hmacHex } from './audit-key';
import type { AuditChanges } from './audit-event.entity';

/** Hash standing before the first event of the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event covered by its hash. */
export interface ChainedContent {
  id: string;
  at: Date;
  actorId: string | null;
  organisationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: AuditChanges;
  requestId: string;
  prevHash: string;
}

/** JSON with object keys sorted, so that jsonb's own key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/**
 * The hash of exactly the chained fields (whatever else the object carries, such as `seq` or `hash`): an
 * HMAC-SHA256 under the audit key, or for the events written before keys existed (`keyed: false`) a plain
 * SHA-256.
 */
export function hashEvent(content: ChainedContent, key?: Buffer): string {
  const { id, at, actorId, organisationId, action, entity, entityId, changes, requestId, prevHash } = content;
  const payload = canonicalJson({
    id,
    at: at.toISOString(),
    actorId,
    organisationId,
    action,
    entity,
    entityId,
    changes,
    requestId,
    prevHash,
  });
  return key ? hmacHex(key, payload) : createHash('sha256').update(payload).digest('hex');
}

const SECRET_FIELD = /password|secret|token|Hash$|^content$|^bytes$/i;

/** Plain JSON values of an entity's fields, dropping secrets and bulky binary content. */
export function auditableFields(entity: object | null | undefined): Record<string, unknown> {
  if (!entity) return {};
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entity)) {
    if (SECRET_FIELD.test(key) || typeof value === 'function' || Buffer.isBuffer(value)) continue;
    fields[key] = value instanceof Date ? value.toISOString() : value;
  }
  return fields;
}

/** The fields whose value differs between two states, with both values. */
export function diffFields(
  before: object | null | undefined,
  after: object | null | undefined,
): AuditChanges {
  const from = auditableFields(before);
  const to = auditableFields(after);
  const changes: AuditChanges = {};
  for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (key === 'version' || key === 'updatedAt' || key === 'createdAt') continue;
    if (canonicalJson(from[key]) !== canonicalJson(to[key])) {
      changes[key] = { before: from[key] ?? null, after: to[key] ?? null };
    }
  }
  return changes;
}
