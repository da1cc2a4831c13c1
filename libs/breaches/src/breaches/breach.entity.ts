import { OrganisationOwnedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { BreachNature, BreachStatus, RiskLevel, WaiverGround } from './breach-rules';

/** A further notification to the CNIL completing the first one (Art. 33.4: information given in phases). */
export interface ComplementaryNotification {
  /** ISO instant. */
  at: string;
  reference: string | null;
  summary: string;
}

/** An entry of a member's breach register (Art. 33.5): the facts, their effects and the remedial action. */
@Entity('breach')
@Check('CHK_breach_status', `"status" IN ('to-assess', 'assessed', 'notified', 'not-notifiable', 'closed')`)
@Check('CHK_breach_risk_level', `"risk_level" IN ('none', 'risk', 'high-risk')`)
@Check('CHK_breach_waiver_ground', `"waiver_ground" IN ('34.3.a', '34.3.b', '34.3.c')`)
@Check('CHK_breach_natures', `jsonb_typeof("natures") = 'array'`)
@Check('CHK_breach_counts', `"approx_subjects" >= 0 AND "approx_records" >= 0`)
@ForeignKey('Organisation', ['organisationId'], ['id'], { name: 'FK_breach_organisation' })
@Index('idx_breach_organisation_aware', ['organisationId', 'awareAt', 'id'])
@Index('idx_breach_organisation_deadline', ['organisationId', 'status', 'notificationDeadline'])
@Index('uq_breach_incident_organisation', ['incidentId', 'organisationId'], { unique: true })
export class Breach extends OrganisationOwnedEntity {
  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** What happened. */
  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 20, default: 'to-assess' })
  status: BreachStatus;

  @Column({ name: 'occurred_at', type: 'timestamptz', nullable: true })
  occurredAt: Date | null;

  /** When the member (the controller) became aware: the 72 hours run from here. */
  @Column({ name: 'aware_at', type: 'timestamptz' })
  awareAt: Date;

  /** awareAt + 72 h, kept with the row so that lists filter and sort on it in SQL. */
  @Column({ name: 'notification_deadline', type: 'timestamptz' })
  notificationDeadline: Date;

  @Column({ type: 'jsonb' })
  natures: BreachNature[];

  @Column({ name: 'data_categories', type: 'jsonb' })
  dataCategories: string[];

  @Column({ name: 'subject_categories', type: 'jsonb', default: () => "'[]'" })
  subjectCategories: string[];

  /** Approximate number of people concerned (unknown at first for a breach received from the processor). */
  @Column({ name: 'approx_subjects', type: 'integer', nullable: true })
  approxSubjects: number | null;

  @Column({ name: 'approx_records', type: 'integer', nullable: true })
  approxRecords: number | null;

  @Column({ name: 'likely_consequences', type: 'text', nullable: true })
  likelyConsequences: string | null;

  @Column({ name: 'measures_taken', type: 'text', nullable: true })
  measuresTaken: string | null;

  @Column({ name: 'measures_planned', type: 'text', nullable: true })
  measuresPlanned: string | null;

  @Column({ name: 'processing_activity_ids', type: 'uuid', array: true, default: () => "'{}'" })
  processingActivityIds: string[];

  @Column({ name: 'application_ids', type: 'uuid', array: true, default: () => "'{}'" })
  applicationIds: string[];

  /** The member's own working notes: never shown outside the member. */
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'risk_level', type: 'varchar', length: 10, nullable: true })
  riskLevel: RiskLevel | null;

  @Column({ name: 'risk_assessment', type: 'text', nullable: true })
  riskAssessment: string | null;

  @Column({ name: 'assessed_at', type: 'timestamptz', nullable: true })
  assessedAt: Date | null;

  @ForeignKey('User', { name: 'FK_breach_assessor' })
  @Column({ name: 'assessed_by', type: 'uuid', nullable: true })
  assessedBy: string | null;

  @Column({ name: 'cnil_notified_at', type: 'timestamptz', nullable: true })
  cnilNotifiedAt: Date | null;

  @Column({ name: 'cnil_reference', type: 'varchar', length: 100, nullable: true })
  cnilReference: string | null;

  @Column({ name: 'notification_delay_reason', type: 'text', nullable: true })
  notificationDelayReason: string | null;

  @Column({ name: 'complementary_notifications', type: 'jsonb', default: () => "'[]'" })
  complementaryNotifications: ComplementaryNotification[];

  @Column({ name: 'not_notifiable_reason', type: 'text', nullable: true })
  notNotifiableReason: string | null;

  /** Art. 34 decision: null while undecided. */
  @Column({ name: 'subjects_informed', type: 'boolean', nullable: true })
  subjectsInformed: boolean | null;

  @Column({ name: 'subjects_informed_at', type: 'timestamptz', nullable: true })
  subjectsInformedAt: Date | null;

  @Column({ name: 'subjects_information_means', type: 'text', nullable: true })
  subjectsInformationMeans: string | null;

  @Column({ name: 'waiver_ground', type: 'varchar', length: 10, nullable: true })
  waiverGround: WaiverGround | null;

  @Column({ name: 'waiver_justification', type: 'text', nullable: true })
  waiverJustification: string | null;

  /** Art. 34.3.c: when the public communication made instead of informing each person took place. */
  @Column({ name: 'public_communication_at', type: 'timestamptz', nullable: true })
  publicCommunicationAt: Date | null;

  /** Art. 34.3.c: how it was made (press release, website, municipal bulletin…). */
  @Column({ name: 'public_communication_means', type: 'text', nullable: true })
  publicCommunicationMeans: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @ForeignKey('User', { name: 'FK_breach_closer' })
  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  /** The operator incident this breach was received from, if any. */
  @ForeignKey('Incident', { name: 'FK_breach_incident' })
  @Column({ name: 'incident_id', type: 'uuid', nullable: true })
  incidentId: string | null;

  /** When the processor became aware of the incident (the incident's awareAt), kept with the breach. */
  @Column({ name: 'processor_aware_at', type: 'timestamptz', nullable: true })
  processorAwareAt: Date | null;

  /** When the processor notified the member (Art. 33.2). */
  @Column({ name: 'processor_notified_at', type: 'timestamptz', nullable: true })
  processorNotifiedAt: Date | null;

  @ForeignKey('User', { name: 'FK_breach_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @ForeignKey('User', { name: 'FK_breach_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}
