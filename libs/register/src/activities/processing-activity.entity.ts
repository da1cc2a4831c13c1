import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { DpiaDecision } from '../dpia/dpia-screening';
import type { ActivityStatus } from '../data/register-labels';
import type { DataCategory, NirUse, Purpose, Recipient, SpecialCategory, Transfer } from './activity-content';
import type { DpiaAssessment } from './dpia-assessment';

/** An entry of a member's register of processing activities (Art. 30.1 GDPR, CNIL model). */
@Entity('processing_activity')
@Check('CHK_processing_activity_status', `"status" IN ('draft', 'validated', 'archived')`)
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_processing_activity_organisation' })
@Index('idx_processing_activity_organisation_name', ['organisationId', 'name', 'id'])
@Index('idx_processing_activity_organisation_review', ['organisationId', 'status', 'reviewDate'])
// The orders of the register list (`?sort=`): by review date, by last update, by status then name.
@Index('idx_processing_activity_organisation_review_date', ['organisationId', 'reviewDate', 'id'])
@Index('idx_processing_activity_organisation_updated', ['organisationId', 'updatedAt', 'id'])
@Index('idx_processing_activity_organisation_status_name', ['organisationId', 'status', 'name', 'id'])
@Index('idx_processing_activity_application_ids', { synchronize: false })
@Index('idx_processing_activity_template', ['templateId'])
export class ProcessingActivity extends OrganisationOwnedEntity {
  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: ActivityStatus;

  /** Catalog applications used, each deployed for the member when it was set. */
  @Column({ name: 'application_ids', type: 'uuid', array: true, default: () => "'{}'" })
  applicationIds: string[];

  @Column({ type: 'jsonb' })
  purposes: Purpose[];

  @Column({ name: 'data_subjects', type: 'jsonb' })
  dataSubjects: string[];

  @Column({ name: 'data_categories', type: 'jsonb' })
  dataCategories: DataCategory[];

  @Column({ name: 'special_categories', type: 'jsonb' })
  specialCategories: SpecialCategory[];

  /** The use of the NIR and its legal ground (not an Art. 9 category). */
  @Column({ type: 'jsonb', nullable: true })
  nir: NirUse | null;

  @Column({ type: 'jsonb' })
  recipients: Recipient[];

  @Column({ type: 'jsonb' })
  transfers: Transfer[];

  /** The member's own measures (those of the applications' hosting are shown apart). */
  @Column({ name: 'security_measures', type: 'jsonb' })
  securityMeasures: string[];

  @Column({ name: 'dpia_criteria', type: 'jsonb' })
  dpiaCriteria: string[];

  @Column({ name: 'cnil_list_items', type: 'jsonb' })
  cnilListItems: string[];

  @Column({ name: 'art35_cases', type: 'jsonb' })
  art35Cases: string[];

  /**
   * The item of the CNIL list of processing types not requiring a DPIA (délibération n° 2019-118) the entry
   * falls under, by its number ("3"), as the DPO places it; null when none.
   */
  @Column({ name: 'cnil_exemption_item', type: 'varchar', length: 10, nullable: true })
  cnilExemptionItem: string | null;

  /** YYYY-MM-DD. */
  @Column({ name: 'review_date', type: 'date', nullable: true })
  reviewDate: string | null;

  @Column({ name: 'validated_at', type: 'timestamptz', nullable: true })
  validatedAt: Date | null;

  @ForeignKey('User', { name: 'FK_processing_activity_validator' })
  @Column({ name: 'validated_by', type: 'uuid', nullable: true })
  validatedBy: string | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'dpia_decision', type: 'jsonb', nullable: true })
  dpiaDecision: DpiaDecision | null;

  /** The DPIA carried out (Art. 35), recorded by the DPO. */
  @Column({ name: 'dpia_assessment', type: 'jsonb', nullable: true })
  dpiaAssessment: DpiaAssessment | null;

  /** The operator template the entry was created from, and the template version last taken over. */
  @ForeignKey('RegisterTemplate', { name: 'FK_processing_activity_template', onDelete: 'SET NULL' })
  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId: string | null;

  @Column({ name: 'template_version', type: 'integer', nullable: true })
  templateVersion: number | null;

  @ForeignKey('User', { name: 'FK_processing_activity_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ForeignKey('User', { name: 'FK_processing_activity_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
