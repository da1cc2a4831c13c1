import { OrganisationOwnedEntity } from '@vigie/db';
import { Column, Entity, ForeignKey, Index } from 'typeorm';

/**
 * A security incident the operator (as processor) declares on one or more hosted applications. It belongs to
 * the operator organisation; each member deploying one of the applications receives its own breach (Art.
 * 33.2), which only that member reads.
 */
@Entity('incident')
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_incident_organisation' })
@Index('idx_incident_organisation_aware', ['organisationId', 'awareAt', 'id'])
export class Incident extends OrganisationOwnedEntity {
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  /** When the operator became aware of the incident. */
  @Column({ name: 'aware_at', type: 'timestamptz' })
  awareAt: Date;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  /** Catalog applications concerned (at least one). */
  @Column({ name: 'application_ids', type: 'uuid', array: true })
  applicationIds: string[];

  @ForeignKey('User', { name: 'FK_incident_declarer' })
  @Column({ name: 'declared_by', type: 'uuid', nullable: true })
  declaredBy: string | null;
}
