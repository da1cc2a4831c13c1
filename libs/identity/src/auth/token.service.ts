import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthenticatedException } from '@vigie/core';

/** Resolved signing settings, provided by the identity module. */
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
  private readonly jwt: JwtService;

  constructor(@Inject(TOKEN_SETTINGS) private readonly settings: TokenSettings) {
    this.jwt = new JwtService({ secret: settings.secret });
  }

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  sign(userId: string): string {
    return this.jwt.sign(
      { typ: 'access' },
      {
        algorithm: ALGORITHM,
        subject: userId,
        expiresIn: this.settings.ttlSeconds,
        audience: AUDIENCE,
        issuer: ISSUER,
      },
    );
  }

  /** The user id of a valid token; 401 for anything else (bad signature, expired, wrong algorithm…). */
  verify(token: string): string {
    try {
      const payload = this.jwt.verify<{ sub?: string; typ?: string }>(token, {
        algorithms: [ALGORITHM],
        audience: AUDIENCE,
        issuer: ISSUER,
      });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new Error('not an access token');
      return payload.sub;
    } catch {
      throw new UnauthenticatedException('Invalid or expired token');
    }
  }
}
