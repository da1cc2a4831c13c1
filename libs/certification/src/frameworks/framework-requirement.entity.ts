import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RequirementKind = 'clause' | 'control' | 'requirement';

/**
 * One clause, control or requirement of a framework. `assessable` ones get a requirement assessment in every
 * assessment of the framework; the others (e.g. ISO clause 6.1, whose content is its sub-clauses) structure it.
 */
@Entity('framework_requirement')
@Check('CHK_framework_requirement_kind', `"kind" IN ('clause', 'control', 'requirement')`)
@Index('uq_framework_requirement_ref', ['frameworkId', 'ref'], { unique: true })
@Index('idx_framework_requirement_position', ['frameworkId', 'position'])
export class FrameworkRequirement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Framework', { name: 'FK_framework_requirement_framework', onDelete: 'CASCADE' })
  @Column({ name: 'framework_id', type: 'uuid' })
  frameworkId: string;

  /** `6.1.2` (ISO clause), `A.5.18` (ISO Annex A control), `EXI-05` (HDS). */
  @Column({ type: 'varchar', length: 50 })
  ref: string;

  /** As readers read it: French for the built-in frameworks. */
  @Column({ type: 'text' })
  title: string;

  /** The English title of the referential (built-in frameworks), null when it has none. */
  @Column({ name: 'title_en', type: 'text', nullable: true })
  titleEn: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: RequirementKind;

  /** Theme (ISO Annex A), clause (ISO 4–10) or chapter (HDS): what progress is grouped by. */
  @Column({ name: 'group_label', type: 'varchar', length: 200 })
  group: string;

  /** The English name of the group (`Organizational controls`), null when the referential has none. */
  @Column({ name: 'group_label_en', type: 'varchar', length: 200, nullable: true })
  groupEn: string | null;

  @Column({ name: 'parent_ref', type: 'varchar', length: 50, nullable: true })
  parentRef: string | null;

  /** The anchor as the referential writes it (`6.1.2`, `CSP R.1111-11 1°`…). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  anchor: string | null;

  /** When the anchor is a requirement of another framework held here: its framework code and ref. */
  @Column({ name: 'anchor_framework_code', type: 'varchar', length: 50, nullable: true })
  anchorFrameworkCode: string | null;

  @Column({ name: 'anchor_ref', type: 'varchar', length: 50, nullable: true })
  anchorRef: string | null;

  @Column({ type: 'boolean' })
  assessable: boolean;

  @Column({ type: 'integer' })
  position: number;
}
