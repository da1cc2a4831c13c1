import { Injectable } from '@nestjs/common';
import { auditedChange, canSomewhere, findVisibleOrFail, scoped, scopedQuery } from '@vigie/authz';
import {
  assertNoNulls,
  ConflictException,
  ForbiddenActionException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
  pageOffset,
} from '@vigie/core';
import { Transactions, uniqueViolation } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { CreateApplicationDto, UpdateApplicationDto } from './application.dto';
import { Application } from './application.entity';

/** An application as the API shows it: its fields and its vendor's name. */
export interface ApplicationView extends Application {
  vendorName: string | null;
}

export interface ApplicationFilter {
  domain?: string;
}

export type NewApplication = Pick<
  Application,
  'name' | 'domain' | 'purpose' | 'vendorId' | 'hosting' | 'dataLocation' | 'healthData' | 'securityMeasures'
>;

/** The operator's application catalog: managed by its administrator and security officer. */
@Injectable()
export class ApplicationsService {
  constructor(private readonly tx: Transactions) {}

  async create(ctx: RequestContext, dto: CreateApplicationDto): Promise<ApplicationView> {
    if (!canSomewhere(ctx, 'create', 'Application')) throw new ForbiddenActionException();
    return this.tx.run(async (manager) => {
      const application = await this.insert(manager, ctx, {
        ...dto,
        purpose: dto.purpose ?? null,
        vendorId: dto.vendorId ?? null,
      });
      return (await this.withVendorNames(manager, ctx, [application]))[0];
    });
  }

  /** Inserts an application and its audit event, checking its vendor (no permission check: seeders). */
  async insert(manager: EntityManager, ctx: RequestContext, data: NewApplication): Promise<Application> {
    await this.assertVendor(manager, ctx, data.vendorId);
    const application = manager.create(Application, data);
    await this.saveUnique(manager, application);
    await recordAudit(manager, ctx, {
      action: 'application.create',
      entity: 'application',
      entityId: application.id,
      organisationId: null,
      before: null,
      after: application,
    });
    return application;
  }

  async list(
    ctx: RequestContext,
    filter: ApplicationFilter,
    query: PageQuery,
  ): Promise<Page<ApplicationView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Application', Application, 'a')
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .skip(pageOffset(query))
      .take(query.pageSize);
    if (filter.domain) qb.andWhere('a.domain = :domain', { domain: filter.domain });
    const [items, total] = await qb.getManyAndCount();
    return toPage(await this.withVendorNames(this.tx.reader, ctx, items), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<ApplicationView> {
    const application = await findVisibleOrFail(this.tx.reader, ctx, 'Application', Application, id, {
      label: 'Application',
    });
    return (await this.withVendorNames(this.tx.reader, ctx, [application]))[0];
  }

  async update(ctx: RequestContext, id: string, dto: UpdateApplicationDto): Promise<ApplicationView> {
    assertNoNulls(dto, ['purpose', 'vendorId']);
    return this.tx.run(async (manager) => {
      const application = await auditedChange(manager, ctx, {
        subject: 'Application',
        entity: Application,
        id,
        label: 'Application',
        action: 'update',
        version: dto.version,
        audit: { action: 'application.update', entity: 'application' },
        apply: async (row) => {
          const { version: _version, ...changes } = dto;
          if (changes.vendorId !== undefined) await this.assertVendor(manager, ctx, changes.vendorId);
          for (const [key, value] of Object.entries(changes)) {
            if (value !== undefined) (row as unknown as Record<string, unknown>)[key] = value;
          }
        },
        save: (m, row) => this.saveUnique(m, row),
      });
      return (await this.withVendorNames(manager, ctx, [application]))[0];
    });
  }

  /**
   * Adds each application's vendor name, in one query: read through the applications the caller reads (a
   * member reads no vendor organisation, but the name of the vendor of an application it reads).
   */
  async withVendorNames(
    manager: EntityManager,
    ctx: RequestContext,
    applications: Application[],
  ): Promise<ApplicationView[]> {
    const ids = applications.filter((a) => a.vendorId).map((a) => a.id);
    const vendors = ids.length
      ? await scoped(manager, ctx)
          .query('Application', Application, 'a')
          .innerJoin(Organisation, 'v', 'v.id = a.vendorId')
          .select('a.id', 'id')
          .addSelect('v.name', 'name')
          .andWhere('a.id IN (:...ids)', { ids })
          .getRawMany<{ id: string; name: string }>()
      : [];
    const names = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
    return applications.map((application) =>
      Object.assign(application, {
        vendorName: application.vendorId ? (names.get(application.id) ?? null) : null,
      }),
    );
  }

  /** A vendor given to an application must be a vendor organisation (its managers read every organisation). */
  private async assertVendor(
    manager: EntityManager,
    ctx: RequestContext,
    vendorId: string | null | undefined,
  ): Promise<void> {
    if (!vendorId) return;
    if (
      !(await scoped(manager, ctx).exists('Organisation', Organisation, { id: vendorId, kind: 'vendor' }))
    ) {
      throw ValidationException.field(
        'vendorId',
        'doit être l’identifiant d’une organisation de type fournisseur (vendor)',
      );
    }
  }

  private async saveUnique(manager: EntityManager, application: Application): Promise<void> {
    try {
      await manager.save(application);
    } catch (error) {
      if (uniqueViolation(error))
        throw new ConflictException('Une application porte déjà ce nom', 'duplicate');
      throw error;
    }
  }
}
