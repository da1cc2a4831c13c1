import { Inject, Injectable } from '@nestjs/common';
import {
  auditedChange,
  canSomewhere,
  findVisibleOrFail,
  Permission,
  scopeSignature,
  scopedQuery,
} from '@vigie/authz';
import {
  APP_CONFIG,
  AppConfig,
  assertNoNulls,
  ConflictException,
  ForbiddenActionException,
  NotFoundException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPlainPageAnswer, findPlainRows, Transactions, uniqueViolation } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { Organisation } from './organisation.entity';
import {
  DETAIL_PARTS,
  mergeDetailPart,
  OrganisationContact,
  OrganisationDpo,
  OrganisationRepresentative,
} from './organisation-details';

/** The fields only the administrator changes (the details have a grant of their own, see the role table). */
const IDENTITY_FIELDS = ['name', 'shortName', 'siren', 'siret', 'ssoRequired'] as const;

export type NewOrganisation = Pick<Organisation, 'name' | 'shortName' | 'kind' | 'siren'> &
  Partial<Pick<Organisation, 'contact' | 'representative' | 'dpo' | 'siret' | 'ssoRequired'>>;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The SIRET begins with the SIREN when both are known, and « connexion unique obligatoire » needs a provider
   * to sign in with (else its members could not sign in at all).
   */
  private assertSignInRules(organisation: Pick<Organisation, 'siren' | 'siret'>, ssoTurnedOn: boolean): void {
    if (organisation.siren && organisation.siret && !organisation.siret.startsWith(organisation.siren)) {
      throw ValidationException.field('siret', 'doit commencer par le SIREN de l’organisation');
    }
    if (ssoTurnedOn && !this.config.oidc) {
      throw ValidationException.field(
        'ssoRequired',
        'ne peut être activée : aucune connexion unique n’est configurée (VIGIE_OIDC_ISSUER)',
      );
    }
  }

  async create(ctx: RequestContext, dto: CreateOrganisationDto): Promise<Organisation> {
    if (!canSomewhere(ctx, 'create', 'Organisation')) throw new ForbiddenActionException();
    return this.tx.run((manager) =>
      this.insert(manager, ctx, {
        name: dto.name,
        shortName: dto.shortName,
        kind: dto.kind,
        siren: dto.siren ?? null,
        siret: dto.siret ?? null,
        ssoRequired: dto.ssoRequired ?? false,
        contact: mergeDetailPart<OrganisationContact>(null, dto.contact),
        representative: mergeDetailPart<OrganisationRepresentative>(null, dto.representative),
        dpo: mergeDetailPart<OrganisationDpo>(null, dto.dpo),
      }),
    );
  }

  /** Inserts an organisation and its audit event, without permission checks (bootstrap, CLI, create). */
  async insert(manager: EntityManager, ctx: RequestContext, data: NewOrganisation): Promise<Organisation> {
    const organisation = manager.create(Organisation, {
      contact: null,
      representative: null,
      dpo: null,
      siret: null,
      ssoRequired: false,
      ...data,
    });
    this.assertSignInRules(organisation, organisation.ssoRequired);
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

  /**
   * A page of the organisations the caller may read, as the JSON text of `answer` (the controller's view of
   * the page). Its SQL is built once per caller scope and filter, and the text is kept while no organisation
   * changes (`findPlainPageAnswer`: the table's change mark is read at each call).
   */
  async listAnswer(
    ctx: RequestContext,
    query: PageQuery & { kind?: string },
    answer: (page: Page<Organisation>) => unknown,
  ): Promise<string> {
    return findPlainPageAnswer(
      this.tx.reader,
      (manager) => {
        const qb = scopedQuery(manager, ctx, 'read', 'Organisation', Organisation, 'o')
          .orderBy('o.name', 'ASC')
          .addOrderBy('o.id', 'ASC');
        if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
        return qb;
      },
      query,
      `organisations|${scopeSignature(ctx)}|${query.kind ?? ''}`,
      ({ items, total }) => JSON.stringify(answer(toPage(items, total, query))),
    );
  }

  /**
   * One organisation the caller may read, or 404 exactly as for an id that does not exist: the query of
   * {@link findVisibleOrFail} (tenant filter and CASL rules in SQL), answered as a plain record with its SQL
   * built once per caller scope (the id is its only value), or on a transaction's entities when given one.
   */
  async get(ctx: RequestContext, id: string, manager?: EntityManager): Promise<Organisation> {
    if (manager)
      return findVisibleOrFail(manager, ctx, 'Organisation', Organisation, id, { label: 'Organisation' });
    const [organisation] = await findPlainRows(
      this.tx.reader,
      (reader) =>
        scopedQuery(reader, ctx, 'read', 'Organisation', Organisation, 'row').andWhere('row.id = :id'),
      { id },
      `organisation|${scopeSignature(ctx)}`,
    );
    if (!organisation) throw new NotFoundException('Organisation');
    return organisation;
  }

  /**
   * Updates an organisation. Its name, short name, SIREN, SIRET and sign-in policy need `update` on `Organisation` (the
   * administrator); its contact, representative and DPO need `update` on `OrganisationDetails`, which a member's
   * DPO holds on its own member: a DPO changing anything else is refused (403) and nothing is written.
   */
  async update(ctx: RequestContext, id: string, dto: UpdateOrganisationDto): Promise<Organisation> {
    assertNoNulls(dto, ['siren', 'siret', ...DETAIL_PARTS]);
    const touchesIdentity = IDENTITY_FIELDS.some((field) => dto[field] !== undefined);
    const touchesDetails = DETAIL_PARTS.some((part) => dto[part] !== undefined);
    const permissions: Permission[] = [
      ...(touchesIdentity || !touchesDetails ? [{ action: 'update', subject: 'Organisation' } as const] : []),
      ...(touchesDetails ? [{ action: 'update', subject: 'OrganisationDetails' } as const] : []),
    ];
    return this.tx.run((manager) =>
      auditedChange(manager, ctx, {
        subject: 'Organisation',
        entity: Organisation,
        id,
        label: 'Organisation',
        action: permissions,
        version: dto.version,
        audit: { action: 'organisation.update', entity: 'organisation' },
        auditOrganisation: (organisation) => organisation.id,
        apply: (organisation) => {
          if (dto.name !== undefined) organisation.name = dto.name;
          if (dto.shortName !== undefined) organisation.shortName = dto.shortName;
          if (dto.siren !== undefined) organisation.siren = dto.siren;
          if (dto.siret !== undefined) organisation.siret = dto.siret;
          if (dto.ssoRequired !== undefined) organisation.ssoRequired = dto.ssoRequired;
          this.assertSignInRules(organisation, dto.ssoRequired === true);
          organisation.contact = mergeDetailPart<OrganisationContact>(organisation.contact, dto.contact);
          organisation.representative = mergeDetailPart<OrganisationRepresentative>(
            organisation.representative,
            dto.representative,
          );
          organisation.dpo = mergeDetailPart<OrganisationDpo>(organisation.dpo, dto.dpo);
        },
        save: (m, organisation) => this.saveUnique(m, organisation),
      }),
    );
  }

  private async saveUnique(manager: EntityManager, organisation: Organisation): Promise<void> {
    try {
      await manager.save(organisation);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.includes('short_name'))
        throw new ConflictException('Une organisation porte déjà ce nom court', 'duplicate');
      if (constraint?.includes('siret'))
        throw new ConflictException('Une organisation porte déjà ce numéro SIRET', 'duplicate');
      if (constraint) throw new ConflictException('Une organisation porte déjà ce numéro SIREN', 'duplicate');
      throw error;
    }
  }
}
