import { Injectable } from '@nestjs/common';
import { scopedQuery } from '@vigie/authz';
import { Deployment, DeploymentsService } from '@vigie/catalog';
import { FieldError, RequestContext, ValidationException } from '@vigie/core';
import { ProcessingActivity } from '@vigie/register';
import { EntityManager, In } from 'typeorm';

/**
 * Checks the processing activities and applications a breach or a rights request refers to: each must be the
 * member's own (one query per kind, whatever the number of ids). `system` work (demo data) reads without the
 * caller's scope.
 */
@Injectable()
export class MemberLinks {
  constructor(private readonly deployments: DeploymentsService) {}

  async check(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    links: { processingActivityIds?: readonly string[]; applicationIds?: readonly string[] },
    system = false,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const activityIds = [...new Set(links.processingActivityIds ?? [])];
    if (activityIds.length > 0) {
      const found = system
        ? await manager.find(ProcessingActivity, {
            select: { id: true },
            where: { organisationId, id: In(activityIds) },
          })
        : await scopedQuery(manager, ctx, 'read', 'ProcessingActivity', ProcessingActivity, 'p')
            .select(['p.id'])
            .andWhere('p.organisationId = :organisationId', { organisationId })
            .andWhere('p.id IN (:...activityIds)', { activityIds })
            .getMany();
      const known = new Set(found.map((row) => row.id));
      const missing = activityIds.filter((id) => !known.has(id));
      if (missing.length > 0)
        errors.push({
          field: 'processingActivityIds',
          message: `ne sont pas des traitements de ce membre : ${missing.join(', ')}`,
        });
    }
    const applicationIds = [...new Set(links.applicationIds ?? [])];
    if (applicationIds.length > 0) {
      const deployed = system
        ? new Set(
            (
              await manager.find(Deployment, {
                select: { applicationId: true },
                where: { organisationId, applicationId: In(applicationIds) },
              })
            ).map((d) => d.applicationId),
          )
        : await this.deployments.deployedFor(manager, ctx, organisationId, applicationIds);
      const missing = applicationIds.filter((id) => !deployed.has(id));
      if (missing.length > 0)
        errors.push({
          field: 'applicationIds',
          message: `ne sont pas déployées pour ce membre : ${missing.join(', ')}`,
        });
    }
    return errors;
  }
}

/** A 400 listing every invalid field. */
export function invalid(errors: FieldError[]): never {
  throw new ValidationException(
    errors
      .slice(0, 3)
      .map((e) => `${e.field} : ${e.message}`)
      .join(' ; '),
    errors,
  );
}
