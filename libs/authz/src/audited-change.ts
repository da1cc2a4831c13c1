import { AuditChanges, recordAudit, RequestContext } from '@vigie/core';
import { assertVersion } from '@vigie/db';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { Action, Subject } from './role-table';
import { assertCan, findVisibleOrFail } from './scoped-query';

/** A row changed through {@link auditedChange}: an id, a version, and (for owned rows) its organisation. */
export interface VersionedRow extends ObjectLiteral {
  id: string;
  version: number;
  organisationId?: string | null;
}

export interface AuditedChange<T extends VersionedRow> {
  subject: Subject;
  entity: EntityTarget<T>;
  id: string;
  /** The label of the 404 and 409 answers (e.g. `Application`). */
  label: string;
  /** The permission the change needs on the visible row (403 otherwise). */
  action: Action;
  /** The version the client read last (body `version` or `If-Match`): missing is a 400, stale a 409. */
  version: number | undefined;
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
  assertCan(ctx, change.action, change.subject, row);
  change.precondition?.(row);
  assertVersion(change.label, row.version, change.version);
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
