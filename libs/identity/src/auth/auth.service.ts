import { auditedByHand, unscoped } from '@vigie/authz';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  ForbiddenActionException,
  recordAudit,
  RequestContext,
  UnauthenticatedException,
  ValidationException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DataSource } from 'typeorm';
import { User } from '../users/user.entity';
import { LoginFailures } from './login-failures';
import { PasswordHasher } from './password-hasher';
import { ActorLoader } from './actor.loader';
import { TokenService } from './token.service';
import { endSessionsOf } from './web-sessions';

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
  memberships: {
    organisationId: string;
    organisationName: string;
    kind: string;
    role: string;
    endsOn?: string | null;
  }[];
  /** With a web session: the token its mutations carry in `X-CSRF-Token`. */
  csrfToken?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: TokenService,
    private readonly failures: LoginFailures,
    private readonly tx: Transactions,
    private readonly actors: ActorLoader,
  ) {}

  /**
   * Same answer, after the same work, for an unknown email, a wrong password and a disabled account; repeated
   * failures from one address for one email answer 429.
   */
  async login(email: string, password: string, ip: string): Promise<LoginResult> {
    const user = await this.verifyCredentials(email, password, ip);
    return {
      accessToken: this.tokens.sign(user.id, user.sessionVersion),
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      user: { id: user.id, email: user.email, displayName: user.displayName },
    };
  }

  /** The enabled user of these credentials, or 401 (429 after repeated failures), as `login` describes. */
  async verifyCredentials(email: string, password: string, ip: string): Promise<User> {
    await this.failures.assertAllowed(ip, email);
    const user = await unscoped(
      this.dataSource,
      'sign-in looks the user up by e-mail, before any context exists',
    )
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    const valid = await PasswordHasher.verify(user?.passwordHash, password);
    if (!user || !valid || user.disabled) {
      await this.failures.recordFailure(ip, email);
      throw new UnauthenticatedException('Adresse électronique ou mot de passe incorrect');
    }
    await this.failures.recordSuccess(ip, email);
    // Told only to whom knows the password: the organisation's policy is nobody else's business.
    if (await this.mustUseSingleSignOn(user.id)) {
      throw new ForbiddenActionException(
        'Votre organisme impose la connexion unique : connectez-vous avec le bouton de connexion unique.',
      );
    }
    return user;
  }

  /**
   * « Connexion unique obligatoire »: a user holding a role in an organisation under that policy signs in
   * through the OpenID Provider only, unless they are an administrator of the operator (the break-glass
   * local sign-in, to mend the configuration when the provider fails).
   */
  async mustUseSingleSignOn(userId: string): Promise<boolean> {
    const rows: { bound: boolean }[] = await unscoped(
      this.dataSource,
      'reads the signing-in user’s own organisations’ sign-on policy, before any context exists',
    ).query(
      `SELECT EXISTS (SELECT 1 FROM membership m JOIN organisation o ON o.id = m.organisation_id
                       WHERE m.user_id = $1 AND o.sso_required)
          AND NOT EXISTS (SELECT 1 FROM membership m JOIN organisation o ON o.id = m.organisation_id
                           WHERE m.user_id = $1 AND o.kind = 'operator' AND m.role = 'admin') AS bound`,
      [userId],
    );
    return rows[0]?.bound === true;
  }

  /**
   * Changes the caller's own password after checking the current one, and ends their other web sessions (the
   * one given stays open). Wrong current passwords count as failed sign-ins.
   */
  async changePassword(
    ctx: RequestContext,
    currentPassword: string,
    newPassword: string,
    ip: string,
    keepSessionId?: string,
  ): Promise<void> {
    const actor = ctx.requireActor();
    await this.failures.assertAllowed(ip, actor.email);
    const user = await unscoped(this.dataSource, 're-checks the signed-in caller’s own password')
      .createQueryBuilder(User, 'u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.userId })
      .getOneOrFail();
    if (!(await PasswordHasher.verify(user.passwordHash, currentPassword))) {
      await this.failures.recordFailure(ip, actor.email);
      throw ValidationException.field('currentPassword', 'n’est pas le mot de passe actuel');
    }
    if (currentPassword === newPassword) {
      throw ValidationException.field('newPassword', 'doit être différent du mot de passe actuel');
    }
    const passwordHash = await PasswordHasher.hash(newPassword);
    await this.tx.run(async (manager) => {
      // A new password ends the bearer tokens issued before it (their session version) and the other sessions.
      await manager.update(
        User,
        { id: user.id },
        { passwordHash, version: user.version + 1, sessionVersion: user.sessionVersion + 1 },
      );
      await endSessionsOf(manager, user.id, keepSessionId);
      await recordAudit(
        manager,
        ctx,
        auditedByHand(
          'the caller’s own account, proven by the current password: no role reads it as a User',
          {
            action: 'user.password-change',
            entity: 'user',
            entityId: user.id,
            organisationId: null,
            changes: { password: { before: '(hidden)', after: '(changed)' } },
          },
        ),
      );
    });
    this.actors.invalidate(user.id);
  }

  /** The actor of a user who has just proved who they are. */
  async actorOf(userId: string): Promise<Actor> {
    const actor = await this.actors.load(userId);
    if (!actor) throw new UnauthenticatedException('Adresse électronique ou mot de passe incorrect');
    return actor;
  }

  me(actor: Actor): Me {
    return {
      id: actor.userId,
      email: actor.email,
      displayName: actor.displayName,
      memberships: actor.memberships.map(({ organisationId, organisationName, kind, role, endsOn }) => ({
        organisationId,
        organisationName,
        kind,
        role,
        ...(endsOn ? { endsOn } : {}),
      })),
    };
  }
}
