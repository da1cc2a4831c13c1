import { Injectable } from '@nestjs/common';
import { Action, canInOrganisation, scoped, unscoped } from '@vigie/authz';
import { ForbiddenActionException, NotFoundException, recordAudit, RequestContext } from '@vigie/core';
import { assertVersion, Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { PublicRegister, PublicRegisterService } from '../public-register/public-register.service';
import { PublicationView, UpdatePublicationDto } from './publication.dto';
import {
  DEFAULT_PUBLISHED_FIELDS,
  normaliseFields,
  PUBLISHABLE_FIELD_LABELS,
  PUBLISHABLE_FIELDS,
  PublishableField,
} from './publishable-fields';
import { RegisterPublication } from './register-publication.entity';

/** The site-root addresses of a member's public register. */
export function publicAddresses(shortName: string): PublicationView['addresses'] {
  const base = `/public/${encodeURIComponent(shortName)}/registre`;
  return { html: base, json: `${base}.json`, csv: `${base}.csv` };
}

/** A member's publication settings: read by its staff, set by its DPO, every change audited. */
@Injectable()
export class PublicationService {
  constructor(
    private readonly tx: Transactions,
    private readonly registers: PublicRegisterService,
  ) {}

  /** 404 unless the caller sees the member, 403 unless its role may `action` its publication. */
  private async memberFor(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    action: Action,
  ): Promise<Organisation> {
    if (!canInOrganisation(ctx, 'read', 'Organisation', organisationId))
      throw new NotFoundException('Organisation');
    if (!canInOrganisation(ctx, action, 'Publication', organisationId)) throw new ForbiddenActionException();
    const organisation = await scoped(manager, ctx).findOneBy('Organisation', Organisation, {
      id: organisationId,
    });
    if (!organisation || organisation.kind !== 'member') throw new NotFoundException('Organisation');
    return organisation;
  }

  /** The member's stored settings (null before the first save), read scoped for the caller. */
  private settingsOf(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
  ): Promise<RegisterPublication | null> {
    return scoped(manager, ctx).findOneBy('Publication', RegisterPublication, { organisationId });
  }

  async get(ctx: RequestContext, organisationId: string): Promise<PublicationView> {
    const organisation = await this.memberFor(this.tx.reader, ctx, organisationId, 'read');
    const stored = await this.settingsOf(this.tx.reader, ctx, organisationId);
    return viewOf(organisation, stored);
  }

  /**
   * The public register as it would be with the stored fields, or with `fields` when given (the DPO trying a
   * choice before saving it), whether published or not.
   */
  async preview(
    ctx: RequestContext,
    organisationId: string,
    fields?: readonly string[],
  ): Promise<PublicRegister> {
    const organisation = await this.memberFor(this.tx.reader, ctx, organisationId, 'read');
    const stored = await this.settingsOf(this.tx.reader, ctx, organisationId);
    const chosen = fields ? normaliseFields(fields) : (stored?.fields ?? [...DEFAULT_PUBLISHED_FIELDS]);
    return this.registers.preview(organisation, chosen, stored?.updatedAt ?? organisation.createdAt);
  }

  async update(
    ctx: RequestContext,
    organisationId: string,
    dto: UpdatePublicationDto,
  ): Promise<PublicationView> {
    return this.tx.run(async (manager) => {
      const organisation = await this.memberFor(manager, ctx, organisationId, 'update');
      // One settings row per member: concurrent first saves meet on this lock instead of the unique index.
      await unscoped(manager, 'locks the member whose settings the caller may update').query(
        'SELECT id FROM organisation WHERE id = $1 FOR UPDATE',
        [organisationId],
      );
      const stored = await this.settingsOf(manager, ctx, organisationId);
      if (stored) assertVersion('Publication', stored.version, dto.version);
      else if (dto.version !== undefined && dto.version !== 0) assertVersion('Publication', 0, dto.version);
      const before = stored ? { enabled: stored.enabled, fields: stored.fields } : null;
      const fields = dto.fields
        ? normaliseFields(dto.fields)
        : (stored?.fields ?? [...DEFAULT_PUBLISHED_FIELDS]);
      const publication =
        stored ?? manager.create(RegisterPublication, { organisationId, publishedAt: null });
      const opening = dto.enabled && !stored?.enabled;
      publication.enabled = dto.enabled;
      publication.fields = fields;
      publication.updatedBy = ctx.userId;
      if (opening) publication.publishedAt = new Date();
      const saved = await manager.save(RegisterPublication, publication);
      const action = opening
        ? 'register-publication.publish'
        : before?.enabled && !dto.enabled
          ? 'register-publication.unpublish'
          : 'register-publication.update';
      await recordAudit(manager, ctx, {
        action,
        entity: 'register-publication',
        entityId: saved.id,
        organisationId,
        before,
        after: { enabled: saved.enabled, fields: saved.fields },
      });
      return viewOf(organisation, saved);
    });
  }
}

function viewOf(organisation: Organisation, stored: RegisterPublication | null): PublicationView {
  const fields: PublishableField[] = stored?.fields ?? [...DEFAULT_PUBLISHED_FIELDS];
  return {
    organisationId: organisation.id,
    enabled: stored?.enabled ?? false,
    fields,
    version: stored?.version ?? 0,
    publishedAt: stored?.publishedAt ?? null,
    updatedAt: stored?.updatedAt ?? null,
    availableFields: PUBLISHABLE_FIELDS.map((key) => ({
      key,
      label: PUBLISHABLE_FIELD_LABELS[key],
      default: DEFAULT_PUBLISHED_FIELDS.includes(key),
    })),
    addresses: publicAddresses(organisation.shortName),
  };
}
