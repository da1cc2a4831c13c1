import { notifyBreachRecorded } from '../breach-notices';
import { Injectable } from '@nestjs/common';
import {
  Action,
  assertCan,
  assertRegisterAccess,
  auditedChange,
  findVisibleOrFail,
  scopedQuery,
} from '@vigie/authz';
import { ConflictException, Page, PageQuery, recordAudit, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { changedKeys } from '../common/changes';
import { toDate } from '../common/dto-helpers';
import { invalid, MemberLinks } from '../common/links';
import { breachNotificationDeadline } from '../dates/deadlines';
import { Breach } from './breach.entity';
import { CreateBreachDto, DECISION_FIELDS, UpdateBreachDto } from './breach.dto';
import {
  BreachNature,
  BreachStatus,
  checkBreach,
  RiskLevel,
  transitionConflictKind,
  WaiverGround,
} from './breach-rules';
import { BreachView, breachView, OVERDUE_BREACH_SQL } from './breach-view';

const LABEL = 'Breach';

export interface BreachListQuery extends PageQuery {
  status?: string;
  overdue?: boolean;
}

/** The facts of a new breach, normalised. */
export type BreachFacts = Pick<
  Breach,
  | 'title'
  | 'description'
  | 'awareAt'
  | 'occurredAt'
  | 'natures'
  | 'dataCategories'
  | 'subjectCategories'
  | 'approxSubjects'
  | 'approxRecords'
  | 'likelyConsequences'
  | 'measuresTaken'
  | 'measuresPlanned'
  | 'processingActivityIds'
  | 'applicationIds'
  | 'riskAssessment'
  | 'notes'
>;

/** Where a new breach comes from, when not typed by the member itself. */
export interface BreachOrigin {
  incidentId?: string;
  /** When the processor became aware of the incident. */
  processorAwareAt?: Date;
  processorNotifiedAt?: Date;
}

function factsOf(dto: CreateBreachDto): BreachFacts {
  return {
    title: dto.title,
    description: dto.description,
    awareAt: new Date(dto.awareAt),
    occurredAt: toDate(dto.occurredAt) ?? null,
    natures: dto.natures as BreachNature[],
    dataCategories: dto.dataCategories,
    subjectCategories: dto.subjectCategories ?? [],
    approxSubjects: dto.approxSubjects,
    approxRecords: dto.approxRecords ?? null,
    likelyConsequences: dto.likelyConsequences || null,
    measuresTaken: dto.measuresTaken || null,
    measuresPlanned: dto.measuresPlanned || null,
    processingActivityIds: [...new Set(dto.processingActivityIds ?? [])],
    applicationIds: [...new Set(dto.applicationIds ?? [])],
    riskAssessment: dto.riskAssessment || null,
    notes: dto.notes || null,
  };
}

/** The fields a PATCH sets, in the entity's types (empty texts clear a field). */
function patchOf(dto: UpdateBreachDto): Partial<Breach> {
  const { version: _version, ...fields } = dto;
  const patch: Record<string, unknown> = {};
  const dates = ['awareAt', 'occurredAt', 'cnilNotifiedAt', 'subjectsInformedAt', 'publicCommunicationAt'];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (dates.includes(key)) patch[key] = toDate(value as string | null);
    else if (typeof value === 'string' && value === '') patch[key] = null;
    else if (key === 'processingActivityIds' || key === 'applicationIds')
      patch[key] = [...new Set(value as string[])];
    else if (key === 'complementaryNotifications')
      patch[key] = (value as { at: string; reference?: string | null; summary: string }[]).map((n) => ({
        at: new Date(n.at).toISOString(),
        reference: n.reference || null,
        summary: n.summary,
      }));
    else patch[key] = value;
  }
  return patch as Partial<Breach>;
}

/**
 * A member's breach register (Art. 33.5): editors draft, readers read, the DPO decides, notifies and closes.
 * Operator roles and vendor contacts see none of it (404); the operator follows only the status of the
 * breaches its incidents caused (see IncidentsService).
 */
@Injectable()
export class BreachesService {
  constructor(
    private readonly tx: Transactions,
    private readonly links: MemberLinks,
  ) {}

  /** 404 when the caller may not read this member's breaches, 403 when they may read but not `action`. */
  assertRegister(ctx: RequestContext, organisationId: string, action: Action): void {
    assertRegisterAccess(ctx, 'Breach', organisationId, action, 'Breach register');
  }

  async create(ctx: RequestContext, organisationId: string, dto: CreateBreachDto): Promise<BreachView> {
    this.assertRegister(ctx, organisationId, 'create');
    return this.tx.run(async (manager) =>
      breachView(await this.insert(manager, ctx, organisationId, factsOf(dto))),
    );
  }

