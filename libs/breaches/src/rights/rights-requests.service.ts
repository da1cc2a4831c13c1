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
import { parisDate, rightsRequestDueDate, todayInParis } from '../dates/deadlines';
import { RightsRequest } from './rights-request.entity';
import { CreateRightsRequestDto, UpdateRightsRequestDto } from './rights-request.dto';
import {
  Channel,
  extensionWindowConflict,
  isRightsRequestOverdue,
  RightsRequestStatus,
  rightsStateErrors,
  rightsTransitionConflict,
} from './rights-rules';

const LABEL = 'Rights request';

export interface RightsRequestListQuery extends PageQuery {
  status?: string;
  overdue?: boolean;
}

/** A request as the member's roles see it. */
export type RightsRequestView = Omit<RightsRequest, 'createdBy' | 'updatedBy'> & {
  /** One month after receipt, before any extension. */
  initialDueDate: string;
  overdue: boolean;
};

export function rightsRequestView(request: RightsRequest, today = todayInParis()): RightsRequestView {
  const { createdBy: _createdBy, updatedBy: _updatedBy, ...fields } = request;
  return {
    ...fields,
    initialDueDate: rightsRequestDueDate(request.receivedAt),
    overdue: isRightsRequestOverdue(request, today),
  };
}

function patchOf(dto: UpdateRightsRequestDto): Partial<RightsRequest> {
  const { version: _version, ...fields } = dto;
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (key === 'receivedAt' || key === 'answeredAt') patch[key] = toDate(value as string | null);
    else if (typeof value === 'string' && value === '') patch[key] = null;
    else if (key === 'processingActivityIds') patch[key] = [...new Set(value as string[])];
    else patch[key] = value;
  }
  return patch as Partial<RightsRequest>;
}

/**
 * Data-subject rights requests of a member (Art. 12): editors record and handle them, the DPO alone extends
 * (Art. 12.3) or refuses (Art. 12.4/12.5) one; readers read. Nobody outside the member sees them.
 */
@Injectable()
export class RightsRequestsService {
  constructor(
    private readonly tx: Transactions,
    private readonly links: MemberLinks,
  ) {}

  assertRegister(ctx: RequestContext, organisationId: string, action: Action): void {
    assertRegisterAccess(ctx, 'RightsRequest', organisationId, action, 'Rights requests');
  }

