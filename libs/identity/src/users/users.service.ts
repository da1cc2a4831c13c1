import { Injectable } from '@nestjs/common';
import { assertCan, canSomewhere, findVisibleOrFail, scopedQuery } from '@vigie/authz';
import {
  assertNoNulls,
  ConflictException,
  diffFields,
  ForbiddenActionException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
} from '@vigie/core';
import { assertVersion, findPage, Transactions, uniqueViolation } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { ActorLoader } from '../auth/actor.loader';
import { PasswordHasher } from '../auth/password-hasher';
import { endSessionsOf } from '../auth/web-sessions';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { toUserView, User, UserView } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly tx: Transactions,
    private readonly actors: ActorLoader,
  ) {}

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserView> {
    if (!canSomewhere(ctx, 'create', 'User')) throw new ForbiddenActionException();
    const passwordHash = await PasswordHasher.hash(dto.password);
    return this.tx.run((manager) => this.insert(manager, ctx, { ...dto, passwordHash }));
  }

  /** Inserts a user with an already computed hash (also used by the bootstrap and the CLI). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    data: { email: string; displayName: string; passwordHash: string },
  ): Promise<UserView> {
    const user = manager.create(User, {
      email: data.email.trim().toLowerCase(),
      displayName: data.displayName,
      passwordHash: data.passwordHash,
      disabled: false,
    });
    try {
      await manager.insert(User, user);
    } catch (error) {
      if (uniqueViolation(error))
        throw new ConflictException('Un utilisateur a déjà cette adresse électronique', 'duplicate');
      throw error;
    }
    const view = toUserView(user);
    await recordAudit(manager, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: user.id,
      organisationId: null,
      before: null,
      after: view,
    });
    return view;
  }

  async list(ctx: RequestContext, query: PageQuery): Promise<Page<UserView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'User', User, 'u').orderBy('u.email', 'ASC');
    const { items: users, total } = await findPage(qb, query);
    return toPage(users.map(toUserView), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<UserView> {
    return toUserView(await findVisibleOrFail(this.tx.reader, ctx, 'User', User, id, { label: 'User' }));
  }

  async update(ctx: RequestContext, id: string, dto: UpdateUserDto): Promise<UserView> {
    assertNoNulls(dto);
    const passwordHash = dto.password ? await PasswordHasher.hash(dto.password) : undefined;
    const view = await this.tx.run(async (manager) => {
      const user = await findVisibleOrFail(manager, ctx, 'User', User, id, { lock: true, label: 'User' });
      assertCan(ctx, 'update', 'User', user);
      assertVersion('User', user.version, dto.version);
      if (dto.disabled === true && user.id === ctx.userId) {
        throw new ConflictException('Vous ne pouvez pas désactiver votre propre compte', 'rule');
      }
      const before = toUserView(user);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.disabled !== undefined) user.disabled = dto.disabled;
      const changes: Partial<User> = {
        displayName: user.displayName,
        disabled: user.disabled,
        version: user.version + 1,
      };
      if (passwordHash) changes.passwordHash = passwordHash;
      // A new password or a disable ends every token issued before (re-enabling does not revive them).
      if (passwordHash || (dto.disabled === true && !before.disabled)) {
        changes.sessionVersion = user.sessionVersion + 1;
      }
      await manager.update(User, { id: user.id }, changes);
      // A disabled account or a password set by an administrator ends the user's web sessions at once.
      if (user.disabled || passwordHash) await endSessionsOf(manager, user.id);
      const after = {
        ...before,
        displayName: user.displayName,
        disabled: user.disabled,
        version: user.version + 1,
      };
      const auditChanges = diffFields(before, after);
      if (passwordHash) auditChanges.password = { before: '(hidden)', after: '(changed)' };
      await recordAudit(manager, ctx, {
        action: 'user.update',
        entity: 'user',
        entityId: user.id,
        organisationId: null,
        changes: auditChanges,
      });
      return after;
    });
    // The account may have been disabled: its next request must not be served from the cache.
    this.actors.invalidate(id);
    return view;
  }
}
