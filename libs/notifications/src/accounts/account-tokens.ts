import { unscoped } from '@vigie/authz';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AccountTokenPurpose } from './account-token.entity';

/** How long each kind of link stays valid, in minutes, and how an e-mail says it. */
export const TOKEN_VALIDITY: Record<AccountTokenPurpose, { minutes: number; label: string }> = {
  invitation: { minutes: 7 * 24 * 60, label: '7 jours' },
  'password-reset': { minutes: 30, label: '30 minutes' },
  'sign-in-link': { minutes: 15, label: '15 minutes' },
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Creates a single-use token for a user and answers it (the only time it exists in clear). The user's earlier
 * unused tokens of the same purpose stop working: only the latest link is valid.
 */
export async function issueAccountToken(
  manager: EntityManager,
  userId: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + TOKEN_VALIDITY[purpose].minutes * 60_000);
  const tokens = unscoped(manager, 'replaces a user’s account token of a purpose (tokens are no subject)');
  await tokens.query(
    `UPDATE "account_token" SET "used_at" = $3 WHERE "user_id" = $1 AND "purpose" = $2 AND "used_at" IS NULL`,
    [userId, purpose, now],
  );
  await tokens.query(
    `INSERT INTO "account_token" ("user_id", "purpose", "token_hash", "expires_at") VALUES ($1, $2, $3, $4)`,
    [userId, purpose, hashToken(token), expiresAt],
  );
  return { token, expiresAt };
}

/**
 * Uses a token once: answers its user id if it is of this purpose, unused and unexpired, and marks it used in
 * the same statement (a second use, even concurrent, finds nothing). Null otherwise.
 */
export async function consumeAccountToken(
  manager: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
  now = new Date(),
): Promise<string | null> {
  const result: unknown = await unscoped(
    manager,
    'consumes an account token, before any context exists',
  ).query(
    `UPDATE "account_token" SET "used_at" = $3
     WHERE "token_hash" = $1 AND "purpose" = $2 AND "used_at" IS NULL AND "expires_at" > $3
     RETURNING "user_id"`,
    [hashToken(token), purpose, now],
  );
  // TypeORM answers `[rows, count]` for UPDATE … RETURNING on PostgreSQL.
  const rows = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as {
    user_id: string;
  }[];
  return rows[0]?.user_id ?? null;
}
