import { ForbiddenActionException, NotFoundException, RequestContext } from '@vigie/core';
import { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { abilityFor, ANY_ORGANISATION, tenantScope } from './ability';
import { abilityToBrackets, relationField, relationSql } from './casl-to-sql';
import { Action, Subject, SUBJECT_TENANT_FIELD } from './role-table';
import { subject as asSubject } from '@casl/ability';

/**
 * Restricts a query to the rows the caller may `action` on `subject`, with two independent filters in SQL:
 * the tenant filter (organisations reached through the role table) and the CASL rules. Either one alone
 * answering "no" hides the row.
 *
 * When the subject's tenant field is a relation field (e.g. an application reached through the members it is
 * deployed for), the tenant filter is `alias.id IN (SELECT application_id FROM deployment WHERE
 * organisation_id IN (:...organisations))`: still in SQL, still independent of the CASL rules, still closed
 * when the caller reaches no organisation.
 */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  ctx: RequestContext,
  action: Action,
  subject: Subject,
): SelectQueryBuilder<T> {
  const scope = tenantScope(ctx, action, subject);
  const tenantField = SUBJECT_TENANT_FIELD[subject];
  if (scope !== ANY_ORGANISATION) {
    if (!tenantField || scope.length === 0) {
      qb.andWhere('1 = 0');
    } else if (relationField(subject, tenantField)) {
      const [sql, params] = relationSql(
        qb,
        alias,
        relationField(subject, tenantField)!,
        scope,
        false,
        `tenant_${alias}`,
      );
      qb.andWhere(sql, params);
    } else {
      const column = qb.expressionMap.findAliasByName(alias).metadata.findColumnWithPropertyPath(tenantField);
      if (!column) throw new Error(`${subject} has no tenant column "${tenantField}"`);
      qb.andWhere(`${qb.escape(alias)}.${qb.escape(column.databaseName)} IN (:...tenant_${alias})`, {
        [`tenant_${alias}`]: scope,
      });
    }
  }
  return qb.andWhere(abilityToBrackets(qb, alias, abilityFor(ctx), action, subject));
}

/** A query builder over `entity`, already scoped for the caller. */
export function scopedQuery<T extends ObjectLiteral>(
  manager: EntityManager,
  ctx: RequestContext,
  action: Action,
  subject: Subject,
  entity: EntityTarget<T>,
  alias: string,
): SelectQueryBuilder<T> {
  return applyScope(manager.createQueryBuilder(entity, alias), alias, ctx, action, subject);
}

/**
 * Loads one row the caller may read, or answers 404 exactly as for an id that does not exist. With `lock`,
 * the row is locked for the rest of the transaction (use it before an update).
 */
export async function findVisibleOrFail<T extends ObjectLiteral>(
  manager: EntityManager,
  ctx: RequestContext,
  subject: Subject,
  entity: EntityTarget<T>,
  id: string,
  options: { lock?: boolean; label?: string } = {},
): Promise<T> {
  const qb = scopedQuery(manager, ctx, 'read', subject, entity, 'row').andWhere('row.id = :id', { id });
  if (options.lock) qb.setLock('pessimistic_write');
  const row = await qb.getOne();
  if (!row) throw new NotFoundException(options.label ?? subject);
  return row;
}

/**
 * The subset of `ids` the caller may `action` on `subject`, in one query (for checking the references in a
 * payload without one query per id).
 */
export async function visibleIds<T extends ObjectLiteral>(
  manager: EntityManager,
  ctx: RequestContext,
  action: Action,
  subject: Subject,
  entity: EntityTarget<T>,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await scopedQuery(manager, ctx, action, subject, entity, 'row')
    .select('row.id', 'id')
    .andWhere('row.id IN (:...ids)', { ids: [...new Set(ids)] })
    .getRawMany<{ id: string }>();
  return new Set(rows.map((row) => row.id));
}

/** 403 unless the caller may `action` this particular (already visible) record. */
export function assertCan(ctx: RequestContext, action: Action, subject: Subject, record: object): void {
  if (!abilityFor(ctx).can(action, asSubject(subject, { ...record }))) {
    throw new ForbiddenActionException();
  }
}

/**
 * Whether the caller may `action` on `subject` records of this organisation, by both filters (the role
 * table's tenant scope and the CASL rules). For subjects owned through a column (`organisationId`); routes
 * use it to answer 404 for a whole register the caller may not see, or 403 for an action on a visible one.
 */
export function canInOrganisation(
  ctx: RequestContext,
  action: Action,
  subject: Subject,
  organisationId: string,
): boolean {
  const tenantField = SUBJECT_TENANT_FIELD[subject];
  if (!tenantField || relationField(subject, tenantField)) return false;
  const scope = tenantScope(ctx, action, subject);
  if (scope !== ANY_ORGANISATION && !scope.includes(organisationId)) return false;
  return abilityFor(ctx).can(action, asSubject(subject, { [tenantField]: organisationId }));
}

/**
 * A member's whole register of `subject` (its processing activities, breaches, rights requests): 404 when the
 * caller may not read it, 403 when they may read it but not `action`.
 */
export function assertRegisterAccess(
  ctx: RequestContext,
  subject: Subject,
  organisationId: string,
  action: Action,
  label: string,
): void {
  if (!canInOrganisation(ctx, 'read', subject, organisationId)) throw new NotFoundException(label);
  if (action !== 'read' && !canInOrganisation(ctx, action, subject, organisationId))
    throw new ForbiddenActionException();
}

/** Whether the caller may `action` on `subject` somewhere (for routes that create). */
export function canSomewhere(ctx: RequestContext, action: Action, subject: Subject): boolean {
  return abilityFor(ctx).can(action, subject);
}
