import { createHmac } from 'node:crypto';

let currentKey: Buffer | undefined;

/**
 * Sets the key of the audit chain's HMACs for this process (`VIGIE_AUDIT_KEY`, or the key generated into the
 * data folder). Kept outside the database on purpose: whoever can rewrite the `audit_event` table but does not
 * hold the key cannot recompute a valid chain. Set once at start-up, before any event is written.
 */
export function useAuditKey(key: string): void {
  if (key.length < 32) throw new Error('The audit key must be at least 32 characters long');
  currentKey = Buffer.from(key, 'utf8');
}

/** The key set by {@link useAuditKey}; writing or verifying the chain without one is a programming error. */
export function auditKey(): Buffer {
  if (!currentKey) throw new Error('The audit key is not set (useAuditKey at start-up)');
  return currentKey;
}

/** HMAC-SHA256 of a text under a key, in hex. */
export function hmacHex(key: Buffer, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
