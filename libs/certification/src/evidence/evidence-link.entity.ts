import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** "This evidence supports this requirement assessment": one file may support several, across frameworks. */
@Entity('evidence_link')
@Index('uq_evidence_link', ['requirementAssessmentId', 'evidenceId'], { unique: true })
@Index('idx_evidence_link_evidence', ['evidenceId'])
export class EvidenceLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @Column({ name: 'requirement_assessment_id', type: 'uuid' })
  requirementAssessmentId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
