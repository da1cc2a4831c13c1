import { Injectable } from '@nestjs/common';
import { ScopedManager, unscoped } from '@vigie/authz';
import { Application, DeploymentsService } from '@vigie/catalog';
import { Organisation } from '@vigie/identity';
import { In } from 'typeorm';
import { inSequence } from '../vendor-support';
import { CLAUSE_FAMILY_FR, ClauseFamily, clauseDefinition, isArt28Clause } from './clause-catalog';
import { ClauseStatus, Contract, ContractApplication, ContractClause } from './contract.entity';
import { Coverage, coverageOf } from './coverage';

export interface ClauseView {
  key: string;
  family: ClauseFamily;
  familyLabel: string;
  ref: string | null;
  label: string;
  status: ClauseStatus;
  reference: string | null;
  comment: string | null;
  /** Required by Art. 28.3 in every processor contract. */
  mandatory: boolean;
  /** A mandatory clause the contract does not hold in full: a non-compliance, whatever the score. */
  nonCompliance: boolean;
  version: number;
  updatedAt: Date;
}

export interface ContractView {
  id: string;
  organisationId: string;
  vendorId: string;
  vendorName: string;
  reference: string;
  startDate: string;
  endDate: string | null;
  noticeDate: string | null;
  healthData: boolean;
  applicationIds: string[];
  applications: { id: string; name: string; healthData: boolean }[];
  /** Members concerned: those the covered applications are deployed for (never typed). */
  members: { id: string; name: string }[];
  coverage: Coverage;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What the API shows of contracts and their clauses, read through the caller's scope on `Contract` (clauses
 * carry the contract's organisation; covered applications are reached through their contract).
 */
@Injectable()
export class ContractViews {
  constructor(private readonly deployments: DeploymentsService) {}

  async clauseViews(db: ScopedManager, contractId: string): Promise<ClauseView[]> {
    const clauses = await db.find('Contract', ContractClause, {
      where: { contractId },
      order: { position: 'ASC', id: 'ASC' },
    });
    return clauses.map(clauseView);
  }

  /** Views of contracts, with their applications, members and coverage, in four queries for the whole page. */
  async views(db: ScopedManager, contracts: Contract[]): Promise<ContractView[]> {
    if (contracts.length === 0) return [];
    const ids = contracts.map((contract) => contract.id);
    const vendorIds = [...new Set(contracts.map((contract) => contract.vendorId))];
    const [vendors, applications, clauses] = await inSequence([
      () =>
        unscoped(
          db.manager,
          'the names of the vendors of contracts read scoped: shown with the contract whatever the caller reaches of organisations (an auditor reaches only its own)',
        ).find(Organisation, {
          select: { id: true, name: true },
          where: { id: In(vendorIds) },
        }),
      () => coveredApplications(db, ids),
      () =>
        db.find('Contract', ContractClause, {
          select: { contractId: true, key: true, status: true, position: true },
          where: { contractId: In(ids) },
          order: { position: 'ASC' },
        }),
    ]);
    const users = await this.deployments.organisationsUsing(db.manager, [
      ...new Set(applications.map((row) => row.id)),
    ]);
    const vendorNames = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
    return contracts.map((contract) => {
      const covered = applications.filter((row) => row.contractId === contract.id);
      const coveredIds = new Set(covered.map((row) => row.id));
      return {
        id: contract.id,
        organisationId: contract.organisationId,
        vendorId: contract.vendorId,
        vendorName: vendorNames.get(contract.vendorId) ?? '',
        reference: contract.reference,
        startDate: contract.startDate,
        endDate: contract.endDate,
        noticeDate: contract.noticeDate,
        healthData: contract.healthData,
        applicationIds: covered.map((row) => row.id),
        applications: covered.map(({ id, name, healthData }) => ({ id, name, healthData })),
        members: distinctMembers(users.filter((row) => coveredIds.has(row.applicationId))),
        coverage: coverageOf(clauses.filter((clause) => clause.contractId === contract.id)),
        version: contract.version,
        createdAt: contract.createdAt,
        updatedAt: contract.updatedAt,
      };
    });
  }
}

/**
 * The applications the contracts `ids` cover, reached through the contracts the caller may read (the link
 * table has no tenant of its own), by name then id.
 */
export function coveredApplications(
  db: ScopedManager,
  ids: readonly string[],
): Promise<{ contractId: string; id: string; name: string; healthData: boolean }[]> {
  return db
    .query('Contract', Contract, 'c')
    .innerJoin(ContractApplication, 'ca', 'ca.contractId = c.id')
    .innerJoin(Application, 'a', 'a.id = ca.applicationId')
    .andWhere('c.id IN (:...coveredContractIds)', { coveredContractIds: ids })
    .select('c.id', 'contractId')
    .addSelect('a.id', 'id')
    .addSelect('a.name', 'name')
    .addSelect('a.healthData', 'healthData')
    .orderBy('a.name')
    .addOrderBy('a.id')
    .getRawMany();
}

export function clauseView(clause: ContractClause): ClauseView {
  const definition = clauseDefinition(clause.key);
  return {
    key: clause.key,
    family: clause.family,
    familyLabel: CLAUSE_FAMILY_FR[clause.family],
    ref: definition?.ref ?? null,
    label: definition?.label ?? clause.key,
    status: clause.status,
    reference: clause.reference,
    comment: clause.comment,
    mandatory: isArt28Clause(clause.key),
    nonCompliance: isArt28Clause(clause.key) && clause.status !== 'present',
    version: clause.version,
    updatedAt: clause.updatedAt,
  };
}

/** Each organisation once, in the order given (by name, then id). */
function distinctMembers(rows: readonly { id: string; name: string }[]): { id: string; name: string }[] {
  const seen = new Map<string, { id: string; name: string }>();
  for (const { id, name } of rows) if (!seen.has(id)) seen.set(id, { id, name });
  return [...seen.values()];
}
