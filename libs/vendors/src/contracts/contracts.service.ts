import { Injectable } from '@nestjs/common';
import { assertCan, auditedChange, findVisibleOrFail, scoped, scopedQuery } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import {
  assertNoNulls,
  AuditChanges,
  ConflictException,
  diffFields,
  FieldError,
  NotFoundException,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions, uniqueViolation } from '@vigie/db';
import { EntityManager, In } from 'typeorm';
import { cleanText, operatorOf, vendorOrFail } from '../vendor-support';
import { checklistFor, hdsClauses, isArt28Clause } from './clause-catalog';
import { ContractListQuery, CreateContractDto, UpdateClauseDto, UpdateContractDto } from './contract.dto';
import { Contract, ContractApplication, ContractClause, ClauseStatus } from './contract.entity';
import { coverageOf, NonCompliance } from './coverage';
import { ClauseView, clauseView, ContractViews, ContractView, coveredApplications } from './contract-views';

export type { ClauseView, ContractView } from './contract-views';
export { clauseView } from './contract-views';

/** Contracts with vendors and their clause checklists (security officer; auditor and administrator read). */
@Injectable()
export class ContractsService {
  constructor(
    private readonly tx: Transactions,
    private readonly contractViews: ContractViews,
  ) {}

  async create(
    ctx: RequestContext,
    dto: CreateContractDto,
  ): Promise<ContractView & { clauses: ClauseView[] }> {
    return this.tx.run(async (manager) => {
      const operator = await operatorOf(manager);
      assertCan(ctx, 'create', 'Contract', { organisationId: operator.id });
      await vendorOrFail(manager, ctx, dto.vendorId);
      const applications = await this.coveredApplications(manager, ctx, dto);
      checkDates(dto);
      const healthData = applications.some((application) => application.healthData);
      const contract = manager.create(Contract, {
        organisationId: operator.id,
        vendorId: dto.vendorId,
        reference: dto.reference,
        startDate: dto.startDate,
        endDate: dto.endDate ?? null,
        noticeDate: dto.noticeDate ?? null,
        healthData,
        createdBy: ctx.userId,
      });
      try {
        await manager.save(contract);
      } catch (error) {
        if (uniqueViolation(error))
          throw new ConflictException('Un contrat porte déjà cette référence', 'duplicate');
        throw error;
      }
      await manager.insert(
        ContractApplication,
        applications.map((application) => ({ contractId: contract.id, applicationId: application.id })),
      );
      await manager.insert(
        ContractClause,
        checklistFor(healthData).map((clause, position) => ({
          organisationId: operator.id,
          contractId: contract.id,
          key: clause.key,
          family: clause.family,
          position,
          status: 'missing' as const,
          updatedBy: ctx.userId,
        })),
      );
      await recordAudit(manager, ctx, {
        action: 'contract.create',
        entity: 'contract',
        entityId: contract.id,
        organisationId: operator.id,
        before: null,
        after: { ...contract, applicationIds: applications.map((a) => a.id) },
      });
      const db = scoped(manager, ctx);
      const [view] = await this.contractViews.views(db, [contract]);
      return { ...view, clauses: await this.contractViews.clauseViews(db, contract.id) };
    });
  }