  async create(
    ctx: RequestContext,
    organisationId: string,
    dto: CreateRightsRequestDto,
  ): Promise<RightsRequestView> {
    this.assertRegister(ctx, organisationId, 'create');
    return this.tx.run(async (manager) =>
      rightsRequestView(await this.insert(manager, ctx, organisationId, dto)),
    );
  }

  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    dto: CreateRightsRequestDto,
  ): Promise<RightsRequest> {
    const receivedAt = new Date(dto.receivedAt);
    const processingActivityIds = [...new Set(dto.processingActivityIds ?? [])];
    const errors = await this.links.check(manager, ctx, organisationId, { processingActivityIds });
    if (receivedAt.getTime() > Date.now())
      errors.push({ field: 'receivedAt', message: 'ne doit pas être dans le futur' });
    if (errors.length > 0) invalid(errors);
    const identityChecked = dto.identityChecked ?? false;
    const request = manager.create(RightsRequest, {
      organisationId,
      right: dto.right,
      requesterName: dto.requesterName,
      requesterContact: dto.requesterContact || null,
      details: dto.details || null,
      receivedAt,
      receivedChannel: (dto.receivedChannel as Channel | undefined) ?? null,
      dueDate: rightsRequestDueDate(receivedAt),
      status: 'received',
      identityChecked,
      identityCheckedAt: identityChecked ? new Date() : null,
      extensionMonths: 0,
      processingActivityIds,
      notes: dto.notes || null,
      createdBy: ctx.userId,
      updatedBy: ctx.userId,
    });
    await manager.save(request);
    await recordAudit(manager, ctx, {
      action: 'rights-request.create',
      entity: 'rights-request',
      entityId: request.id,
      organisationId,
      before: null,
      after: request,
    });
    return request;
  }

  async list(
    ctx: RequestContext,
    organisationId: string,
    query: RightsRequestListQuery,
  ): Promise<Page<RightsRequestView>> {
    this.assertRegister(ctx, organisationId, 'read');
    const today = todayInParis();
    const open = "r.status NOT IN ('answered', 'refused')";
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'RightsRequest', RightsRequest, 'r')
      .andWhere('r.organisationId = :organisationId', { organisationId })
      .orderBy('r.dueDate', 'ASC')
      .addOrderBy('r.receivedAt', 'ASC')
      .addOrderBy('r.id', 'ASC');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.overdue === true) qb.andWhere(`${open} AND r.dueDate < :today`, { today });
    if (query.overdue === false) qb.andWhere(`NOT (${open} AND r.dueDate < :today)`, { today });
    const { items, total } = await findPage(qb, query);
    return toPage(
      items.map((item) => rightsRequestView(item, today)),
      total,
      query,
    );
  }

  async get(ctx: RequestContext, id: string): Promise<RightsRequestView> {
    return rightsRequestView(
      await findVisibleOrFail(this.tx.reader, ctx, 'RightsRequest', RightsRequest, id, { label: LABEL }),
    );
  }

  async update(ctx: RequestContext, id: string, dto: UpdateRightsRequestDto): Promise<RightsRequestView> {
    return this.tx.run(async (manager) => {
      const now = new Date();
      const request = await auditedChange(manager, ctx, {
        subject: 'RightsRequest',
        entity: RightsRequest,
        id,
        label: LABEL,
        action: 'update',
        version: dto.version,
        audit: {
          action: (row, before) =>
            before.status !== row.status ? `rights-request.${row.status}` : 'rights-request.update',
          entity: 'rights-request',
        },
        apply: (row) => this.applyUpdate(manager, ctx, row, dto, now),
      });
      return rightsRequestView(request, parisDate(now));
    });
  }

  /** The checks and changes of an update on the locked request; `false` when the patch changes nothing. */
  private async applyUpdate(
    manager: EntityManager,
    ctx: RequestContext,
    request: RightsRequest,
    dto: UpdateRightsRequestDto,
    now: Date,
  ): Promise<void | false> {
    const patch = patchOf(dto);
    const changed = changedKeys(request, patch) as string[];
    if (changed.length === 0) return false;
    const next = { ...request, ...patch } as RightsRequest;
    const decision =
      changed.some((key) => ['extensionMonths', 'extensionReason', 'refusalReason'].includes(key)) ||
      (changed.includes('status') && (next.status === 'extended' || next.status === 'refused'));
    if (decision) assertCan(ctx, 'validate', 'RightsRequest', request);

    const conflict = rightsTransitionConflict(request.status, next.status as RightsRequestStatus);
    if (conflict) throw new ConflictException(conflict, 'state');
    if (request.status === 'answered' || request.status === 'refused')
      throw new ConflictException(
        `Cette demande est au statut « ${request.status} » et ne peut plus être modifiée`,
        'state',
      );
    if (changed.includes('extensionMonths') || changed.includes('extensionReason')) {
      if (request.extendedAt)
        throw new ConflictException(
          'La prolongation a déjà été décidée et annoncée à la personne : elle ne peut plus changer',
          'state',
        );
      // Art. 12.3: the person is told of the extension, and why, within one month of receipt.
      const late = extensionWindowConflict(next.receivedAt, todayInParis(now));
      if (late) throw new ConflictException(late, 'rule');
    }
    const errors = rightsStateErrors({
      ...next,
      status: next.status as RightsRequestStatus,
      answerChannel: next.answerChannel as Channel | null,
    });
    if (next.receivedAt.getTime() > now.getTime())
      errors.push({ field: 'receivedAt', message: 'ne doit pas être dans le futur' });
    if (next.answeredAt && next.answeredAt.getTime() > now.getTime())
      errors.push({ field: 'answeredAt', message: 'ne doit pas être dans le futur' });
    const added = next.processingActivityIds.filter((x) => !request.processingActivityIds.includes(x));
    errors.push(
      ...(await this.links.check(manager, ctx, request.organisationId, { processingActivityIds: added })),
    );
    if (errors.length > 0) invalid(errors);

    const wasIdentityChecked = request.identityChecked;
    const wasExtendedAt = request.extendedAt;
    Object.assign(request, next, { updatedBy: ctx.userId });
    request.dueDate = rightsRequestDueDate(request.receivedAt, request.extensionMonths);
    if (request.identityChecked && !wasIdentityChecked) request.identityCheckedAt = now;
    if (!request.identityChecked) request.identityCheckedAt = null;
    if (request.extensionMonths > 0 && !wasExtendedAt) request.extendedAt = now;
  }
}
