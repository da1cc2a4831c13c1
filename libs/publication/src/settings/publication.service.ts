import { Injectable } from '@nestjs/common';
import { Action, auditedChange, canInOrganisation, scoped } from '@vigie/authz';
import {
  diffFields,
  ForbiddenActionException,
  NotFoundException,
  recordAudit,
  RequestContext,
} from '@vigie/core';
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

  /**
   * 404 unless the caller sees the member, 403 unless its role may `action` its publication; locked for a
   * change.
   */
  private async memberFor(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    action: Action,
  ): Promise<Organisation> {
    if (!canInOrganisation(ctx, 'read', 'Organisation', organisationId))
      throw new NotFoundException('Organisation');
    if (!canInOrganisation(ctx, action, 'Publication', organisationId)) throw new ForbiddenActionException();
    const query = scoped(manager, ctx)
      .query('Organisation', Organisation, 'o')
      .andWhere('o.id = :organisationId', { organisationId });
    // A change locks the member: one settings row per member, concurrent first saves meet on this lock
    // instead of the unique index.
    if (action !== 'read') query.setLock('pessimistic_write');
    const organisation = await query.getOne();
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
      const stored = await this.settingsOf(manager, ctx, organisationId);
      const saved = stored
        ? await this.change(manager, ctx, stored.id, dto)
        : await this.firstSave(manager, ctx, organisationId, dto);
      return viewOf(organisation, saved);
    });
  }

  /** A change of the stored settings, through the one audited change (version required, stale 409). */
  private change(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    dto: UpdatePublicationDto,
  ): Promise<RegisterPublication> {
    return auditedChange(manager, ctx, {
      subject: 'Publication',
      entity: RegisterPublication,
      id,
      label: 'Publication',
      action: 'update',
      version: dto.version,
      audit: {
        action: (row, before) => auditAction(before.enabled, row.enabled),
        entity: 'register-publication',
        changes: (row, before) => diffFields(auditedSettings(before), auditedSettings(row)),
      },
      apply: (row) => applySettings(row, ctx, dto),
    });
  }

  /** The first save of a member's settings (they read as version 0 until then): a creation. */
  private async firstSave(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    dto: UpdatePublicationDto,
  ): Promise<RegisterPublication> {
    assertVersion('Publication', 0, dto.version);
    const publication = manager.create(RegisterPublication, {
      organisationId,
      enabled: false,
      fields: [...DEFAULT_PUBLISHED_FIELDS],
      publishedAt: null,
    });
    applySettings(publication, ctx, dto);
    const saved = await manager.save(RegisterPublication, publication);
    await recordAudit(manager, ctx, {
      action: auditAction(false, saved.enabled),
      entity: 'register-publication',
      entityId: saved.id,
      organisationId,
      before: null,
      after: auditedSettings(saved),
    });
    return saved;
  }
}

/** Sets the settings asked for (fields absent: unchanged); opening the register dates its publication. */
function applySettings(
  publication: RegisterPublication,
  ctx: RequestContext,
  dto: UpdatePublicationDto,
): void {
  if (dto.enabled && !publication.enabled) publication.publishedAt = new Date();
  publication.enabled = dto.enabled;
  if (dto.fields) publication.fields = normaliseFields(dto.fields);
  publication.updatedBy = ctx.userId;
}

/** What the audit trail shows of the settings. */
function auditedSettings(publication: RegisterPublication): { enabled: boolean; fields: string[] } {
  return { enabled: publication.enabled, fields: publication.fields };
}

function auditAction(wasEnabled: boolean, enabled: boolean): string {
  if (enabled && !wasEnabled) return 'register-publication.publish';
  if (wasEnabled && !enabled) return 'register-publication.unpublish';
  return 'register-publication.update';
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
