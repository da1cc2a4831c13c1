import { AuditChanges, AuditEntry, NotFoundException, recordAudit, RequestContext } from '@vigie/core';
import { assertVersion } from '@vigie/db';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Action, Subject } from './role-table';
import { assertCan, findVisibleOrFail, scopedQuery } from './scoped-query';

/** A row changed through {@link auditedChange}: an id, a version, and (for owned rows) its organisation. */
export interface VersionedRow extends ObjectLiteral {
  id: string;
  version: number;
  organisationId?: string | null;
}

/** A permission on a subject: an action the caller needs on a visible row. */
export interface Permission {
  action: Action;
  subject: Subject;
}

/**
 * The named exemption from the version check, with its reason (see {@link unversioned}): a change of which no
 * client holds a copy that could be stale.
 */
export interface Unversioned {
  readonly unversioned: string;
}

/**
 * Exempts a change from the version check, for a change no client copy can make stale: a system consequence
 * inside a change already checked (a campaign remediated by its last task), a password change proven by the
 * current password. The reason is required and says why no version is compared, like `unscoped()`'s.
 */
export function unversioned(reason: string): Unversioned {
  if (!reason.trim()) throw new Error('unversioned() needs the reason why this change compares no version');
  return { unversioned: reason };
}

export interface AuditedChange<T extends VersionedRow> {
  subject: Subject;
  entity: EntityTarget<T>;
  id: string;
  /** The label of the 404 and 409 answers (e.g. `Application`). */
  label: string;
  /**
   * The permission the change needs on the visible row (403 otherwise): an action on `subject`, or the
   * permissions the change needs, each checked (e.g. an organisation's identity and its details).
   */
  action: Action | readonly Permission[];
  /**
   * The version the client read last (body `version` or `If-Match`): missing is a 400, stale a 409; or the
   * named exemption {@link unversioned} for a change no client copy can make stale.
   */
  version: number | undefined | Unversioned;
  /**
   * The audit event's action and entity names, e.g. `application.update` on `application`; the action may be
   * read from the change (e.g. `breach.closed` when the status moved, `breach.update` otherwise).
   */
  audit: {
    action: string | ((row: T, before: T) => string);
    entity: string;
    /**
     * The changes the event records, when the fields that differ between the row before and after do not
     * describe the change well (e.g. a state transition with its comment, a password written hidden); default
     * the differing fields.
     */
    changes?: (row: T, before: T) => AuditChanges;
  };
  /**
   * The organisation the audit event is filed under, for rows that hold it elsewhere than in `organisationId`
   * (e.g. a questionnaire, under its vendor); default `row.organisationId`.
   */
  auditOrganisation?: (row: T) => string | null;
  /**
   * The id the audit event is filed under, for a part of a record audited as the record (e.g. a contract's
   * clause, under its contract); default `row.id`.
   */
  auditEntityId?: (row: T) => string;
  /**
   * State checks the locked row must pass before its version is compared (e.g. an archived record answers its
   * own 409 whatever version was sent).
   */
  precondition?: (row: T) => void;
  /**
   * Applies the change to the locked row (checks that need the row go here and may throw). Returning `false`
   * says nothing changed: nothing is saved, no history nor audit event is written.
   */
  apply: (row: T, before: T) => void | false | Promise<void | false>;
  /** Saves the row (default `manager.save`; e.g. a save mapping a unique violation to a 409). */
  save?: (manager: EntityManager, row: T) => Promise<unknown>;
  /** Writes the history of the change, after the save (e.g. a version of a register entry). */
  history?: (manager: EntityManager, row: T, before: T) => Promise<void>;
}

/**
 * The one audited change: loads the visible row with a lock (404 for the invisible), checks the permission
 * (403), the row's state (`precondition`) and the version (400 when none was sent, 409 when stale), applies the
 * change, saves, writes the history and the audit event, all in the caller's transaction. Services describe
 * what changes; the steps are written once here. A change that changes nothing (`apply` returns `false`)
 * writes nothing.
 */
export async function auditedChange<T extends VersionedRow>(
  manager: EntityManager,
  ctx: RequestContext,
  change: AuditedChange<T>,
): Promise<T> {
  const row = await findVisibleOrFail(manager, ctx, change.subject, change.entity, change.id, {
    lock: true,
    label: change.label,
  });
  assertPermissions(ctx, change.action, change.subject, row);
  change.precondition?.(row);
  if (!isUnversioned(change.version)) assertVersion(change.label, row.version, change.version);
  const before = { ...row };
  if ((await change.apply(row, before)) === false) return row;
  await (change.save ? change.save(manager, row) : manager.save(row));
  if (change.history) await change.history(manager, row, before);
  const { action, entity, changes } = change.audit;
  await recordAudit(manager, ctx, {
    action: typeof action === 'function' ? action(row, before) : action,
    entity,
    entityId: change.auditEntityId ? change.auditEntityId(row) : row.id,
    organisationId: change.auditOrganisation ? change.auditOrganisation(row) : (row.organisationId ?? null),
    ...(changes ? { changes: changes(row, before) } : { before, after: row }),
  });
  return row;
}

