import { OrganisationOwnedEntity } from '@vigie/db';
import { Column, Entity, ForeignKey, Index } from 'typeorm';

/** What an assessment covers. For HDS, the hosting activities (1 to 6) in scope. */
export interface AssessmentScope {
  hdsActivities?: number[];
}

/** One run of a framework's checklist by the operator (e.g. "ISO 27001 — audit initial 2026"). */
@Entity('assessment')
@Index('idx_assessment_framework_current', { synchronize: false }) // partial index (WHERE NOT archived), in the migration
@Index('idx_assessment_organisation', ['organisationId', 'createdAt'])
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_assessment_organisation' })
export class Assessment extends OrganisationOwnedEntity {
  @ForeignKey('Framework', { name: 'FK_assessment_framework' })
  @Column({ name: 'framework_id', type: 'uuid' })
  frameworkId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  scope: AssessmentScope;

  /** An archived assessment is kept for the record but is no longer the "current" one of its framework. */
  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @ForeignKey('User', { name: 'FK_assessment_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
