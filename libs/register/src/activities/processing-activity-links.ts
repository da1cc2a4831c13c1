import { Injectable } from '@nestjs/common';
import { scoped, unscoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { EntityManager, In } from 'typeorm';
import { ProcessingActivity } from './processing-activity.entity';

/** What another capability may know of a processing activity it refers to. */
export interface ProcessingActivityLink {
  id: string;
  name: string;
  applicationIds: string[];
}

/** A validated entry as the public register reads it (the public view keeps only the published fields). */
export type PublishedEntry = ProcessingActivity;

/**
 * The register's public face for the capabilities that refer to processing activities (breaches, rights
 * requests, vendor assurance): they read the activities through this service, scoped for their caller, never
 * the register's table itself.
 */
@Injectable()
export class ProcessingActivityLinks {
  /** The ids among `ids` that are activities of this member visible to the caller (one query). */
  async visibleOf(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Set();
    const rows = await scoped(manager, ctx).find('ProcessingActivity', ProcessingActivity, {
      select: { id: true },
      where: { organisationId, id: In(unique) },
    });
    return new Set(rows.map((row) => row.id));
  }

  /** The activities among `ids` visible to the caller, by name. */
  async named(
    manager: EntityManager,
    ctx: RequestContext,
    ids: readonly string[],
  ): Promise<ProcessingActivityLink[]> {
    if (ids.length === 0) return [];
    const rows = await scoped(manager, ctx).find('ProcessingActivity', ProcessingActivity, {
      select: { id: true, name: true, applicationIds: true },
      where: { id: In([...new Set(ids)]) },
      order: { name: 'ASC', id: 'ASC' },
    });
    return rows.map(linkOf);
  }

  /** One activity visible to the caller, or 404. */
  async visibleOrFail(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
  ): Promise<ProcessingActivityLink> {
    return linkOf(
      await scoped(manager, ctx).visibleOrFail('ProcessingActivity', ProcessingActivity, id, {
        label: 'Processing activity',
      }),
    );
  }

  /**
   * The validated entries of a member whose DPO opened its public register (checked by the caller), by name;
   * only `entryId` when given. No caller context: the public register answers everybody.
   */
  publishedEntries(
    manager: EntityManager,
    organisationId: string,
    entryId?: string,
  ): Promise<PublishedEntry[]> {
    const qb = unscoped(manager, 'the public register is public: the published entries')
      .createQueryBuilder(ProcessingActivity, 'p')
      .where('p.organisationId = :organisationId', { organisationId })
      .andWhere("p.status = 'validated'")
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC');
    if (entryId) qb.andWhere('p.id = :entryId', { entryId });
    return qb.getMany();
  }

  /** The member's activity of this name visible to the caller, if any (demo data refers to them by name). */
  async byName(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    name: string,
  ): Promise<ProcessingActivityLink | null> {
    const row = await scoped(manager, ctx).findOne('ProcessingActivity', ProcessingActivity, {
      select: { id: true, name: true, applicationIds: true },
      where: { organisationId, name },
    });
    return row ? linkOf(row) : null;
  }
}

function linkOf(row: ProcessingActivity): ProcessingActivityLink {
  return { id: row.id, name: row.name, applicationIds: row.applicationIds ?? [] };
}
