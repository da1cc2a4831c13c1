import { RequestContext } from '@vigie/core';
import {
  DataSource,
  EntityManager,
  EntityTarget,
  FindManyOptions,
  FindOptionsWhere,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm';
import { Action, Subject } from './role-table';
import { applyScope, findVisibleOrFail, scopedQuery, visibleIds } from './scoped-query';

/** Find options a scoped read accepts: the where, select, order, relations and paging of TypeORM. */
export type ScopedFindOptions<T> = Pick<
  FindManyOptions<T>,
  'where' | 'select' | 'order' | 'relations' | 'skip' | 'take' | 'withDeleted'
>;

/**
 * The data access of one caller: every read through it is filtered in SQL for `ctx` (the tenant filter and the
 * CASL rules of `action` on `subject`, both closed by default). Writes stay on the transaction's manager, after
 * the record has been read through here.
 *
 *     const db = scoped(manager, ctx);
 *     const activity = await db.visibleOrFail('ProcessingActivity', ProcessingActivity, id, { lock: true });
 *     const names = await db.find('Application', Application, { where: { id: In(ids) } });
 *
 * System work reads through it as well, with `RequestContext.system()` whose scope is every organisation.
 */
export class ScopedManager {
  constructor(
    readonly manager: EntityManager,
    readonly ctx: RequestContext,
  ) {}

  /** A query builder over `entity`, already scoped for the caller. */
  query<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    alias: string,
    action: Action = 'read',
  ): SelectQueryBuilder<T> {
    return scopedQuery(this.manager, this.ctx, action, subject, entity, alias);
  }

  /** Scopes a query builder the caller built (e.g. from a join), on the rows of `alias`. */
  restrict<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    alias: string,
    subject: Subject,
    action: Action = 'read',
  ): SelectQueryBuilder<T> {
    return applyScope(qb, alias, this.ctx, action, subject);
  }

  /** The visible rows matching the options (TypeORM find options, scoped for the caller). */
  find<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    options: ScopedFindOptions<T> = {},
    action: Action = 'read',
  ): Promise<T[]> {
    return this.withOptions(subject, entity, options, action).getMany();
  }

  /** The first visible row matching the options, or null. */
  findOne<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    options: ScopedFindOptions<T>,
    action: Action = 'read',
  ): Promise<T | null> {
    return this.withOptions(subject, entity, options, action).getOne();
  }

  /** The first visible row matching `where`, or null. */
  findOneBy<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    where: FindOptionsWhere<T> | FindOptionsWhere<T>[],
    action: Action = 'read',
  ): Promise<T | null> {
    return this.findOne(subject, entity, { where }, action);
  }

  /** Whether a visible row matches `where`. */
  exists<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    where: FindOptionsWhere<T> | FindOptionsWhere<T>[],
    action: Action = 'read',
  ): Promise<boolean> {
    return this.withOptions(subject, entity, { where }, action).getExists();
  }

  /** How many visible rows match `where`. */
  count<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    where: FindOptionsWhere<T> | FindOptionsWhere<T>[] = {},
    action: Action = 'read',
  ): Promise<number> {
    return this.withOptions(subject, entity, { where }, action).getCount();
  }

  /** One visible row, or a 404 exactly as for an id that does not exist; `lock` locks it for the transaction. */
  visibleOrFail<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    id: string,
    options: { lock?: boolean; label?: string } = {},
  ): Promise<T> {
    return findVisibleOrFail(this.manager, this.ctx, subject, entity, id, options);
  }

  /** The subset of `ids` the caller may `action` on `subject`, in one query. */
  visibleIds<T extends ObjectLiteral>(
    action: Action,
    subject: Subject,
    entity: EntityTarget<T>,
    ids: readonly string[],
  ): Promise<Set<string>> {
    return visibleIds(this.manager, this.ctx, action, subject, entity, ids);
  }

  private withOptions<T extends ObjectLiteral>(
    subject: Subject,
    entity: EntityTarget<T>,
    options: ScopedFindOptions<T>,
    action: Action,
  ): SelectQueryBuilder<T> {
    return this.query(subject, entity, 'row', action).setFindOptions(options as FindManyOptions<T>);
  }
}

/** The scoped data access of `ctx` on this transaction (or reader). */
export function scoped(manager: EntityManager, ctx: RequestContext): ScopedManager {
  return new ScopedManager(manager, ctx);
}

/**
 * The named escape hatch: the bare manager, for an access that is not a caller's read of a subject (a lookup
 * before any context exists, a lock, a write, a global catalogue, a read keyed by a row already scoped). The
 * reason is required and says why the access needs no scope; test/house/unscoped-access.spec.ts counts every
 * access written on a bare manager outside this call.
 */
export function unscoped<M extends EntityManager | DataSource>(manager: M, reason: string): M {
  if (!reason.trim()) throw new Error('unscoped() needs the reason why this access needs no scope');
  return manager;
}
