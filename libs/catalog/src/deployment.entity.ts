import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An application used by a member: the link through which the member sees the application. */
@Entity('deployment')
@Index('uq_deployment_application_organisation', ['applicationId', 'organisationId'], { unique: true })
@Index('idx_deployment_organisation_application', ['organisationId', 'applicationId'])
export class Deployment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Application', { name: 'FK_deployment_application', onDelete: 'CASCADE' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  /** The member using the application. */
  @ForeignKey('Organisation', { name: 'FK_deployment_organisation', onDelete: 'CASCADE' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @ForeignKey('User', { name: 'FK_deployment_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}

/** What the API shows of a deployment. */
export interface DeploymentView {
  id: string;
  applicationId: string;
  organisationId: string;
  organisationName: string;
  createdAt: Date;
}
