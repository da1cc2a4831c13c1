import { Injectable } from '@nestjs/common';
import { assertCan, canInOrganisation, findVisibleOrFail, scopedQuery } from '@vigie/authz';
import { Deployment, DeploymentsService } from '@vigie/catalog';
import { Action } from '@vigie/authz';
import {
  assertNoNulls,
  ConflictException,
  FieldError,
  ForbiddenActionException,
  NotFoundException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { assertVersion, Transactions } from '@vigie/db';
import { EntityManager, In } from 'typeorm';
import { dpiaOf, detailedView, ProcessingActivityView, summaryView, todayInParis } from './activity-view';
import {
  ActivityContent,
  changedFields,
  CONTENT_FIELDS,
  contentOf,
  ContentField,
  unique,
} from './activity-content';
import { ActivityHistoryService } from './activity-history.service';
import {
  CreateProcessingActivityDto,
  DpiaDecisionDto,
  UpdateProcessingActivityDto,
} from './processing-activity.dto';
import { ProcessingActivity } from './processing-activity.entity';
import { VersionAction } from './processing-activity-version.entity';
import { checkRegisterRules } from './register-rules';

const LABEL = 'Processing activity';
export const BACK_TO_DRAFT_NOTE =
  'Retour au brouillon : la fiche validée a été modifiée ; elle doit être validée à nouveau par le DPO.';

export interface ActivityListQuery extends PageQuery {
  status?: string;
  overdue?: boolean;
  /** Text the name contains. */
  q?: string;
}

/** Options of an insertion made by the service itself (demo data, imports, templates). */
export interface InsertOptions {
  templateId?: string | null;
  templateVersion?: number | null;
  action?: VersionAction;
  note?: string | null;
  /** System work (demo data): the deployment check reads without the caller's scope. */
  system?: boolean;
}

/** Fills the lists a payload left out and keeps each key once. */
export function normaliseContent(dto: CreateProcessingActivityDto): ActivityContent {
  return {
    name: dto.name,
    description: dto.description || null,
    applicationIds: unique(dto.applicationIds ?? []),
    purposes: dto.purposes.map((p) => ({ ...p })),
    dataSubjects: unique(dto.dataSubjects),
    dataCategories: dto.dataCategories.map((c) => ({ ...c })),
    specialCategories: (dto.specialCategories ?? []).map((s) => ({ ...s })),
    recipients: (dto.recipients ?? []).map((r) => ({ ...r })),
    transfers: (dto.transfers ?? []).map((t) => ({ ...t })),
    securityMeasures: dto.securityMeasures ?? [],
    dpiaCriteria: unique(dto.dpiaCriteria ?? []),
    cnilListItems: unique(dto.cnilListItems ?? []),
    art35Cases: unique(dto.art35Cases ?? []),
    reviewDate: dto.reviewDate ?? null,
  };
}

/** The fields a partial payload sets, normalised like a full one. */
function normalisePatch(dto: UpdateProcessingActivityDto): Partial<ActivityContent> {
  const patch: Partial<ActivityContent> = {};
  const full = normaliseContent({
    purposes: [],
    dataSubjects: [],
    dataCategories: [],
    ...dto,
    name: dto.name ?? '',
  } as CreateProcessingActivityDto);
  for (const field of CONTENT_FIELDS) {
    if ((dto as Record<string, unknown>)[field] !== undefined)
      (patch as Record<string, unknown>)[field] = full[field];
  }
  return patch;
}

/** A year after `date` (YYYY-MM-DD), 29 February giving 28 February. */
export function oneYearAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year + 1, month - 1, day));
  if (next.getUTCMonth() !== month - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/**
 * A member's register of processing activities: editors write drafts, readers read, the DPO validates and
 * archives; operator roles and vendor contacts see nothing of it (404). Every change is a new version.
 */
@Injectable()
export class ProcessingActivitiesService {
  constructor(
    private readonly tx: Transactions,
    private readonly history: ActivityHistoryService,
    private readonly deployments: DeploymentsService,
  ) {}

  /** 404 when the caller may not read this member's register, 403 when they may read but not `action`. */
  assertRegister(ctx: RequestContext, organisationId: string, action: Action): void {
    if (!canInOrganisation(ctx, 'read', 'ProcessingActivity', organisationId)) {
      throw new NotFoundException('Register');
    }
    if (action !== 'read' && !canInOrganisation(ctx, action, 'ProcessingActivity', organisationId)) {
      throw new ForbiddenActionException();
    }
  }

  async create(
    ctx: RequestContext,
    organisationId: string,
    dto: CreateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    this.assertRegister(ctx, organisationId, 'create');
    return this.tx.run(async (manager) =>
      detailedView(manager, await this.insert(manager, ctx, organisationId, normaliseContent(dto))),
    );
  }

  /** Checks and inserts a draft entry with its first version and audit event (permissions checked by callers). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    content: ActivityContent,
    options: InsertOptions = {},
  ): Promise<ProcessingActivity> {
    const errors = await this.check(
      manager,
      ctx,
      organisationId,
      content,
      content.applicationIds,
      options.system,
    );
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
   * The register rules and the applications: each application newly referred to must be deployed for the
   * member (one query for all of them).
   */
  async check(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    content: Partial<ActivityContent>,
    newApplicationIds: readonly string[],
    system = false,
  ): Promise<FieldError[]> {
    const errors = checkRegisterRules(content);
    if (newApplicationIds.length > 0) {
      const deployed = system
        ? new Set(
            (
              await manager.find(Deployment, {
                select: { applicationId: true },
                where: { organisationId, applicationId: In([...newApplicationIds]) },
              })
            ).map((d) => d.applicationId),
          )
        : await this.deployments.deployedFor(manager, ctx, organisationId, newApplicationIds);
      const missing = newApplicationIds.filter((id) => !deployed.has(id));
      if (missing.length > 0) {
        errors.push({
          field: 'applicationIds',
          message: `not deployed for this member: ${missing.join(', ')}`,
        });
      }
    }
    return errors;
  }

  async list(
    ctx: RequestContext,
    organisationId: string,
    query: ActivityListQuery,
  ): Promise<Page<ProcessingActivityView>> {
    this.assertRegister(ctx, organisationId, 'read');
    const today = todayInParis();
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'ProcessingActivity', ProcessingActivity, 'p')
      .andWhere('p.organisationId = :organisationId', { organisationId })
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .skip(query.offset)
      .take(query.pageSize);
    if (query.q?.trim()) {
      const text = query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
      qb.andWhere("p.name ILIKE :text ESCAPE '\\'", { text: `%${text}%` });
    }
    if (query.overdue) {
      qb.andWhere("p.status = 'validated'").andWhere('p.reviewDate < :today', { today });
    } else if (query.status) {
      qb.andWhere('p.status = :status', { status: query.status });
    } else {
      qb.andWhere("p.status <> 'archived'");
    }
    const [items, total] = await qb.getManyAndCount();
    return toPage(
      items.map((item) => summaryView(item, today)),
      total,
      query,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<ProcessingActivityView> {
    const activity = await findVisibleOrFail(
      this.tx.reader,
      ctx,
      'ProcessingActivity',
      ProcessingActivity,
      id,
      {
        label: LABEL,
      },
    );
    return detailedView(this.tx.reader, activity);
  }

  /** Loads an entry for a change: visible (else 404), locked, allowed (else 403), not archived, same version. */
  async loadForChange(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    action: Action,
    version: number | undefined,
    versionRequired: boolean,
  ): Promise<ProcessingActivity> {
    const activity = await findVisibleOrFail(manager, ctx, 'ProcessingActivity', ProcessingActivity, id, {
      lock: true,
      label: LABEL,
    });
    assertCan(ctx, action, 'ProcessingActivity', activity);
    if (activity.status === 'archived')
      throw new ConflictException('This entry is archived and can no longer change');
    if (versionRequired || version !== undefined) assertVersion(LABEL, activity.version, version);
    return activity;
  }

  async update(
    ctx: RequestContext,
    id: string,
    dto: UpdateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    assertNoNulls(dto, ['description', 'reviewDate']);
    return this.tx.run(async (manager) => {
      const activity = await this.loadForChange(manager, ctx, id, 'update', dto.version, true);
      const before = contentOf(activity);
      const next: ActivityContent = { ...before, ...normalisePatch(dto) };
      await this.applyChange(manager, ctx, activity, next, 'update');
      return detailedView(manager, activity);
    });
  }

  /**
   * Writes new content into a loaded entry: checks it, puts a validated entry back to draft (and says so in
   * its history), saves, records the version and the audit event. Nothing happens when nothing changed.
   */
  async applyChange(
    manager: EntityManager,
    ctx: RequestContext,
    activity: ProcessingActivity,
    next: ActivityContent,
    action: VersionAction,
    extra: { note?: string; fields?: Partial<ProcessingActivity> } = {},
  ): Promise<boolean> {
    const before = contentOf(activity);
    const changed: string[] = changedFields(before, next, CONTENT_FIELDS);
    const extraFields = Object.keys(extra.fields ?? {}) as (keyof ProcessingActivity)[];
    const extraChanged = extraFields.filter((field) => activity[field] !== extra.fields![field]);
    if (changed.length === 0 && extraChanged.length === 0) return false;
    const added = next.applicationIds.filter((id) => !before.applicationIds.includes(id));
    const errors = await this.check(manager, ctx, activity.organisationId, next, added);
    if (errors.length > 0) throw invalid(errors);
    const snapshot = { ...activity };
    const notes = extra.note ? [extra.note] : [];
    Object.assign(activity, next, extra.fields ?? {});
    activity.updatedBy = ctx.userId;
    if (snapshot.status === 'validated' && changed.length > 0) {
      activity.status = 'draft';
      changed.push('status');
      notes.push(BACK_TO_DRAFT_NOTE);
    }
    await manager.save(activity);
    await this.history.record(
      manager,
      ctx,
      activity,
      action,
      [...changed, ...extraChanged.map(String)],
      notes.join(' ') || null,
    );
    await recordAudit(manager, ctx, {
      action: `processing-activity.${action}`,
      entity: 'processing-activity',
      entityId: activity.id,
      organisationId: activity.organisationId,
      before: snapshot,
      after: activity,
    });
    return true;
  }

  /** The DPO validates a draft; without a future review date, the review falls a year later. */
  async validate(ctx: RequestContext, id: string, version?: number): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const activity = await this.loadForChange(manager, ctx, id, 'validate', version, false);
      if (activity.status === 'validated') throw new ConflictException('This entry is already validated');
      await this.markValidated(manager, ctx, activity);
      return detailedView(manager, activity);
    });
  }

  /** Validates a loaded draft, records the version and the audit event (permissions checked by callers). */
  async markValidated(
    manager: EntityManager,
    ctx: RequestContext,
    activity: ProcessingActivity,
  ): Promise<void> {
    const before = { ...activity };
    const now = new Date();
    const today = todayInParis(now);
    const changed: ContentField[] = [];
    activity.status = 'validated';
    activity.validatedAt = now;
    activity.validatedBy = ctx.userId;
    activity.updatedBy = ctx.userId;
    if (!activity.reviewDate || activity.reviewDate <= today) {
      activity.reviewDate = oneYearAfter(today);
      changed.push('reviewDate');
    }
    await manager.save(activity);
    await this.history.record(
      manager,
      ctx,
      activity,
      'validate',
      ['status', ...changed],
      'Fiche validée par le DPO.',
    );
    await recordAudit(manager, ctx, {
      action: 'processing-activity.validate',
      entity: 'processing-activity',
      entityId: activity.id,
      organisationId: activity.organisationId,
      before,
      after: activity,
    });
  }

  /** DELETE archives: the entry stays readable, with its history, and leaves the list of current entries. */
  async archive(ctx: RequestContext, id: string, version?: number): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const activity = await this.loadForChange(manager, ctx, id, 'delete', version, false);
      const before = { ...activity };
      activity.status = 'archived';
      activity.archivedAt = new Date();
      activity.updatedBy = ctx.userId;
      await manager.save(activity);
      await this.history.record(manager, ctx, activity, 'archive', ['status'], 'Fiche archivée.');
      await recordAudit(manager, ctx, {
        action: 'processing-activity.archive',
        entity: 'processing-activity',
        entityId: activity.id,
        organisationId: activity.organisationId,
        before,
        after: activity,
      });
      return detailedView(manager, activity);
    });
  }

  /** The DPO records a reasoned decision not to carry out a DPIA the screening found required. */
  async recordDpiaDecision(
    ctx: RequestContext,
    id: string,
    dto: DpiaDecisionDto,
  ): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const activity = await this.loadForChange(manager, ctx, id, 'validate', dto.version, false);
      const screening = dpiaOf({ ...activity, dpiaDecision: null });
      if (!screening.required) {
        throw new ConflictException(
          'The screening does not require a DPIA for this entry: there is nothing to decide',
        );
      }
      const before = { ...activity };
      activity.dpiaDecision = {
        outcome: 'not-carried-out',
        reason: dto.reason,
        decidedAt: new Date().toISOString(),
        decidedBy: ctx.userId,
        decidedByName: ctx.actor?.displayName ?? null,
        criteria: screening.criteria.map((c) => c.key),
      };
      activity.updatedBy = ctx.userId;
      await manager.save(activity);
      await this.history.record(
        manager,
        ctx,
        activity,
        'dpia-decision',
        ['dpiaDecision'],
        "Décision motivée du DPO de ne pas mener d'AIPD.",
      );
      await recordAudit(manager, ctx, {
        action: 'processing-activity.dpia-decision',
        entity: 'processing-activity',
        entityId: activity.id,
        organisationId: activity.organisationId,
        before,
        after: activity,
      });
      return detailedView(manager, activity);
    });
  }
}

function invalid(errors: FieldError[]): ValidationException {
  return new ValidationException(
    errors
      .slice(0, 3)
      .map((e) => `${e.field}: ${e.message}`)
      .join('; '),
    errors,
  );
}
