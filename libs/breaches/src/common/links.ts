import { Injectable } from '@nestjs/common';
import { DeploymentsService } from '@vigie/catalog';
import { FieldError, RequestContext, ValidationException } from '@vigie/core';
import { ProcessingActivityLinks } from '@vigie/register';
import { EntityManager } from 'typeorm';

/**
 * Checks the processing activities and applications a breach or a rights request refers to: each must be the
 * member's own and visible to the caller (one query per kind, whatever the number of ids). System work (demo
 * data) passes `RequestContext.system()`, whose scope is every organisation.
 */
@Injectable()
export class MemberLinks {
  constructor(
    private readonly deployments: DeploymentsService,
    private readonly activities: ProcessingActivityLinks,
  ) {}

  async check(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    links: { processingActivityIds?: readonly string[]; applicationIds?: readonly string[] },
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    const activityIds = [...new Set(links.processingActivityIds ?? [])];
    if (activityIds.length > 0) {
      const known = await this.activities.visibleOf(manager, ctx, organisationId, activityIds);
      const missing = activityIds.filter((id) => !known.has(id));
      if (missing.length > 0)
        errors.push({
          field: 'processingActivityIds',
          message: `ne sont pas des traitements de ce membre : ${missing.join(', ')}`,
        });
    }
    const applicationIds = [...new Set(links.applicationIds ?? [])];
    if (applicationIds.length > 0) {
      const deployed = await this.deployments.deployedFor(manager, ctx, organisationId, applicationIds);
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
