import { OrganisationOwnedEntity } from '@vigie/db';
import { Column, Entity, Index } from 'typeorm';

/** What an assessment covers. For HDS, the hosting activities (1 to 6) in scope. */
export interface AssessmentScope {
  hdsActivities?: number[];
}

/** One run of a framework's checklist by the operator (e.g. "ISO 27001 — audit initial 2026"). */
@Entity('assessment')
@Index('idx_assessment_organisation', ['organisationId', 'createdAt'])
export class Assessment extends OrganisationOwnedEntity {
  @Column({ name: 'framework_id', type: 'uuid' })
  frameworkId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  scope: AssessmentScope;

  /** An archived assessment is kept for the record but is no longer the "current" one of its framework. */
  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