  /** Checks and inserts a breach `to-assess` with its audit event (permissions checked by callers). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    facts: BreachFacts,
    origin: BreachOrigin = {},
  ): Promise<Breach> {
    const errors = await this.links.check(manager, ctx, organisationId, facts);
    if (facts.occurredAt && facts.occurredAt > facts.awareAt)
      errors.push({ field: 'occurredAt', message: 'ne doit pas suivre awareAt' });
    if (errors.length > 0) invalid(errors);
    const breach = manager.create(Breach, {
      ...facts,
      organisationId,
      status: 'to-assess',
      notificationDeadline: breachNotificationDeadline(facts.awareAt),
      complementaryNotifications: [],
      incidentId: origin.incidentId ?? null,
      processorAwareAt: origin.processorAwareAt ?? null,
      processorNotifiedAt: origin.processorNotifiedAt ?? null,
      createdBy: ctx.userId,
      updatedBy: ctx.userId,
    });
    await manager.save(breach);
    await notifyBreachRecorded(manager, breach);
    await recordAudit(manager, ctx, {
      action: origin.incidentId ? 'breach.receive' : 'breach.create',
      entity: 'breach',
      entityId: breach.id,
      organisationId,
      before: null,
      after: breach,
    });
    return breach;
  }

  async list(ctx: RequestContext, organisationId: string, query: BreachListQuery): Promise<Page<BreachView>> {
    this.assertRegister(ctx, organisationId, 'read');
    const now = new Date();
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Breach', Breach, 'b')
      .andWhere('b.organisationId = :organisationId', { organisationId })
      .orderBy('b.awareAt', 'DESC')
      .addOrderBy('b.id', 'ASC');
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.overdue === true) qb.andWhere(OVERDUE_BREACH_SQL('b'), { now });
    if (query.overdue === false) qb.andWhere(`NOT (${OVERDUE_BREACH_SQL('b')})`, { now });
    const { items, total } = await findPage(qb, query);
    return toPage(
      items.map((breach) => breachView(breach, now)),
      total,
      query,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<BreachView> {
    return breachView(await findVisibleOrFail(this.tx.reader, ctx, 'Breach', Breach, id, { label: LABEL }));
  }

  /**
   * Changes a breach: editors change the facts, the DPO also the decisions. The rules of `breach-rules.ts`
   * decide on the status and the consistency of the whole; nothing is written when they refuse.
   */
  async update(ctx: RequestContext, id: string, dto: UpdateBreachDto): Promise<BreachView> {
    return this.tx.run(async (manager) => {
      const now = new Date();
      const breach = await auditedChange(manager, ctx, {
        subject: 'Breach',
        entity: Breach,
        id,
        label: LABEL,
        action: 'update',
        version: dto.version,
        audit: {
          action: (row, before) => (before.status !== row.status ? `breach.${row.status}` : 'breach.update'),
          entity: 'breach',
        },
        apply: (row) => this.applyUpdate(manager, ctx, row, dto, now),
      });
      return breachView(breach, now);
    });
  }

  /** The checks and changes of an update on the locked breach; `false` when the patch changes nothing. */
  private async applyUpdate(
    manager: EntityManager,
    ctx: RequestContext,
    breach: Breach,
    dto: UpdateBreachDto,
    now: Date,
  ): Promise<void | false> {
    const patch = patchOf(dto);
    const changed = changedKeys(breach, patch);
    if (changed.length === 0) return false;
    if (changed.some((key) => (DECISION_FIELDS as readonly string[]).includes(key as string)))
      assertCan(ctx, 'validate', 'Breach', breach);
    if (breach.status === 'closed')
      throw new ConflictException('Cette violation est clôturée et ne peut plus être modifiée', 'state');

    const next: Breach = { ...breach, ...patch } as Breach;
    if (patch.awareAt) next.notificationDeadline = breachNotificationDeadline(patch.awareAt);
    const added = {
      processingActivityIds: next.processingActivityIds.filter(
        (x) => !breach.processingActivityIds.includes(x),
      ),
      applicationIds: next.applicationIds.filter((x) => !breach.applicationIds.includes(x)),
    };
    const { conflict, errors } = checkBreach(breach.status, {
      ...next,
      status: next.status as BreachStatus,
      riskLevel: next.riskLevel as RiskLevel | null,
      waiverGround: next.waiverGround as WaiverGround | null,
    });
    if (conflict)
      throw new ConflictException(
        conflict,
        transitionConflictKind(breach.status, next.status as BreachStatus),
      );
    errors.push(...(await this.links.check(manager, ctx, breach.organisationId, added)));
    if (errors.length > 0) invalid(errors);

    const previousStatus = breach.status;
    Object.assign(breach, next, { updatedBy: ctx.userId });
    const status = next.status as BreachStatus;
    if (previousStatus === status) return;
    if (status === 'assessed' && !breach.assessedAt) {
      breach.assessedAt = now;
      breach.assessedBy = ctx.userId;
    }
    if (status === 'closed') {
      breach.closedAt = now;
      breach.closedBy = ctx.userId;
    }
  }
}
