import { Injectable } from '@nestjs/common';
import { assertCan, auditedRemoval, findVisibleOrFail, scoped, scopedQuery, unscoped } from '@vigie/authz';
import { ConflictException, recordAudit, RequestContext, ValidationException } from '@vigie/core';
import { Transactions, uniqueViolation } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { Application } from './application.entity';
import { Deployment, DeploymentView } from './deployment.entity';

/** Which member uses which application: managed by the operator, each member reads its own. */
@Injectable()
export class DeploymentsService {
  constructor(private readonly tx: Transactions) {}

  async create(ctx: RequestContext, applicationId: string, organisationId: string): Promise<DeploymentView> {
    return this.tx.run(async (manager) => {
      await findVisibleOrFail(manager, ctx, 'Application', Application, applicationId, {
        label: 'Application',
      });
      assertCan(ctx, 'create', 'Deployment', { organisationId });
      return this.insert(manager, ctx, applicationId, organisationId);
    });
  }

  /** Links an application to a member, with its audit event (no permission check: seeders). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    applicationId: string,
    organisationId: string,
  ): Promise<DeploymentView> {
    // Deployments are managed by roles that read every organisation (and by seeders, as system work).
    const member = await scoped(manager, ctx).findOneBy('Organisation', Organisation, {
      id: organisationId,
      kind: 'member',
    });
    if (!member)
      throw ValidationException.field('organisationId', 'doit être l’identifiant d’une organisation membre');
    const deployment = manager.create(Deployment, { applicationId, organisationId, createdBy: ctx.userId });
    try {
      await manager.insert(Deployment, deployment);
    } catch (error) {
      if (uniqueViolation(error))
        throw new ConflictException('L’application est déjà déployée pour ce membre', 'duplicate');
      throw error;
    }
    await recordAudit(manager, ctx, {
      action: 'deployment.create',
      entity: 'deployment',
      entityId: deployment.id,
      organisationId,
      before: null,
      after: { applicationId, organisationId },
    });
    return toView(deployment, member.name);
  }

  /** The deployments of an application the caller may see (a member sees only its own). */
  async list(ctx: RequestContext, applicationId: string): Promise<{ items: DeploymentView[] }> {
    await findVisibleOrFail(this.tx.reader, ctx, 'Application', Application, applicationId, {
      label: 'Application',
    });
    const rows = await scopedQuery(this.tx.reader, ctx, 'read', 'Deployment', Deployment, 'd')
      .innerJoin(Organisation, 'o', 'o.id = d.organisationId')
      .addSelect('o.name', 'organisation_name')
      .andWhere('d.applicationId = :applicationId', { applicationId })
      .orderBy('o.name', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .getRawAndEntities();
    return {
      items: rows.entities.map((deployment, index) =>
        toView(deployment, String(rows.raw[index].organisation_name)),
      ),
    };
  }

  /**
   * The subset of `applicationIds` deployed for `organisationId`, as far as the caller may see that member's
   * deployments: one query, for checking the applications a register entry refers to.
   */
  async deployedFor(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    applicationIds: readonly string[],
  ): Promise<Set<string>> {
    if (applicationIds.length === 0) return new Set();
    const rows = await scopedQuery(manager, ctx, 'read', 'Deployment', Deployment, 'd')
      .select('d.applicationId', 'applicationId')
      .andWhere('d.organisationId = :organisationId', { organisationId })
      .andWhere('d.applicationId IN (:...applicationIds)', { applicationIds: [...new Set(applicationIds)] })
      .getRawMany<{ applicationId: string }>();
    return new Set(rows.map((row) => row.applicationId));
  }

  /** The applications deployed for `organisationId` (id and name), as far as the caller may see them. */
  async deployedApplications(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
  ): Promise<{ id: string; name: string }[]> {
    return scopedQuery(manager, ctx, 'read', 'Deployment', Deployment, 'd')
      .innerJoin(Application, 'a', 'a.id = d.applicationId')
      .select(['a.id AS id', 'a.name AS name'])
      .andWhere('d.organisationId = :organisationId', { organisationId })
      .getRawMany<{ id: string; name: string }>();
  }

  /**
   * The members (organisations of kind `member`) deploying any of these applications, with which of them each
   * deploys, in the caller's scope (one query): the fan-out of an incident on the operator's applications.
   */
  async membersDeploying(
    manager: EntityManager,
    ctx: RequestContext,
    applicationIds: readonly string[],
  ): Promise<{ organisationId: string; applicationIds: string[] }[]> {
    if (applicationIds.length === 0) return [];
    return scopedQuery(manager, ctx, 'read', 'Deployment', Deployment, 'd')
      .innerJoin(Organisation, 'o', "o.id = d.organisationId AND o.kind = 'member'")
      .select('d.organisationId', 'organisationId')
      .addSelect('array_agg(d.applicationId ORDER BY d.applicationId)', 'applicationIds')
      .andWhere('d.applicationId IN (:...ids)', { ids: [...new Set(applicationIds)] })
      .groupBy('d.organisationId')
      .orderBy('d.organisationId')
      .getRawMany<{ organisationId: string; applicationIds: string[] }>();
  }

  /**
   * The organisations using each of these applications, every deployment whatever the caller's scope (one
   * query): the members a record the caller already reads refers to (e.g. those a vendor contract covers).
   */
  async organisationsUsing(
    manager: EntityManager,
    applicationIds: readonly string[],
  ): Promise<{ applicationId: string; id: string; name: string }[]> {
    if (applicationIds.length === 0) return [];
    return unscoped(
      manager,
      'the members using applications named by a record the caller already read scoped (e.g. a contract, read by auditors who read no deployment)',
    )
      .createQueryBuilder(Deployment, 'd')
      .innerJoin(Organisation, 'o', 'o.id = d.organisationId')
      .select('d.applicationId', 'applicationId')
      .addSelect('o.id', 'id')
      .addSelect('o.name', 'name')
      .where('d.applicationId IN (:...ids)', { ids: [...new Set(applicationIds)] })
      .orderBy('o.name')
      .addOrderBy('o.id')
      .getRawMany<{ applicationId: string; id: string; name: string }>();
  }

  /**
   * Every member's deployments, each with its member, its application and the application's vendor, ordered by
   * member then application (one query): the processor register, which spans every member by design (its
   * caller checked the ProcessorRegister grant). Raw rows, snake_case columns.
   */
  everyDeploymentWithApplication(manager: EntityManager): Promise<Record<string, unknown>[]> {
    return unscoped(manager, 'the processor register spans every member by design (ProcessorRegister grant)')
      .createQueryBuilder(Deployment, 'd')
      .innerJoin(Organisation, 'o', 'o.id = d.organisationId')
      .innerJoin(Application, 'a', 'a.id = d.applicationId')
      .leftJoin(Organisation, 'v', 'v.id = a.vendorId')
      .select([
        'o.id AS organisation_id',
        'o.name AS organisation_name',
        'o.short_name AS short_name',
        'o.contact AS organisation_contact',
        'o.dpo AS organisation_dpo',
        'a.id AS application_id',
        'a.name AS application_name',
        'a.domain AS domain',
        'a.purpose AS purpose',
        'a.hosting AS hosting',
        'a.data_location AS data_location',
        'a.health_data AS health_data',
        'a.security_measures AS security_measures',
        'v.name AS vendor_name',
      ])
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .addOrderBy('a.name', 'ASC')
      .getRawMany<Record<string, unknown>>();
  }

  async remove(ctx: RequestContext, applicationId: string, deploymentId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      await auditedRemoval(manager, ctx, {
        subject: 'Deployment',
        entity: Deployment,
        id: deploymentId,
        label: 'Deployment',
        action: 'delete',
        within: { applicationId },
        audit: {
          action: 'deployment.delete',
          entity: 'deployment',
          before: (deployment) => ({ applicationId, organisationId: deployment.organisationId }),
        },
      });
    });
  }
}

function toView(deployment: Deployment, organisationName: string): DeploymentView {
  const { id, applicationId, organisationId, createdAt } = deployment;
  return { id, applicationId, organisationId, organisationName, createdAt };
}
