import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { PublishableField } from './publishable-fields';

/** What a member publishes of its register: opted in (and out) by its DPO. One row per member that set it. */
@Entity('register_publication')
@Check('CHK_register_publication_fields', `jsonb_typeof("fields") = 'array'`)
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_register_publication_organisation' })
@Index('uq_register_publication_organisation', ['organisationId'], { unique: true })
export class RegisterPublication extends OrganisationOwnedEntity {
  @Column({ type: 'boolean', default: false })
  enabled: boolean;

  /** The published fields of each entry, in the order of the CNIL model (`name` always among them). */
  @Column({ type: 'jsonb' })
  fields: PublishableField[];

  /** When the register was last opened to the public (null while never published). */
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @ForeignKey('User', { name: 'FK_register_publication_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
