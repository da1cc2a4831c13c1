import { OrganisationOwnedEntity, VersionedEntity } from '@vigie/db';
import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import type { ClauseFamily } from './clause-catalog';

export const CLAUSE_STATUSES = ['present', 'partial', 'missing', 'not-applicable'] as const;
export type ClauseStatus = (typeof CLAUSE_STATUSES)[number];

/**
 * A contract between the operator (its owner) and a vendor, covering catalog applications. The members it
 * concerns are never stored: they are read from the deployments of the covered applications.
 */
@Entity('contract')
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_contract_organisation' })
@Check('CHK_contract_dates', `"end_date" IS NULL OR "end_date" >= "start_date"`)
@Index('uq_contract_reference', { synchronize: false })
@Index('idx_contract_organisation', ['organisationId', 'startDate', 'id'])
@Index('idx_contract_vendor', ['vendorId'])
export class Contract extends OrganisationOwnedEntity {
  @ForeignKey('Organisation', { name: 'FK_contract_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  /** The contract's reference (market number, order reference…), unique per owner, case-insensitively. */
  @Column({ type: 'varchar', length: 100 })
  reference: string;

  /** YYYY-MM-DD. */
  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate: string | null;

  /** Last day to give notice (non-renewal, termination). */
  @Column({ name: 'notice_date', type: 'date', nullable: true })
  noticeDate: string | null;

  /** Whether a covered application held health data when the checklist was made (HDS clauses added). */
  @Column({ name: 'health_data', type: 'boolean', default: false })
  healthData: boolean;

  @ForeignKey('User', { name: 'FK_contract_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}

/** An application a contract covers. */
@Entity('contract_application')
@Index('idx_contract_application_application', ['applicationId', 'contractId'])
export class ContractApplication {
  @ForeignKey('Contract', { name: 'FK_contract_application_contract', onDelete: 'CASCADE' })
  @PrimaryColumn({ name: 'contract_id', type: 'uuid', primaryKeyConstraintName: 'PK_contract_application' })
  contractId: string;

  @ForeignKey('Application', { name: 'FK_contract_application_application' })
  @PrimaryColumn({
    name: 'application_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_contract_application',
  })
  applicationId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One clause of a contract's checklist: whether the contract has it, where, and a comment. */
@Entity('contract_clause')
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_contract_clause_organisation' })
@Check('CHK_contract_clause_status', `"status" IN ('present', 'partial', 'missing', 'not-applicable')`)
@Check('CHK_contract_clause_family', `"family" IN ('gdpr-art28', 'vendor-security', 'hds')`)
@Index('uq_contract_clause_key', ['contractId', 'key'], { unique: true })
@Index('idx_contract_clause_organisation', ['organisationId'])
export class ContractClause extends VersionedEntity {
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ForeignKey('Contract', { name: 'FK_contract_clause_contract', onDelete: 'CASCADE' })
  @Column({ name: 'contract_id', type: 'uuid' })
  contractId: string;

  @Column({ type: 'varchar', length: 60 })
  key: string;

  @Column({ type: 'varchar', length: 20 })
  family: ClauseFamily;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 20, default: 'missing' })
  status: ClauseStatus;

  /** Where the contract says it (article, annex). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reference: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @ForeignKey('User', { name: 'FK_contract_clause_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
