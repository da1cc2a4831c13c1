import * as argon2 from 'argon2';

// OWASP's argon2id profile (19 MiB, 2 passes): strong, and fast enough to keep login latency low.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Verified against when the email is unknown, so that both answers take the same time.
let decoyHash: Promise<string> | undefined;

/** argon2id hashing of passwords. */
export const PasswordHasher = {
  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  },

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      decoyHash ??= argon2.hash('decoy-password-never-valid', OPTIONS);
      await argon2.verify(await decoyHash, password).catch(() => false);
      return false;
    }
    return argon2.verify(hash, password).catch(() => false);
  },
};
