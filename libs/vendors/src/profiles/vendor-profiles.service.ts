import { Injectable } from '@nestjs/common';
import { auditedChange, canInOrganisation, scoped, scopedQuery } from '@vigie/authz';
import {
  ConflictException,
  diffFields,
  ForbiddenActionException,
  NotFoundException,
  recordAudit,
  RequestContext,
  StaleVersionException,
  ValidationException,
} from '@vigie/core';
import { assertVersion, Transactions, uniqueViolation } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { cleanText, todayInParis } from '../vendor-support';
import { PutVendorProfileDto } from './vendor-profile.dto';
import { HeldCertification, VendorProfile } from './vendor-profile.entity';

/** A vendor's profile as the API shows it (version 0: never saved). */
export interface VendorProfileView {
  vendorId: string;
  vendorName: string;
  siren: string | null;
  address: string | null;
  certifications: (HeldCertification & { expired: boolean })[];
  dataLocations: string[];
  subProcessors: VendorProfile['subProcessors'];
  version: number;
  updatedAt: Date | null;
}

/** Whether a certification is past its validity on `today` (YYYY-MM-DD). */
export function isExpired(certification: HeldCertification, today: string): boolean {
  return certification.validUntil !== null && certification.validUntil < today;
}

/** Vendor profiles: managed by the security officer, read by the vendor's own contacts and the administrator. */
@Injectable()
export class VendorProfilesService {
  constructor(private readonly tx: Transactions) {}

  async get(ctx: RequestContext, vendorId: string): Promise<VendorProfileView> {
    const vendor = await this.visibleVendor(this.tx.reader, ctx, vendorId);
    const profile = await scopedQuery(this.tx.reader, ctx, 'read', 'VendorProfile', VendorProfile, 'p')
      .andWhere('p.vendorId = :vendorId', { vendorId })
      .getOne();
    return toView(vendor, profile);
  }

  /** Creates or replaces a vendor's profile, at the version read last (0 before the first save). */
  async put(ctx: RequestContext, vendorId: string, dto: PutVendorProfileDto): Promise<VendorProfileView> {
    return this.tx.run(async (manager) => {
      // The vendor's row locked: the puts of one vendor's profile follow one another.
      const vendor = await this.visibleVendor(manager, ctx, vendorId, true);
      if (!canInOrganisation(ctx, 'update', 'VendorProfile', vendorId)) throw new ForbiddenActionException();
      const existing = await scoped(manager, ctx).findOne(
        'VendorProfile',
        VendorProfile,
        { select: { id: true }, where: { vendorId } },
        'update',
      );
      const profile = existing
        ? await this.replace(manager, ctx, vendor, existing.id, dto)
        : await this.create(manager, ctx, vendor, dto);
      return toView(vendor, profile);
    });
  }

  /** The first save of a vendor's profile (version 0). */
  private async create(
    manager: EntityManager,
    ctx: RequestContext,
    vendor: Organisation,
    dto: PutVendorProfileDto,
  ): Promise<VendorProfile> {
    assertVersion('Vendor profile', 0, dto.version);
    checkCertifications(dto);
    const profile = manager.create(VendorProfile, { vendorId: vendor.id, ...profileFields(ctx, dto) });
    try {
      await manager.save(profile);
    } catch (error) {
      // Two first saves at once: the loser read version 0 like the winner.
      if (uniqueViolation(error)) throw new StaleVersionException('Vendor profile', 1);
      throw error;
    }
    await this.saveSiren(manager, vendor, dto.siren);
    await recordAudit(manager, ctx, {
      action: 'vendor-profile.create',
      entity: 'vendor-profile',
      entityId: profile.id,
      organisationId: vendor.id,
      before: null,
      after: { ...profile, siren: vendor.siren },
    });
    return profile;
  }

  /** A change of an existing profile, through `auditedChange()` (its audit event shows the SIREN too). */
  private replace(
    manager: EntityManager,
    ctx: RequestContext,
    vendor: Organisation,
    id: string,
    dto: PutVendorProfileDto,
  ): Promise<VendorProfile> {
    const sirenBefore = vendor.siren;
    return auditedChange(manager, ctx, {
      subject: 'VendorProfile',
      entity: VendorProfile,
      id,
      label: 'Vendor profile',
      action: 'update',
      version: dto.version,
      audit: {
        action: 'vendor-profile.update',
        entity: 'vendor-profile',
        changes: (row, before) =>
          diffFields({ ...before, siren: sirenBefore }, { ...row, siren: vendor.siren }),
      },
      auditOrganisation: () => vendor.id,
      apply: async (row) => {
        checkCertifications(dto);
        Object.assign(row, profileFields(ctx, dto));
        await this.saveSiren(manager, vendor, dto.siren);
      },
    });
  }

  /** The SIREN is the organisation's (one place, unique): the profile writes it there. */
  private async saveSiren(
    manager: EntityManager,
    vendor: Organisation,
    siren: string | null | undefined,
  ): Promise<void> {
    if (siren === undefined || siren === vendor.siren) return;
    vendor.siren = siren;
    try {
      await manager.save(vendor);
    } catch (error) {
      if (uniqueViolation(error))
        throw new ConflictException('Une organisation porte déjà ce numéro SIREN', 'duplicate');
      throw error;
    }
  }

  /** The vendor organisation, if the caller may read its profile (404 otherwise, as for an unknown id). */
  private async visibleVendor(
    manager: EntityManager,
    ctx: RequestContext,
    vendorId: string,
    lock = false,
  ): Promise<Organisation> {
    if (!canInOrganisation(ctx, 'read', 'VendorProfile', vendorId)) throw new NotFoundException('Vendor');
    const qb = scoped(manager, ctx)
      .query('Organisation', Organisation, 'o')
      .andWhere('o.id = :vendorId AND o.kind = :kind', { vendorId, kind: 'vendor' });
    if (lock) qb.setLock('pessimistic_write');
    const vendor = await qb.getOne();
    if (!vendor) throw new NotFoundException('Vendor');
    return vendor;
  }
}

/** 400 when a certification ends before it starts. */
function checkCertifications(dto: PutVendorProfileDto): void {
  dto.certifications.forEach((c, i) => {
    if (c.validFrom && c.validUntil && c.validUntil < c.validFrom)
      throw ValidationException.field(`certifications[${i}].validUntil`, 'ne doit pas précéder validFrom');
  });
}

/** The fields of a profile a put writes, cleaned. */
function profileFields(ctx: RequestContext, dto: PutVendorProfileDto) {
  return {
    address: cleanText(dto.address),
    certifications: dto.certifications.map((c) => ({
      kind: c.kind,
      reference: c.reference,
      validFrom: c.validFrom ?? null,
      validUntil: c.validUntil ?? null,
      scope: cleanText(c.scope),
    })),
    dataLocations: [...new Set(dto.dataLocations)],
    subProcessors: dto.subProcessors.map(({ name, service, country }) => ({ name, service, country })),
    updatedBy: ctx.userId,
  };
}

function toView(vendor: Organisation, profile: VendorProfile | null): VendorProfileView {
  const today = todayInParis();
  return {
    vendorId: vendor.id,
    vendorName: vendor.name,
    siren: vendor.siren,
    address: profile?.address ?? null,
    certifications: (profile?.certifications ?? []).map((c) => ({ ...c, expired: isExpired(c, today) })),
    dataLocations: profile?.dataLocations ?? [],
    subProcessors: profile?.subProcessors ?? [],
    version: profile?.version ?? 0,
    updatedAt: profile?.updatedAt ?? null,
  };
}
