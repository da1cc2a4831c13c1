import { Injectable } from '@nestjs/common';
import { Action, assertRegisterAccess, auditedChange, scoped } from '@vigie/authz';
import { DeploymentsService } from '@vigie/catalog';
import { ConflictException, FieldError, recordAudit, RequestContext } from '@vigie/core';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { ActivityContent, changedFields, CONTENT_FIELDS, contentOf } from './activity-content';
import { ActivityHistoryService } from './activity-history.service';
import { ruleFieldsOf } from './activity-normalise';
import { invalid } from './activity-validation';
import { DpiaAssessment } from './dpia-assessment';
import { ProcessingActivity } from './processing-activity.entity';
import { VersionAction } from './processing-activity-version.entity';
import { checkRegisterRules, RuleContext } from './register-rules';

export const ACTIVITY_LABEL = 'Processing activity';
export const BACK_TO_DRAFT_NOTE =
  'Retour au brouillon : la fiche validée a été modifiée ; elle doit être validée à nouveau par le DPO.';

/** Options of an insertion made by the service itself (demo data, imports, templates). */
export interface InsertOptions {
  templateId?: string | null;
  templateVersion?: number | null;
  action?: VersionAction;
  note?: string | null;
  /** A DPIA already carried out (demo data). */
  dpiaAssessment?: DpiaAssessment | null;
}

/** What a change wrote into an entry: the fields of its history version and the version's note. */
export interface RecordedChange {
  fields: string[];
  note: string | null;
}

/** One change of an entry, run by {@link ActivityChanges.change}. */
export interface ActivityChange {
  id: string;
  /** The permission the change needs (403 otherwise). */
  action: Action;
  /** The version the client read last: missing is a 400, stale a 409. */
  version: number | undefined;
  /** The history version's action, also the audit event's (`processing-activity.<action>`). */
  versionAction: VersionAction;
  /** Changes the locked entry and says what changed, or `false` when nothing did (nothing is written). */
  apply: (activity: ProcessingActivity) => RecordedChange | false | Promise<RecordedChange | false>;
}

/** An archived entry is read-only: every change answers this 409, whatever version was sent. */
function assertNotArchived(activity: ProcessingActivity): void {
  if (activity.status === 'archived')
    throw new ConflictException('Cette fiche est archivée et ne peut plus être modifiée', 'state');
}

/**
 * The writes every register change shares: inserting a draft, changing an entry through `auditedChange()`
 * (visible, locked, allowed, not archived, same version, then a history version and the audit event), and
 * the register rules checked on what changes.
 */
@Injectable()
export class ActivityChanges {
  constructor(
    private readonly history: ActivityHistoryService,
    private readonly deployments: DeploymentsService,
  ) {}

  /** 404 when the caller may not read this member's register, 403 when they may read but not `action`. */
  assertRegister(ctx: RequestContext, organisationId: string, action: Action): void {
    assertRegisterAccess(ctx, 'ProcessingActivity', organisationId, action, 'Register');
  }

