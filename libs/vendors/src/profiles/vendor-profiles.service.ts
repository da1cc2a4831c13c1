import { Injectable } from '@nestjs/common';
import { canInOrganisation, scoped, scopedQuery, unscoped } from '@vigie/authz';
import {
  ConflictException,
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

  async put(ctx: RequestContext, vendorId: string, dto: PutVendorProfileDto): Promise<VendorProfileView> {
    return this.tx.run(async (manager) => {
      const vendor = await this.visibleVendor(manager, ctx, vendorId, true);
      if (!canInOrganisation(ctx, 'update', 'VendorProfile', vendorId)) throw new ForbiddenActionException();
      const existing = await scoped(manager, ctx)
        .query('VendorProfile', VendorProfile, 'p', 'update')
        .setLock('pessimistic_write')
        .andWhere('p.vendorId = :vendorId', { vendorId })
        .getOne();
      assertVersion('Vendor profile', existing?.version ?? 0, dto.version);
      dto.certifications.forEach((c, i) => {
        if (c.validFrom && c.validUntil && c.validUntil < c.validFrom)
          throw ValidationException.field(
            `certifications[${i}].validUntil`,
            'ne doit pas précéder validFrom',
          );
      });
      const before = existing ? { ...existing, siren: vendor.siren } : null;
      const profile = existing ?? manager.create(VendorProfile, { vendorId });
      Object.assign(profile, {
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
      });
      try {
        await manager.save(profile);
      } catch (error) {
        // Two first saves at once: the loser read version 0 like the winner.
        if (uniqueViolation(error)) throw new StaleVersionException('Vendor profile', 1);
        throw error;
      }
      if (dto.siren !== undefined && dto.siren !== vendor.siren)
        await this.saveSiren(manager, vendor, dto.siren);
      await recordAudit(manager, ctx, {
        action: existing ? 'vendor-profile.update' : 'vendor-profile.create',
        entity: 'vendor-profile',
        entityId: profile.id,
        organisationId: vendorId,
        before,
        after: { ...profile, siren: vendor.siren },
      });
      return toView(vendor, profile);
    });
  }

  /** The SIREN is the organisation's (one place, unique): the profile writes it there. */
  private async saveSiren(manager: EntityManager, vendor: Organisation, siren: string | null): Promise<void> {
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
    const qb = unscoped(manager, 'the vendor organisation, after canInOrganisation on VendorProfile above')
      .createQueryBuilder(Organisation, 'o')
      .where('o.id = :vendorId AND o.kind = :kind', { vendorId, kind: 'vendor' });
    if (lock) qb.setLock('pessimistic_write');
    const vendor = await qb.getOne();
    if (!vendor) throw new NotFoundException('Vendor');
    return vendor;
  }
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
