import { Injectable } from '@nestjs/common';
import { auditedChange, canSomewhere, findVisibleOrFail, scopedQuery } from '@vigie/authz';
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
import { findPage, Transactions, uniqueViolation } from '@vigie/db';
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
      let endsTokens = false;
      const user = await auditedChange(manager, ctx, {
        subject: 'User',
        entity: User,
        id,
        label: 'User',
        action: 'update',
        version: dto.version,
        audit: {
          action: 'user.update',
          entity: 'user',
          changes: (row, before) => {
            const changes = diffFields(toUserView(before), toUserView(row));
            if (passwordHash) changes.password = { before: '(hidden)', after: '(changed)' };
            return changes;
          },
        },
        apply: (row, before) => {
          if (dto.disabled === true && row.id === ctx.userId) {
            throw new ConflictException('Vous ne pouvez pas désactiver votre propre compte', 'rule');
          }
          if (dto.displayName !== undefined) row.displayName = dto.displayName;
          if (dto.disabled !== undefined) row.disabled = dto.disabled;
          // A new password or a disable ends every token issued before (re-enabling does not revive them).
          endsTokens = !!passwordHash || (dto.disabled === true && !before.disabled);
        },
        save: async (m, row) => {
          const changes: Partial<User> = {
            displayName: row.displayName,
            disabled: row.disabled,
            version: row.version + 1,
          };
          if (passwordHash) changes.passwordHash = passwordHash;
          if (endsTokens) changes.sessionVersion = row.sessionVersion + 1;
          await m.update(User, { id: row.id }, changes);
          row.version += 1;
          // A disabled account or a password set by an administrator ends the user's web sessions at once.
          if (row.disabled || passwordHash) await endSessionsOf(m, row.id);
        },
      });
      return toUserView(user);
    });
    // The account may have been disabled: its next request must not be served from the cache.
    this.actors.invalidate(id);
    return view;
  }
}