  async list(ctx: RequestContext, query: ContractListQuery): Promise<Page<ContractView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Contract', Contract, 'c')
      .orderBy('c.startDate', 'DESC')
      .addOrderBy('c.id', 'ASC');
    if (query.vendorId) qb.andWhere('c.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.applicationId)
      qb.andWhere(
        'c.id IN (SELECT ca.contract_id FROM contract_application ca WHERE ca.application_id = :applicationId)',
        { applicationId: query.applicationId },
      );
    const { items, total } = await findPage(qb, query);
    return toPage(await this.contractViews.views(scoped(this.tx.reader, ctx), items), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<ContractView & { clauses: ClauseView[] }> {
    const contract = await this.visible(this.tx.reader, ctx, id);
    const db = scoped(this.tx.reader, ctx);
    const [view] = await this.contractViews.views(db, [contract]);
    return { ...view, clauses: await this.contractViews.clauseViews(db, contract.id) };
  }

  async clauses(
    ctx: RequestContext,
    id: string,
  ): Promise<{ items: ClauseView[]; nonCompliances: NonCompliance[]; art28Compliant: boolean }> {
    const contract = await this.visible(this.tx.reader, ctx, id);
    const items = await this.contractViews.clauseViews(scoped(this.tx.reader, ctx), contract.id);
    const { nonCompliances, art28Compliant } = coverageOf(items);
    return { items, nonCompliances, art28Compliant };
  }

  /**
   * Changes a contract's reference, dates or covered applications (with its version). The checklist follows
   * the applications: the HDS clauses (EXI 17 to 31) are added, as missing, when a covered application now
   * holds health data, and removed when none does any more (the audit event keeps what they said).
   */
  async update(
    ctx: RequestContext,
    id: string,
    dto: UpdateContractDto,
  ): Promise<ContractView & { clauses: ClauseView[] }> {
    assertNoNulls(dto, ['endDate', 'noticeDate']);
    return this.tx.run(async (manager) => {
      const db = scoped(manager, ctx);
      let audited: AuditChanges = {};
      await auditedChange(manager, ctx, {
        subject: 'Contract',
        entity: Contract,
        id,
        label: 'Contract',
        action: 'update',
        version: dto.version,
        audit: { action: 'contract.update', entity: 'contract', changes: () => audited },
        apply: async (contract) => {
          audited = await this.applyUpdate(manager, ctx, contract, dto);
        },
        // The version moves whatever changed, the links included.
        save: (m, contract) =>
          saveContract(() =>
            m.update(Contract, { id }, { ...fieldsOf(contract), version: () => '"version" + 1' }),
          ),
      });
      const updated = await db.visibleOrFail('Contract', Contract, id, { label: 'Contract' });
      const [view] = await this.contractViews.views(db, [updated]);
      return { ...view, clauses: await this.contractViews.clauseViews(db, id) };
    });
  }

  /**
   * The change of a locked contract: its fields, the covered applications and the HDS clauses that follow
   * them; the changes its audit event records (the applications and the clauses removed with their content).
   */
  private async applyUpdate(
    manager: EntityManager,
    ctx: RequestContext,
    contract: Contract,
    dto: UpdateContractDto,
  ): Promise<AuditChanges> {
    const coveredBefore = await coveredApplications(scoped(manager, ctx), [contract.id]);
    const applicationIdsBefore = coveredBefore.map((row) => row.id).sort();
    const applications = dto.applicationIds
      ? await this.coveredApplications(manager, ctx, {
          vendorId: contract.vendorId,
          applicationIds: dto.applicationIds,
        })
      : await scoped(manager, ctx).find('Application', Application, {
          where: { id: In(applicationIdsBefore) },
        });
    const next = {
      reference: dto.reference ?? contract.reference,
      startDate: dto.startDate ?? contract.startDate,
      endDate: dto.endDate === undefined ? contract.endDate : dto.endDate,
      noticeDate: dto.noticeDate === undefined ? contract.noticeDate : dto.noticeDate,
      healthData: applications.some((application) => application.healthData),
    };
    checkDates(next);
    const before = { ...fieldsOf(contract), applicationIds: applicationIdsBefore };
    Object.assign(contract, next);
    const applicationIds = applications.map((application) => application.id);
    const removed = applicationIdsBefore.filter((appId) => !applicationIds.includes(appId));
    const added = applicationIds.filter((appId) => !applicationIdsBefore.includes(appId));
    if (removed.length)
      await manager.delete(ContractApplication, { contractId: contract.id, applicationId: In(removed) });
    if (added.length)
      await manager.insert(
        ContractApplication,
        added.map((applicationId) => ({ contractId: contract.id, applicationId })),
      );
    const hds = await this.followHealthData(manager, ctx, contract, next.healthData);
    return diffFields(
      { ...before, ...(hds.removed.length ? { hdsClauses: hds.removed } : {}) },
      {
        ...next,
        applicationIds: [...applicationIds].sort(),
        ...(hds.added ? { hdsClauses: 'added' } : hds.removed.length ? { hdsClauses: null } : {}),
      },
    );
  }

  /** Adds or removes the HDS clauses so that the checklist matches whether the contract covers health data. */
  private async followHealthData(
    manager: EntityManager,
    ctx: RequestContext,
    contract: Contract,
    healthData: boolean,
  ): Promise<{
    added: boolean;
    removed: { key: string; status: ClauseStatus; reference: string | null; comment: string | null }[];
  }> {
    const db = scoped(manager, ctx);
    const current = await db.find('Contract', ContractClause, {
      where: { contractId: contract.id, family: 'hds' },
      order: { position: 'ASC' },
    });
    if (healthData && current.length === 0) {
      const { last } = (await db
        .query('Contract', ContractClause, 'cl')
        .select('max(cl.position)', 'last')
        .andWhere('cl.contractId = :contractId', { contractId: contract.id })
        .getRawOne<{ last: number | null }>())!;
      const start = (last ?? -1) + 1;
      await manager.insert(
        ContractClause,
        hdsClauses().map((clause, index) => ({
          organisationId: contract.organisationId,
          contractId: contract.id,
          key: clause.key,
          family: clause.family,
          position: start + index,
          status: 'missing' as const,
          updatedBy: ctx.userId,
        })),
      );
      return { added: true, removed: [] };
    }
    if (!healthData && current.length > 0) {
      await manager.delete(ContractClause, { contractId: contract.id, family: 'hds' });
      return {
        added: false,
        removed: current.map(({ key, status, reference, comment }) => ({ key, status, reference, comment })),
      };
    }
    return { added: false, removed: [] };
  }

  async updateClause(
    ctx: RequestContext,
    id: string,
    key: string,
    dto: UpdateClauseDto,
  ): Promise<ClauseView> {
    return this.tx.run(async (manager) => {
      const contract = await this.visible(manager, ctx, id);
      assertCan(ctx, 'update', 'Contract', contract);
      const found = await scoped(manager, ctx).findOne('Contract', ContractClause, {
        select: { id: true },
        where: { contractId: id, key },
      });
      if (!found) throw new NotFoundException('Contract clause');
      const stated = (clause: ContractClause) => ({
        key,
        status: clause.status,
        reference: clause.reference,
        comment: clause.comment,
      });
      const clause = await auditedChange(manager, ctx, {
        subject: 'Contract',
        entity: ContractClause,
        id: found.id,
        label: 'Contract clause',
        action: 'update',
        version: dto.version,
        audit: {
          action: 'contract.clause.update',
          entity: 'contract',
          changes: (row, before) => diffFields(stated(before), stated(row)),
        },
        auditEntityId: () => contract.id,
        auditOrganisation: () => contract.organisationId,
        apply: (row) => {
          if (dto.status === 'not-applicable' && isArt28Clause(key))
            throw ValidationException.field(
              'status',
              'une clause de l’article 28.3 du RGPD est obligatoire dans tout contrat de sous-traitance : elle ne peut pas être « non applicable »',
            );
          row.status = dto.status;
          if (dto.reference !== undefined) row.reference = cleanText(dto.reference);
          if (dto.comment !== undefined) row.comment = cleanText(dto.comment);
          row.updatedBy = ctx.userId;
        },
      });
      return clauseView(clause);
    });
  }

  /** One contract the caller may read (404 otherwise). */
  visible(manager: EntityManager, ctx: RequestContext, id: string): Promise<Contract> {
    return findVisibleOrFail(manager, ctx, 'Contract', Contract, id, { label: 'Contract' });
  }

  /** The covered applications: each must exist and be supplied by the contract's vendor (else 400). */
  private async coveredApplications(
    manager: EntityManager,
    ctx: RequestContext,
    dto: Pick<CreateContractDto, 'vendorId' | 'applicationIds'>,
  ): Promise<Application[]> {
    const ids = [...new Set(dto.applicationIds)];
    const applications = await scoped(manager, ctx).find('Application', Application, {
      where: { id: In(ids) },
    });
    const byId = new Map(applications.map((application) => [application.id, application]));
    const errors: FieldError[] = [];
    dto.applicationIds.forEach((id, index) => {
      const application = byId.get(id);
      if (!application) errors.push({ field: `applicationIds[${index}]`, message: 'application inconnue' });
      else if (application.vendorId !== dto.vendorId)
        errors.push({
          field: `applicationIds[${index}]`,
          message: `« ${application.name} » n’est pas fournie par ce fournisseur`,
        });
    });
    if (errors.length)
      throw new ValidationException('Certaines applications couvertes ne conviennent pas', errors);
    return ids.map((id) => byId.get(id)!);
  }
}

/** The fields of a contract a PATCH changes (and its audit event shows). */
function fieldsOf(contract: Contract) {
  const { reference, startDate, endDate, noticeDate, healthData } = contract;
  return { reference, startDate, endDate, noticeDate, healthData };
}

/** Saves a contract, a reference already taken answering 409 `duplicate`. */
async function saveContract<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (error) {
    if (uniqueViolation(error))
      throw new ConflictException('Un contrat porte déjà cette référence', 'duplicate');
    throw error;
  }
}

function checkDates(dto: { startDate: string; endDate?: string | null; noticeDate?: string | null }): void {
  if (dto.endDate && dto.endDate < dto.startDate)
    throw ValidationException.field('endDate', 'ne doit pas précéder startDate');
  if (dto.noticeDate && dto.endDate && dto.noticeDate > dto.endDate)
    throw ValidationException.field('noticeDate', 'ne doit pas suivre endDate');
}
