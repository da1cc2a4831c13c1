import { Injectable } from '@nestjs/common';
import { assertCan, assertRegisterAccess, findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import { DeploymentsService } from '@vigie/catalog';
import { Action } from '@vigie/authz';
import {
  assertNoNulls,
  ConflictException,
  DomainException,
  ErrorCode,
  FieldError,
  nextWorkingDay,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
  pageOffset,
} from '@vigie/core';
import { assertVersion, Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { derogationKeyOf, safeguardKeyOf, TRANSFER_SAFEGUARDS } from '@vigie/reference-data';
import { EntityManager } from 'typeorm';
import { DATA_CATEGORY_LABELS, labelOf, NIR_CATEGORY } from '../data/register-labels';
import { dpiaOf, detailedView, ProcessingActivityView, summaryView, todayInParis } from './activity-view';
import {
  ActivityContent,
  changedFields,
  CONTENT_FIELDS,
  contentOf,
  ContentField,
  NirUse,
  Transfer,
  unique,
} from './activity-content';
import { checkDpiaAssessment, DpiaAssessment, dpiaValidationError } from './dpia-assessment';
import { ActivityHistoryService } from './activity-history.service';
import {
  CreateProcessingActivityDto,
  DpiaAssessmentDto,
  DpiaDecisionDto,
  UpdateProcessingActivityDto,
} from './processing-activity.dto';
import { ProcessingActivity } from './processing-activity.entity';
import { VersionAction } from './processing-activity-version.entity';
import { checkRegisterRules, nirOf, RuleContext, RuleInput } from './register-rules';

const LABEL = 'Processing activity';
export const BACK_TO_DRAFT_NOTE =
  'Retour au brouillon : la fiche validée a été modifiée ; elle doit être validée à nouveau par le DPO.';

/** The orders a register list may take: a field, descending with a leading `-`. */
export const ACTIVITY_SORTS = [
  'name',
  '-name',
  'status',
  '-status',
  'reviewDate',
  '-reviewDate',
  'updatedAt',
  '-updatedAt',
] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];
/** DPIA filters: the screening requires one, does not, or a DPIA is recorded as done. */
export const ACTIVITY_DPIA_FILTERS = ['required', 'not-required', 'done'] as const;
export type ActivityDpiaFilter = (typeof ACTIVITY_DPIA_FILTERS)[number];

const SORT_COLUMNS: Record<string, string> = {
  name: 'p.name',
  status: 'p.status',
  reviewDate: 'p.reviewDate',
  updatedAt: 'p.updatedAt',
};

export interface ActivityListQuery extends PageQuery {
  status?: string;
  overdue?: boolean;
  /** Text the name contains. */
  q?: string;
  sort?: ActivitySort;
  dpia?: ActivityDpiaFilter;
  /** Entries using this catalog application. */
  applicationId?: string;
}

/** Options of an insertion made by the service itself (demo data, imports, templates). */
export interface InsertOptions {
  templateId?: string | null;
  templateVersion?: number | null;
  action?: VersionAction;
  note?: string | null;
  /** A DPIA already carried out (demo data). */
  dpiaAssessment?: DpiaAssessment | null;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** A transfer with its safeguard as a key of the list; an older free text is kept as the precision. */
export function normaliseTransfer(transfer: Transfer): Transfer {
  const text = transfer.safeguard?.trim();
  const key = safeguardKeyOf(text);
  // A text that only names the safeguard (its key, its label or the start of it) is no precision.
  const label = TRANSFER_SAFEGUARDS.find((s) => s.key === key)?.label;
  const listed = !!text && (text === key || (!!label && fold(label).startsWith(fold(text))));
  const derogation =
    derogationKeyOf(transfer.derogation) ??
    (key === 'derogation' && text ? /49\.?\s?1\.?\s?([a-g])\b/i.exec(text)?.[1]?.toLowerCase() : undefined) ??
    (transfer.derogation?.trim() || undefined);
  const detail = transfer.safeguardDetail?.trim() || (text && !listed ? text : undefined);
  return {
    recipient: transfer.recipient,
    ...(transfer.country ? { country: transfer.country } : {}),
    ...(transfer.internationalOrganisation ? { internationalOrganisation: true } : {}),
    ...(key ? { safeguard: key } : {}),
    ...(derogation ? { derogation } : {}),
    ...(detail ? { safeguardDetail: detail } : {}),
  };
}

/** The NIR as stored: `used`, then its ground and reference when given. */
function normaliseNir(nir: NirUse | null): NirUse | null {
  if (!nir) return null;
  return {
    used: nir.used,
    ...(nir.legalGround ? { legalGround: nir.legalGround } : {}),
    ...(nir.reference?.trim() ? { reference: nir.reference.trim() } : {}),
    ...(nir.legacyCondition ? { legacyCondition: nir.legacyCondition } : {}),
  };
}

/**
 * Fills the lists a payload left out and keeps each key once; reads an older payload's `specialCategories`
 * item `nir` into `nir`, and a free-text safeguard as its key.
 */
export function normaliseContent(dto: CreateProcessingActivityDto): ActivityContent {
  const specials = dto.specialCategories ?? [];
  return {
    name: dto.name,
    description: dto.description || null,
    applicationIds: unique(dto.applicationIds ?? []),
    purposes: (dto.purposes ?? []).map((p) => ({ ...p })),
    dataSubjects: unique(dto.dataSubjects ?? []),
    dataCategories: (dto.dataCategories ?? []).map((c) => ({ ...c })),
    specialCategories: specials.filter((s) => s.category !== NIR_CATEGORY).map((s) => ({ ...s })),
    nir: normaliseNir(nirOf({ nir: dto.nir, specialCategories: specials })),
    recipients: (dto.recipients ?? []).map((r) => ({ ...r })),
    transfers: (dto.transfers ?? []).map(normaliseTransfer),
    securityMeasures: dto.securityMeasures ?? [],
    dpiaCriteria: unique(dto.dpiaCriteria ?? []),
    cnilListItems: unique(dto.cnilListItems ?? []),
    art35Cases: unique(dto.art35Cases ?? []),
    cnilExemptionItem: dto.cnilExemptionItem ?? null,
    reviewDate: dto.reviewDate ?? null,
  };
}

/**
 * What Art. 30.1 still needs before the DPO validates an entry (a draft may be partial): at least one purpose,
 * each with its legal basis; the data subjects; the data categories, each with its retention and final fate;
 * the NIR's legal ground when the NIR is used.
 */
export function missingForValidation(content: ActivityContent): FieldError[] {
  const missing: FieldError[] = [];
  if (content.purposes.length === 0) {
    missing.push({
      field: 'purposes',
      message: 'Art. 30.1.b du RGPD : indiquez au moins une finalité du traitement, avec sa base légale',
    });
  }
  content.purposes.forEach((purpose, index) => {
    if (!purpose.legalBasis) {
      missing.push({
        field: `purposes.${index}.legalBasis`,
        message: `Art. 6.1 et 30.1.b du RGPD : indiquez la base légale de la finalité « ${purpose.description} »`,
      });
    }
  });
  if (content.dataSubjects.length === 0) {
    missing.push({
      field: 'dataSubjects',
      message: 'Art. 30.1.c du RGPD : indiquez les catégories de personnes concernées',
    });
  }
  if (content.dataCategories.length === 0) {
    missing.push({
      field: 'dataCategories',
      message:
        'Art. 30.1.c du RGPD : indiquez les catégories de données, avec leur durée de conservation et leur sort final',
    });
  }
  content.dataCategories.forEach((item, index) => {
    const category = { ...item, category: labelOf(DATA_CATEGORY_LABELS, item.category) };
    if (!category.retention?.trim()) {
      missing.push({
        field: `dataCategories.${index}.retention`,
        message: `Art. 30.1.f du RGPD : indiquez la durée de conservation de « ${category.category} »`,
      });
    }
    if (!category.finalFate) {
      missing.push({
        field: `dataCategories.${index}.finalFate`,
        message: `indiquez le sort final de « ${category.category} » au terme de sa conservation (destruction, versement aux archives publiques ou tri ; code du patrimoine, art. L. 212-2 et L. 212-3)`,
      });
    }
  });
  if (content.nir?.used && !content.nir.legalGround) {
    missing.push({
      field: 'nir.legalGround',
      message:
        "Art. 30 de la loi n° 78-17 : indiquez le fondement de l'usage du NIR (décret n° 2019-341 et l'item utilisé, ou le texte qui l'autorise)",
    });
  }
  return missing;
}

/**
 * The rules' view of the payload as sent, with its own indexes (before an older `nir` special category leaves
 * the list): only the fields sent, so that a change is not refused for a stored value it does not touch
 * (validation checks the whole entry).
 */
function rawRuleInput(dto: UpdateProcessingActivityDto): RuleInput {
  return {
    purposes: dto.purposes,
    specialCategories: dto.specialCategories,
    nir: dto.nir,
    transfers: dto.transfers,
  };
}

/** The rule fields among `fields`, taken from `content`. */
function ruleFieldsOf(content: ActivityContent, fields: readonly string[]): RuleInput {
  const input: RuleInput = {};
  if (fields.includes('purposes')) input.purposes = content.purposes;
  if (fields.includes('specialCategories')) input.specialCategories = content.specialCategories;
  if (fields.includes('nir')) input.nir = content.nir;
  if (fields.includes('transfers')) input.transfers = content.transfers;
  return input;
}

/** The fields a partial payload sets, normalised like a full one. */
function normalisePatch(dto: UpdateProcessingActivityDto): Partial<ActivityContent> {
  const patch: Partial<ActivityContent> = {};
  const full = normaliseContent({ ...dto, name: dto.name ?? '' } as CreateProcessingActivityDto);
  for (const field of CONTENT_FIELDS) {
    if ((dto as Record<string, unknown>)[field] !== undefined)
      (patch as Record<string, unknown>)[field] = full[field];
  }
  // An older payload's special category `nir` sets the NIR when the field itself is not sent.
  if (dto.nir === undefined && dto.specialCategories !== undefined && full.nir) patch.nir = full.nir;
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
    assertRegisterAccess(ctx, 'ProcessingActivity', organisationId, action, 'Register');
  }

  async create(
    ctx: RequestContext,
    organisationId: string,
    dto: CreateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    this.assertRegister(ctx, organisationId, 'create');
    return this.tx.run(async (manager) => {
      const context = await this.ruleContext(manager, organisationId);
      const errors = checkRegisterRules(rawRuleInput(dto), context);
      if (errors.length > 0) throw invalid(errors);
      return detailedView(manager, await this.insert(manager, ctx, organisationId, normaliseContent(dto)));
    });
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
    const errors = checkRegisterRules(content, await this.ruleContext(manager, organisationId));
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
  async ruleContext(manager: EntityManager, organisationId: string): Promise<RuleContext> {
    const organisation = await unscoped(
      manager,
      'the kind of the register keeper, whose register access the caller checked',
    ).findOne(Organisation, {
      select: { id: true, kind: true },
      where: { id: organisationId },
    });
    return { memberBody: organisation?.kind === 'member' };
  }

  async list(
    ctx: RequestContext,
    organisationId: string,
    query: ActivityListQuery,
  ): Promise<Page<ProcessingActivityView>> {
    this.assertRegister(ctx, organisationId, 'read');
    const today = todayInParis();
    const sort = query.sort ?? 'name';
    const descending = sort.startsWith('-');
    const column = SORT_COLUMNS[descending ? sort.slice(1) : sort] ?? 'p.name';
    const direction = descending ? 'DESC' : 'ASC';
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'ProcessingActivity', ProcessingActivity, 'p')
      .andWhere('p.organisationId = :organisationId', { organisationId })
      // Entries without a review date come last either way; ties in name order, then by id (a stable page).
      .orderBy(column, direction, column === 'p.reviewDate' ? 'NULLS LAST' : undefined);
    if (column !== 'p.name') qb.addOrderBy('p.name', 'ASC');
    qb.addOrderBy('p.id', 'ASC');
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
    if (query.applicationId) {
      qb.andWhere('p.applicationIds @> ARRAY[:applicationId]::uuid[]', {
        applicationId: query.applicationId,
      });
    }
    if (query.dpia === 'done') {
      qb.andWhere("p.dpiaAssessment ->> 'status' = 'done'");
    }
    if (query.dpia === 'required' || query.dpia === 'not-required') {
      // Whether a DPIA is required is the screening's conclusion, computed from the entry's content (it is not
      // stored): the member's matching entries are screened, then the page is cut from those that match.
      const wanted = query.dpia === 'required';
      const screened = (await qb.getMany())
        .map((item) => summaryView(item, today))
        .filter((view) => view.dpia.required === wanted);
      const offset = pageOffset(query);
      return toPage(screened.slice(offset, offset + query.pageSize), screened.length, query);
    }
    const [items, total] = await qb.skip(pageOffset(query)).take(query.pageSize).getManyAndCount();
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
      throw new ConflictException('Cette fiche est archivée et ne peut plus être modifiée', 'state');
    if (versionRequired || version !== undefined) assertVersion(LABEL, activity.version, version);
    return activity;
  }

  async update(
    ctx: RequestContext,
    id: string,
    dto: UpdateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    assertNoNulls(dto, ['description', 'reviewDate', 'cnilExemptionItem', 'nir']);
    return this.tx.run(async (manager) => {
      const activity = await this.loadForChange(manager, ctx, id, 'update', dto.version, true);
      const before = contentOf(activity);
      const errors = checkRegisterRules(
        rawRuleInput(dto),
        await this.ruleContext(manager, activity.organisationId),
      );
      if (errors.length > 0) throw invalid(errors);
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
    // Only what changes is checked here: a stored value written before a rule existed is asked for at validation.
    const errors = await this.check(
      manager,
      ctx,
      activity.organisationId,
      ruleFieldsOf(next, changed),
      added,
    );
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
      if (activity.status === 'validated')
        throw new ConflictException('Cette fiche est déjà validée', 'state');
      const context = await this.ruleContext(manager, activity.organisationId);
      const content = contentOf(activity);
      const errors = [...missingForValidation(content), ...checkRegisterRules(content, context)];
      const dpia = dpiaValidationError(dpiaOf(activity), activity.dpiaAssessment);
      if (dpia) errors.push(dpia);
      if (errors.length > 0) throw notValidatable(errors);
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
      // A year later, moved to the next working day (Regulation 1182/71, art. 3.4).
      activity.reviewDate = nextWorkingDay(oneYearAfter(today));
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
          'L’analyse préalable ne requiert pas d’AIPD pour cette fiche : il n’y a rien à décider',
          'state',
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

  /**
   * The DPO records the DPIA carried out (in progress or done), replacing the previous record. A DPIA done lifts
   * the block on validating an entry whose screening requires one. Nothing is written when nothing changed.
   */
  async recordDpiaAssessment(
    ctx: RequestContext,
    id: string,
    dto: DpiaAssessmentDto,
  ): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const activity = await this.loadForChange(manager, ctx, id, 'validate', dto.version, true);
      const today = todayInParis();
      const completedAt = dto.completedAt ?? (dto.status === 'done' ? today : undefined);
      const errors = checkDpiaAssessment({ ...dto, completedAt }, today);
      if (errors.length > 0) throw invalid(errors);
      const content = {
        status: dto.status,
        ...(dto.startedAt ? { startedAt: dto.startedAt } : {}),
        ...(completedAt ? { completedAt } : {}),
        ...(dto.reference ? { reference: dto.reference } : {}),
        ...(dto.residualRisk ? { residualRisk: dto.residualRisk } : {}),
        ...(typeof dto.priorConsultation === 'boolean' ? { priorConsultation: dto.priorConsultation } : {}),
        ...(dto.conclusion ? { conclusion: dto.conclusion } : {}),
      };
      const previous = activity.dpiaAssessment;
      if (previous) {
        const { recordedAt: _at, recordedBy: _by, recordedByName: _name, ...kept } = previous;
        if (changedFields({ a: kept }, { a: content }, ['a']).length === 0) {
          return detailedView(manager, activity);
        }
      }
      const before = { ...activity };
      const assessment: DpiaAssessment = {
        ...content,
        recordedAt: new Date().toISOString(),
        recordedBy: ctx.userId,
        recordedByName: ctx.actor?.displayName ?? null,
      };
      activity.dpiaAssessment = assessment;
      activity.updatedBy = ctx.userId;
      await manager.save(activity);
      await this.history.record(
        manager,
        ctx,
        activity,
        'dpia-assessment',
        ['dpiaAssessment'],
        assessment.status === 'done' ? 'AIPD réalisée enregistrée.' : 'AIPD en cours enregistrée.',
      );
      await recordAudit(manager, ctx, {
        action: 'processing-activity.dpia-assessment',
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

function notValidatable(errors: FieldError[]): DomainException {
  const detail =
    errors.length === 1 && errors[0].field === 'dpiaAssessment'
      ? errors[0].message
      : `La fiche ne peut pas être validée : ${errors
          .slice(0, 3)
          .map((e) => e.message)
          .join(' ; ')}${errors.length > 3 ? ` (et ${errors.length - 3} autre(s) point(s))` : ''}`;
  return new DomainException(ErrorCode.Conflict, detail, errors);
}

function invalid(errors: FieldError[]): ValidationException {
  return new ValidationException(
    errors
      .slice(0, 3)
      .map((e) => `${e.field} : ${e.message}`)
      .join(' ; '),
    errors,
  );
}
