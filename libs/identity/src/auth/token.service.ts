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

  sign(userId: string): string {
    return jwt.sign({ typ: 'access' }, this.key, {
      algorithm: ALGORITHM,
      subject: userId,
      expiresIn: this.settings.ttlSeconds,
      audience: AUDIENCE,
      issuer: ISSUER,
    });
  }

  /** The user id of a valid token; 401 for anything else (bad signature, expired, wrong algorithm…). */
  verify(token: string): string {
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        audience: AUDIENCE,
        issuer: ISSUER,
      });
      if (typeof payload !== 'object' || payload.typ !== 'access' || typeof payload.sub !== 'string') {
        throw new Error('not an access token');
      }
      return payload.sub;
    } catch {
      throw new UnauthenticatedException('Jeton invalide ou expiré');
    }
  }
}
