import { Injectable } from '@nestjs/common';
import { scoped, unscoped } from '@vigie/authz';
import { NotFoundException, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { User } from '@vigie/identity';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { FIELD_LABELS } from '../data/register-labels';
import { CONTENT_FIELDS } from './activity-content';
import { ProcessingActivity } from './processing-activity.entity';
import { ProcessingActivityVersion, VersionAction } from './processing-activity-version.entity';

export interface HistoryEntry {
  version: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: VersionAction;
  status: string;
  changedFields: string[];
  /** The changed fields' French names. */
  changedFieldLabels: string[];
  note: string | null;
}

/** The whole entry as stored at a version. */
export function snapshotOf(activity: ProcessingActivity): Record<string, unknown> {
  const snapshot: Record<string, unknown> = {};
  for (const field of CONTENT_FIELDS) snapshot[field] = activity[field];
  snapshot.status = activity.status;
  snapshot.validatedAt = activity.validatedAt?.toISOString() ?? null;
  snapshot.validatedBy = activity.validatedBy;
  snapshot.archivedAt = activity.archivedAt?.toISOString() ?? null;
  snapshot.dpiaDecision = activity.dpiaDecision;
  snapshot.dpiaAssessment = activity.dpiaAssessment;
  snapshot.templateId = activity.templateId;
  snapshot.templateVersion = activity.templateVersion;
  return snapshot;
}

/** Every version of every entry is kept, with who made it, when, and what changed. */
@Injectable()
export class ActivityHistoryService {
  constructor(private readonly tx: Transactions) {}

  /** Records the entry's current version, in the transaction that made it. */
  async record(
    manager: EntityManager,
    ctx: RequestContext,
    activity: ProcessingActivity,
    action: VersionAction,
    changedFields: readonly string[],
    note: string | null = null,
  ): Promise<void> {
    const row: Omit<ProcessingActivityVersion, 'id'> = {
      activityId: activity.id,
      organisationId: activity.organisationId,
      version: activity.version,
      action,
      status: activity.status,
      changedFields: [...changedFields],
      note,
      snapshot: snapshotOf(activity),
      actorId: ctx.userId,
      at: new Date(),
    };
    // jsonb `snapshot` is typed loosely by TypeORM's partial-entity type; the value is plain JSON.
    await manager.insert(ProcessingActivityVersion, row as QueryDeepPartialEntity<ProcessingActivityVersion>);
  }

  /** The versions of an entry the caller may read, newest first. */
  async list(ctx: RequestContext, activityId: string): Promise<{ items: HistoryEntry[] }> {
    const db = scoped(this.tx.reader, ctx);
    await db.visibleOrFail('ProcessingActivity', ProcessingActivity, activityId, {
      label: 'Processing activity',
    });
    // A version belongs to its entry's organisation: read as the entry is, under the same scope.
    const versions = await db.find('ProcessingActivity', ProcessingActivityVersion, {
      select: {
        version: true,
        at: true,
        actorId: true,
        action: true,
        status: true,
        changedFields: true,
        note: true,
      },
      where: { activityId },
      order: { version: 'DESC' },
    });
    const names = await this.actorNames(versions.map((v) => v.actorId));
    return {
      items: versions.map((v) => ({
        version: v.version,
        at: v.at,
        actorId: v.actorId,
        actorName: v.actorId ? (names.get(v.actorId) ?? null) : null,
        action: v.action,
        status: v.status,
        changedFields: v.changedFields,
        changedFieldLabels: v.changedFields.map((field) => FIELD_LABELS[field] ?? field),
        note: v.note,
      })),
    };
  }

  /** One version with the entry as it was. */
  async get(
    ctx: RequestContext,
    activityId: string,
    version: number,
  ): Promise<HistoryEntry & { snapshot: Record<string, unknown> }> {
    const db = scoped(this.tx.reader, ctx);
    await db.visibleOrFail('ProcessingActivity', ProcessingActivity, activityId, {
      label: 'Processing activity',
    });
    const row = await db.findOneBy('ProcessingActivity', ProcessingActivityVersion, { activityId, version });
    if (!row) throw new NotFoundException('Version');
    const names = await this.actorNames([row.actorId]);
    return {
      version: row.version,
      at: row.at,
      actorId: row.actorId,
      actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
      action: row.action,
      status: row.status,
      changedFields: row.changedFields,
      changedFieldLabels: row.changedFields.map((field) => FIELD_LABELS[field] ?? field),
      note: row.note,
      snapshot: row.snapshot,
    };
  }

  private async actorNames(ids: (string | null)[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter((id): id is string => !!id))];
    if (unique.length === 0) return new Map();
    const users = await unscoped(
      this.tx.reader,
      'display names of the actors of a visible entry’s history',
    ).find(User, {
      select: { id: true, displayName: true },
      where: { id: In(unique) },
    });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }
}
