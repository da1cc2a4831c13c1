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

/** Signs and verifies short-lived access tokens. The algorithm is pinned: `none` or RS/HS confusion is refused. */
@Injectable()
export class TokenService {
  // A key object made once: given a string, jsonwebtoken would try to parse it as a public key on every call.
  private readonly key: KeyObject;

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
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        audience: AUDIENCE,
        issuer: ISSUER,
      });
      if (!isAccessPayload(payload)) throw new Error('not an access token');
      return { userId: payload.sub, sessionVersion: payload.sv };
    } catch {
      throw new UnauthenticatedException('Jeton invalide ou expiré');
    }
  }
}
