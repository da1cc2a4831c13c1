import { Injectable } from '@nestjs/common';
import { Actor, UnauthenticatedException } from '@vigie/core';
import { DataSource } from 'typeorm';
import { User } from '../users/user.entity';
import { LoginFailures } from './login-failures';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; displayName: string };
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  memberships: { organisationId: string; organisationName: string; kind: string; role: string }[];
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly failures: LoginFailures,
  ) {}

  /**
   * Same answer, after the same work, for an unknown email, a wrong password and a disabled account; repeated
   * failures from one address for one email answer 429.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    this.failures.assertAllowed(ip, email);
    const user = await this.dataSource
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const valid = await PasswordHasher.verify(user?.passwordHash, password);
    if (!user || !valid || user.disabled) {
      this.failures.recordFailure(ip, email);
      throw new UnauthenticatedException('Adresse électronique ou mot de passe incorrect');
    }
    this.failures.recordSuccess(ip, email);
    return {
      accessToken: this.tokens.sign(user.id, user.sessionVersion),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user: { id: user.id, email: user.email, displayName: user.displayName },
    };
  }

  me(actor: Actor): Me {
    return {
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      memberships: actor.memberships.map(({ organisationId, organisationName, kind, role }) => ({
        organisationId,
        organisationName,
        kind,
        role,
      })),
    };
  }
}
