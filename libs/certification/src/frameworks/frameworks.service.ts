import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { scopedQuery, unscoped } from '@vigie/authz';
import { NotFoundException, Page, PageQuery, RequestContext, toPage, pageOffset } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { ensureBuiltinFrameworks } from './framework-catalog';
import { FrameworkActivity, Framework } from './framework.entity';
import { FrameworkRequirement } from './framework-requirement.entity';

export interface FrameworkView {
  code: string;
  name: string;
  edition: string;
  description: string | null;
  builtin: boolean;
  activities: FrameworkActivity[];
  requirementCount: number;
  assessableCount: number;
}

export interface FrameworkRequirementView {
  id: string;
  ref: string;
  /** French for the built-in frameworks. */
  title: string;
  /** The English title of the referential, null when it has none. */
  titleEn: string | null;
  kind: string;
  theme: string;
  themeEn: string | null;
  parentRef: string | null;
  assessable: boolean;
  anchor: { label: string; frameworkCode: string | null; ref: string | null } | null;
}

export interface RequirementQuery extends PageQuery {
  kind?: string;
  theme?: string;
}

/**
 * Frameworks are read-only reference data. The built-in ones are loaded from `libs/reference-data` when the
 * module starts (after the migrations), idempotently: see {@link ensureBuiltinFrameworks}.
 */
@Injectable()
export class FrameworksService implements OnModuleInit {
  private readonly logger = new Logger('Frameworks');

  constructor(private readonly tx: Transactions) {}

  /**
   * Requirements are global reference data and no subject of the role table: they are read only for a
   * framework the caller reads (every query here is keyed by frameworks read through the `Framework` subject).
   */
  private get requirementCatalog(): EntityManager {
    return unscoped(
      this.tx.reader,
      'the requirements of frameworks the caller reads (global reference data)',
    );
  }

  async onModuleInit(): Promise<void> {
    const outcome = await this.tx.run((manager) => ensureBuiltinFrameworks(manager));
    if (outcome.created.length) this.logger.log(`Built-in frameworks loaded: ${outcome.created.join(', ')}`);
    for (const warning of outcome.warnings) this.logger.warn(warning);
  }

  async list(ctx: RequestContext, query: PageQuery): Promise<Page<FrameworkView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Framework', Framework, 'f')
      .orderBy('f.builtin', 'DESC')
      .addOrderBy('f.code', 'ASC')
      .skip(pageOffset(query))
      .take(query.pageSize);
    const [frameworks, total] = await qb.getManyAndCount();
    const byId = await this.requirementCounts(ctx, frameworks);
    return toPage(
      frameworks.map((f) => toView(f, byId.get(f.id)?.total ?? 0, byId.get(f.id)?.assessable ?? 0)),
      total,
      query,
    );
  }

  async get(ctx: RequestContext, code: string): Promise<FrameworkView> {
    const framework = await this.visible(ctx, code);
    const counts = (await this.requirementCounts(ctx, [framework])).get(framework.id);
    return toView(framework, counts?.total ?? 0, counts?.assessable ?? 0);
  }

  async requirements(
    ctx: RequestContext,
    code: string,
    query: RequirementQuery,
  ): Promise<Page<FrameworkRequirementView>> {
    const framework = await this.visible(ctx, code);
    const qb = this.requirementCatalog
      .createQueryBuilder(FrameworkRequirement, 'r')
      .where('r.frameworkId = :id', { id: framework.id })
      .orderBy('r.position', 'ASC')
      .skip(pageOffset(query))
      .take(query.pageSize);
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.theme) qb.andWhere('(r.group = :theme OR r.groupEn = :theme)', { theme: query.theme });
    const [rows, total] = await qb.getManyAndCount();
    return toPage(
      rows.map((r) => ({
        id: r.id,
        ref: r.ref,
        title: r.title,
        titleEn: r.titleEn,
        kind: r.kind,
        theme: r.group,
        themeEn: r.groupEn,
        parentRef: r.parentRef,
        assessable: r.assessable,
        anchor: r.anchor ? { label: r.anchor, frameworkCode: r.anchorFrameworkCode, ref: r.anchorRef } : null,
      })),
      total,
      query,
    );
  }

  /** How many requirements, and assessable ones, each of these frameworks (read by the caller) holds. */
  private async requirementCounts(
    ctx: RequestContext,
    frameworks: Framework[],
  ): Promise<Map<string, { total: number; assessable: number }>> {
    if (frameworks.length === 0) return new Map();
    const rows = await scopedQuery(this.tx.reader, ctx, 'read', 'Framework', Framework, 'f')
      .innerJoin(FrameworkRequirement, 'r', 'r.frameworkId = f.id')
      .select('f.id', 'id')
      .addSelect('count(*)::int', 'total')
      .addSelect('count(*) FILTER (WHERE r.assessable)::int', 'assessable')
      .andWhere('f.id IN (:...ids)', { ids: frameworks.map((f) => f.id) })
      .groupBy('f.id')
      .getRawMany<{ id: string; total: number; assessable: number }>();
    return new Map(rows.map((row) => [row.id, row]));
  }

  private async visible(ctx: RequestContext, code: string): Promise<Framework> {
    const framework = await scopedQuery(this.tx.reader, ctx, 'read', 'Framework', Framework, 'f')
      .andWhere('f.code = :code', { code })
      .getOne();
    if (!framework) throw new NotFoundException('Framework');
    return framework;
  }
}

function toView(framework: Framework, requirementCount: number, assessableCount: number): FrameworkView {
  const { code, name, edition, description, builtin, activities } = framework;
  return { code, name, edition, description, builtin, activities, requirementCount, assessableCount };
}