function isUnversioned(version: number | undefined | Unversioned): version is Unversioned {
  return typeof version === 'object' && version !== null;
}

function assertPermissions(
  ctx: RequestContext,
  action: Action | readonly Permission[],
  subject: Subject,
  row: object,
): void {
  const permissions = typeof action === 'string' ? [{ action, subject }] : action;
  for (const permission of permissions) assertCan(ctx, permission.action, permission.subject, row);
}

/** A row removed through {@link auditedRemoval}: an id and (for owned rows) its organisation. */
export interface RemovedRow extends ObjectLiteral {
  id: string;
  organisationId?: string | null;
}

export interface AuditedRemoval<T extends RemovedRow> {
  subject: Subject;
  entity: EntityTarget<T>;
  id: string;
  /** The label of the 404 answer (e.g. `Deployment`). */
  label: string;
  /** The permission the removal needs on the visible row (403 otherwise), usually `delete`. */
  action: Action;
  /**
   * The parent the row must belong to, as in the route (e.g. `{ applicationId }`): a visible row of another
   * parent answers 404, exactly as an id that does not exist.
   */
  within?: Partial<T>;
  /** Checks the locked row must pass before it is removed (e.g. the last administrator stays), may throw. */
  precondition?: (manager: EntityManager, row: T) => void | Promise<void>;
  /** Work that follows the removal, in the same transaction (e.g. end the person's sessions). */
  followUp?: (manager: EntityManager, row: T) => Promise<void>;
  audit: {
    action: string;
    entity: string;
    /** The state the event records as before (default the row). */
    before?: (row: T) => object;
  };
  /** The organisation the audit event is filed under; default `row.organisationId`. */
  auditOrganisation?: (row: T) => string | null;
}

/**
 * The one audited removal: loads the visible row with a lock (404 for the invisible, or for a row of another
 * parent than `within`), checks the permission (403) and the row's state (`precondition`), deletes it, runs the
 * follow-up work and writes the audit event with the row before, all in the caller's transaction. Returns the
 * removed row.
 */
export async function auditedRemoval<T extends RemovedRow>(
  manager: EntityManager,
  ctx: RequestContext,
  removal: AuditedRemoval<T>,
): Promise<T> {
  const row = await visibleWithinOrFail(manager, ctx, removal);
  assertCan(ctx, removal.action, removal.subject, row);
  await removal.precondition?.(manager, row);
  await manager.delete(removal.entity, { id: row.id });
  await removal.followUp?.(manager, row);
  await recordAudit(manager, ctx, {
    action: removal.audit.action,
    entity: removal.audit.entity,
    entityId: row.id,
    organisationId: removal.auditOrganisation ? removal.auditOrganisation(row) : (row.organisationId ?? null),
    before: removal.audit.before ? removal.audit.before(row) : { ...row },
    after: null,
  });
  return row;
}

/** The visible row of `removal.within`, locked, or a 404 exactly as for an id that does not exist. */
async function visibleWithinOrFail<T extends RemovedRow>(
  manager: EntityManager,
  ctx: RequestContext,
  removal: AuditedRemoval<T>,
): Promise<T> {
  const qb = scopedQuery(manager, ctx, 'read', removal.subject, removal.entity, 'row')
    .andWhere('row.id = :id', { id: removal.id })
    .setLock('pessimistic_write');
  Object.entries(removal.within ?? {}).forEach(([field, value], index) =>
    qb.andWhere(`row.${field} = :within${index}`, { [`within${index}`]: value }),
  );
  const row = await qb.getOne();
  if (!row) throw new NotFoundException(removal.label);
  return row;
}

/**
 * The named exemption from {@link auditedChange}, for a change whose "row" is no one visible entity row (a
 * member's whole directory replaced by an import, a caller's set of preferences upserted, a user reached through
 * an e-mailed token before any caller): its steps stay written by hand and `recordAudit` records this event.
 * The reason is required and says why the change is not one row's; scripts/house-counts.js counts these apart
 * (`reasonedHandChanges`) from the changes written by hand with no reason.
 */
export function auditedByHand<E extends AuditEntry>(reason: string, event: E): E {
  if (!reason.trim()) throw new Error('auditedByHand() needs the reason why this change is not one row’s');
  return event;
}
