import { VersionedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';

/** Where an application runs: the operator's data centre, the vendor's SaaS, or the member's own premises. */
export const HOSTING_KINDS = ['operator', 'vendor-saas', 'member'] as const;
export type Hosting = (typeof HOSTING_KINDS)[number];

/** A business application of the operator's catalog (owned by the operator, deployed for members). */
@Entity('application')
@Check('CHK_application_hosting', `"hosting" IN ('operator', 'vendor-saas', 'member')`)
@Check('CHK_application_security_measures', `jsonb_typeof("security_measures") = 'array'`)
@Index('uq_application_name', { synchronize: false })
@Index('idx_application_name', ['name', 'id'])
@Index('idx_application_vendor', ['vendorId'])
export class Application extends VersionedEntity {
  /** Unique, case-insensitively (index on lower(name), declared in the migration). */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** One of the operator's business domains (`SIIM94.domains`). */
  @Column({ type: 'varchar', length: 100 })
  domain: string;

  /** What the application is for, in a sentence. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  purpose: string | null;

  /** The software vendor: an organisation of kind `vendor`. */
  @ForeignKey('Organisation', { name: 'FK_application_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid', nullable: true })
  vendorId: string | null;

  @Column({ type: 'varchar', length: 20 })
  hosting: Hosting;

  /** ISO 3166-1 alpha-2 code of the country where the data is stored. */
  @Column({ name: 'data_location', type: 'char', length: 2 })
  dataLocation: string;

  @Column({ name: 'health_data', type: 'boolean', default: false })
  healthData: boolean;

  /** The security measures the hosting provides: inherited by every processing that uses the application. */
  @Column({ name: 'security_measures', type: 'jsonb', default: () => "'[]'" })
  securityMeasures: string[];
}
