import { createSecretKey, KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { UnauthenticatedException } from '@vigie/core';
import jwt from 'jsonwebtoken';

/** Resolved signing settings, provided by the application module. */
export interface TokenSettings {
  secret: string;
  ttlSeconds: number;
}
export const TOKEN_SETTINGS = Symbol('TOKEN_SETTINGS');

const ALGORITHM = 'HS256';
const AUDIENCE = 'vigie-api';
const ISSUER = 'vigie';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The claims of a token this service signed: a user id as subject and an expiry (jsonwebtoken skips a missing `exp`). */
function isAccessPayload(payload: unknown): payload is { sub: string; exp: number; sv: number } {
  if (typeof payload !== 'object' || payload === null) return false;
  const { typ, sub, exp, sv } = payload as Record<string, unknown>;
  return (
    typ === 'access' &&
    typeof sub === 'string' &&
    UUID.test(sub) &&
    typeof exp === 'number' &&
    Number.isInteger(sv)
  );
}

/** Tokens already verified, kept until they expire: bounded, cleared whole past this many. */
const MAX_VERIFIED_TOKENS = 10_000;

/** Signs and verifies short-lived access tokens. The algorithm is pinned: `none` or RS/HS confusion is refused. */
@Injectable()
export class TokenService {
  // A key object made once: given a string, jsonwebtoken would try to parse it as a public key on every call.
  private readonly key: KeyObject;
  /**
   * The claims of tokens whose signature, algorithm, audience, issuer and claims were checked, by token text:
   * the same text sent again is the same signed token, so only its expiry is checked again (as jsonwebtoken
   * does: valid while the current second is before `exp`). Revocation is not decided here but by the session
   * version the actor loader compares at every request.
   */
  private readonly verified = new Map<string, { userId: string; sessionVersion: number; exp: number }>();

  constructor(@Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings) {
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  }

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  /** A token for the user at their current session version (a later password change or disable ends it). */
  sign(userId: string, sessionVersion: number): string {
    return jwt.sign({ typ: 'access', sv: sessionVersion }, this.key, {
      algorithm: ALGORITHM,
      subject: userId,
      expiresIn: this.settings.ttlSeconds,
      audience: AUDIENCE,
      issuer: ISSUER,
    });
  }

  /** The user id and session version of a valid token; 401 for anything else (bad signature, expired…). */
  verify(token: string): { userId: string; sessionVersion: number } {
    const known = this.verified.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.exp)
        return { userId: known.userId, sessionVersion: known.sessionVersion };
      this.verified.delete(token);
    }
    let claims: { userId: string; sessionVersion: number; exp: number };
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        audience: AUDIENCE,
        issuer: ISSUER,
      });
      if (!isAccessPayload(payload)) throw new Error('not an access token');
      claims = { userId: payload.sub, sessionVersion: payload.sv, exp: payload.exp };
    } catch {
      throw new UnauthenticatedException('Jeton invalide ou expiré');
    }
    if (this.verified.size >= MAX_VERIFIED_TOKENS) this.verified.clear();
    this.verified.set(token, claims);
    return { userId: claims.userId, sessionVersion: claims.sessionVersion };
  }
}
