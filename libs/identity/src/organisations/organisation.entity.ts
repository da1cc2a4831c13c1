import { VersionedEntity } from '@vigie/db';
import type { OrganisationKind } from '@vigie/core';
import { Check, Column, Entity, Index } from 'typeorm';
import type {
  OrganisationContact,
  OrganisationDpo,
  OrganisationRepresentative,
} from './organisation-details';

/** The operator, a member body (data controller) or a vendor company. */
@Entity('organisation')
@Check('CHK_organisation_kind', `"kind" IN ('operator', 'member', 'vendor')`)
@Index('uq_organisation_short_name', { synchronize: false })
@Index('idx_organisation_name', ['name', 'id'])
export class Organisation extends VersionedEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Unique, case-insensitively (index on lower(short_name), declared in the migration). */
  @Column({ name: 'short_name', type: 'varchar', length: 30 })
  shortName: string;

  @Column({ type: 'varchar', length: 10 })
  kind: OrganisationKind;

  @Column({ type: 'char', length: 9, nullable: true, unique: true })
  siren: string | null;

  /** SIRET of the establishment (14 digits); single sign-on refuses a ProConnect `siret` that differs. */
  @Index('uq_organisation_siret', { unique: true })
  @Column({ type: 'char', length: 14, nullable: true })
  siret: string | null;

  /** « Connexion unique obligatoire »: its members' users sign in through the OpenID Provider only. */
  @Column({ name: 'sso_required', type: 'boolean', default: false })
  ssoRequired: boolean;

  /** Contact details (Art. 30.1.a): address, postal code, town, e-mail, telephone. */
  @Column({ type: 'jsonb', nullable: true })
  contact: OrganisationContact | null;

  /** The legal representative (e.g. the mayor). */
  @Column({ type: 'jsonb', nullable: true })
  representative: OrganisationRepresentative | null;

  /** The DPO designated to the CNIL, with contact details (on the operator: the processor's own DPO). */
  @Column({ type: 'jsonb', nullable: true })
  dpo: OrganisationDpo | null;
}