  /** Checks and inserts a draft entry with its first version and audit event (permissions checked by callers). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    content: ActivityContent,
    options: InsertOptions = {},
  ): Promise<ProcessingActivity> {
    const errors = await this.check(manager, ctx, organisationId, content, content.applicationIds);
    if (errors.length > 0) throw invalid(errors);
    const activity = manager.create(ProcessingActivity, {
      ...content,
      organisationId,
      status: 'draft',
      templateId: options.templateId ?? null,
      templateVersion: options.templateVersion ?? null,
      validatedAt: null,
      validatedBy: null,
      archivedAt: null,
      dpiaDecision: null,
      dpiaAssessment: options.dpiaAssessment ?? null,
      createdBy: ctx.userId,
      updatedBy: ctx.userId,
    });
    await manager.save(activity);
    const filled = CONTENT_FIELDS.filter((field) => {
      const value = content[field];
      return value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
    });
    await this.history.record(
      manager,
      ctx,
      activity,
      options.action ?? 'create',
      filled,
      options.note ?? null,
    );
    await recordAudit(manager, ctx, {
      action: 'processing-activity.create',
      entity: 'processing-activity',
      entityId: activity.id,
      organisationId,
      before: null,
      after: activity,
    });
    return activity;
  }

  /**
   * Changes an entry through `auditedChange()`: 404 for the invisible, 403 without `action`, 409 when archived,
   * 400 without a version and 409 when stale; then `apply`, the save, the history version and the audit event.
   * `changed` is false when `apply` found nothing to change (nothing was written).
   */
  async change(
    manager: EntityManager,
    ctx: RequestContext,
    change: ActivityChange,
  ): Promise<{ activity: ProcessingActivity; changed: boolean }> {
    let recorded: RecordedChange | false = false;
    const activity = await auditedChange(manager, ctx, {
      subject: 'ProcessingActivity',
      entity: ProcessingActivity,
      id: change.id,
      label: ACTIVITY_LABEL,
      action: change.action,
      version: change.version,
      audit: { action: `processing-activity.${change.versionAction}`, entity: 'processing-activity' },
      precondition: assertNotArchived,
      apply: async (row) => {
        recorded = await change.apply(row);
        if (recorded === false) return false;
        row.updatedBy = ctx.userId;
      },
      history: (m, row) => {
        const { fields, note } = recorded as RecordedChange;
        return this.history.record(m, ctx, row, change.versionAction, fields, note);
      },
    });
    return { activity, changed: recorded !== false };
  }

  /**
   * Writes new content into a locked entry (inside {@link change}'s `apply`): checks what changes, puts a
   * validated entry back to draft (and says so in its history). `false` when nothing changed.
   */
  async newContent(
    manager: EntityManager,
    ctx: RequestContext,
    activity: ProcessingActivity,
    next: ActivityContent,
    extra: { note?: string; fields?: Partial<ProcessingActivity> } = {},
  ): Promise<RecordedChange | false> {
    const before = contentOf(activity);
    const changed: string[] = changedFields(before, next, CONTENT_FIELDS);
    const extraFields = Object.keys(extra.fields ?? {}) as (keyof ProcessingActivity)[];
    const extraChanged = extraFields.filter((field) => activity[field] !== extra.fields![field]);
    if (changed.length === 0 && extraChanged.length === 0) return false;
    const added = next.applicationIds.filter((id) => !before.applicationIds.includes(id));
    // Only what changes is checked here: a stored value written before a rule existed is asked for at validation.
    const errors = await this.check(
      manager,
      ctx,
      activity.organisationId,
      ruleFieldsOf(next, changed),
      added,
    );
    if (errors.length > 0) throw invalid(errors);
    const wasValidated = activity.status === 'validated';
    const notes = extra.note ? [extra.note] : [];
    Object.assign(activity, next, extra.fields ?? {});
    if (wasValidated && changed.length > 0) {
      activity.status = 'draft';
      changed.push('status');
      notes.push(BACK_TO_DRAFT_NOTE);
    }
    return { fields: [...changed, ...extraChanged.map(String)], note: notes.join(' ') || null };
  }

  /**
   * The register rules and the applications: each application newly referred to must be deployed for the
   * member (one query for all of them).
   */
  async check(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    content: Partial<ActivityContent>,
    newApplicationIds: readonly string[],
  ): Promise<FieldError[]> {
    const errors = checkRegisterRules(content, await this.ruleContext(manager, ctx, organisationId));
    if (newApplicationIds.length > 0) {
      const deployed = await this.deployments.deployedFor(manager, ctx, organisationId, newApplicationIds);
      const missing = newApplicationIds.filter((id) => !deployed.has(id));
      if (missing.length > 0) {
        errors.push({
          field: 'applicationIds',
          message: `applications non déployées pour ce membre : ${missing.join(', ')}`,
        });
      }
    }
    return errors;
  }

  /** Whether the register's keeper is a member body (a public authority: Art. 6.1, last subparagraph). */
  async ruleContext(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
  ): Promise<RuleContext> {
    const organisation = await scoped(manager, ctx).findOne('Organisation', Organisation, {
      select: { id: true, kind: true },
      where: { id: organisationId },
    });
    return { memberBody: organisation?.kind === 'member' };
  }
}
