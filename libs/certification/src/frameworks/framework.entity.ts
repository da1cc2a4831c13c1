import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One scope option of a framework (for HDS: the hosting activities of CSP R.1111-9). */
export interface FrameworkActivity {
  number: number;
  /** As readers read it (for HDS: the French wording of art. R.1111-9). */
  label: string;
  /** The English label, when the referential has one. */
  labelEn?: string;
}

/**
 * A certification framework (ISO/IEC 27001:2022, HDS v2, or one imported with `framework:import`). Read-only
 * reference data: a new edition is a new framework with its own code, never an update of this one.
 */
@Entity('framework')
export class Framework {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable identifier used by the API (`iso27001-2022`, `hds-v2`). */
  @Column({ type: 'varchar', length: 50, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Edition of the referential (e.g. `2022`, `v2 (arrêté du 26 avril 2024)`). */
  @Column({ type: 'varchar', length: 50 })
  edition: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Loaded from `libs/reference-data` at start-up (as opposed to imported). */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  activities: FrameworkActivity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
