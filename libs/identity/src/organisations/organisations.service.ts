import { Injectable } from '@nestjs/common';
import { assertCan, canSomewhere, findVisibleOrFail, scopedQuery } from '@vigie/authz';
import {
  assertNoNulls,
  ConflictException,
  ForbiddenActionException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
} from '@vigie/core';
import { assertVersion, findPage, Transactions, uniqueViolation } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { Organisation } from './organisation.entity';

@Injectable()
export class OrganisationsService {
  constructor(private readonly tx: Transactions) {}

  async create(ctx: RequestContext, dto: CreateOrganisationDto): Promise<Organisation> {
    if (!canSomewhere(ctx, 'create', 'Organisation')) throw new ForbiddenActionException();
    return this.tx.run((manager) => this.insert(manager, ctx, { ...dto, siren: dto.siren ?? null }));
  }

  /** Inserts an organisation and its audit event, without permission checks (bootstrap, CLI, create). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    data: Pick<Organisation, 'name' | 'shortName' | 'kind' | 'siren'>,
  ): Promise<Organisation> {
    const organisation = manager.create(Organisation, data);
    await this.saveUnique(manager, organisation);
    await recordAudit(manager, ctx, {
      action: 'organisation.create',
      entity: 'organisation',
      entityId: organisation.id,
      organisationId: organisation.id,
      before: null,
      after: organisation,
    });
    return organisation;
  }

  async list(ctx: RequestContext, query: PageQuery & { kind?: string }): Promise<Page<Organisation>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Organisation', Organisation, 'o')
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC');
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    const { items, total } = await findPage(qb, query);
    return toPage(items, total, query);
  }

  get(ctx: RequestContext, id: string, manager: EntityManager = this.tx.reader): Promise<Organisation> {
    return findVisibleOrFail(manager, ctx, 'Organisation', Organisation, id, { label: 'Organisation' });
  }

  async update(ctx: RequestContext, id: string, dto: UpdateOrganisationDto): Promise<Organisation> {
    assertNoNulls(dto, ['siren']);
    return this.tx.run(async (manager) => {
      const organisation = await findVisibleOrFail(manager, ctx, 'Organisation', Organisation, id, {
        lock: true,
        label: 'Organisation',
      });
      assertCan(ctx, 'update', 'Organisation', organisation);
      assertVersion('Organisation', organisation.version, dto.version);
      const before = { ...organisation };
      if (dto.name !== undefined) organisation.name = dto.name;
      if (dto.shortName !== undefined) organisation.shortName = dto.shortName;
      if (dto.siren !== undefined) organisation.siren = dto.siren;
      await this.saveUnique(manager, organisation);
      await recordAudit(manager, ctx, {
        action: 'organisation.update',
        entity: 'organisation',
        entityId: organisation.id,
        organisationId: organisation.id,
        before,
        after: organisation,
      });
      return organisation;
    });
  }

  private async saveUnique(manager: EntityManager, organisation: Organisation): Promise<void> {
    try {
      await manager.save(organisation);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.includes('short_name'))
        throw new ConflictException('Une organisation porte déjà ce nom court');
      if (constraint) throw new ConflictException('Une organisation porte déjà ce numéro SIREN');
      throw error;
    }
  }
}
