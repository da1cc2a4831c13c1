import { VersionedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';

export const CERTIFICATION_KINDS = ['hds', 'iso27001', 'other'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

/** A certification the vendor holds, with its validity. */
export interface HeldCertification {
  kind: CertificationKind;
  /** Certificate number or name of the certification (for `other`). */
  reference: string;
  /** YYYY-MM-DD. */
  validFrom: string | null;
  /** YYYY-MM-DD; after it the certification shows as expired. */
  validUntil: string | null;
  scope?: string | null;
}

/** A sub-processor the vendor declares. */
export interface DeclaredSubProcessor {
  name: string;
  service: string;
  /** ISO 3166-1 alpha-2 code. */
  country: string;
}

/** What the operator knows of a vendor company (one per organisation of kind `vendor`). */
@Entity('vendor_profile')
@Check('CHK_vendor_profile_certifications', `jsonb_typeof("certifications") = 'array'`)
@Check('CHK_vendor_profile_data_locations', `jsonb_typeof("data_locations") = 'array'`)
@Check('CHK_vendor_profile_sub_processors', `jsonb_typeof("sub_processors") = 'array'`)
@Index('uq_vendor_profile_vendor', ['vendorId'], { unique: true })
export class VendorProfile extends VersionedEntity {
  @ForeignKey('Organisation', { name: 'FK_vendor_profile_vendor', onDelete: 'CASCADE' })
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  certifications: HeldCertification[];

  /** ISO 3166-1 alpha-2 codes of where the vendor stores or processes data. */
  @Column({ name: 'data_locations', type: 'jsonb', default: () => "'[]'" })
  dataLocations: string[];

  @Column({ name: 'sub_processors', type: 'jsonb', default: () => "'[]'" })
  subProcessors: DeclaredSubProcessor[];

  @ForeignKey('User', { name: 'FK_vendor_profile_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
