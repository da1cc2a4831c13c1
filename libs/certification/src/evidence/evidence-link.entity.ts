import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** "This evidence supports this requirement assessment": one file may support several, across frameworks. */
@Entity('evidence_link')
@Index('uq_evidence_link', ['requirementAssessmentId', 'evidenceId'], { unique: true })
@Index('idx_evidence_link_evidence', ['evidenceId'])
@Index('idx_evidence_link_organisation', ['organisationId'])
export class EvidenceLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Organisation', { name: 'FK_evidence_link_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ForeignKey('Evidence', { name: 'FK_evidence_link_evidence', onDelete: 'CASCADE' })
  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId: string;

  @ForeignKey('RequirementAssessment', {
    name: 'FK_evidence_link_requirement_assessment',
    onDelete: 'CASCADE',
  })
  @Column({ name: 'requirement_assessment_id', type: 'uuid' })
  requirementAssessmentId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ForeignKey('User', { name: 'FK_evidence_link_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
