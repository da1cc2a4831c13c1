import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * Id, timestamps and optimistic-locking version shared by mutable resources. TypeORM increments `version` on
 * every save; `assertVersion` compares it with the one the client last read.
 */
export abstract class VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ default: 1 })
  version: number;
}

/** The same, for rows owned by one organisation. */
export abstract class OrganisationOwnedEntity extends VersionedEntity {
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;
}
