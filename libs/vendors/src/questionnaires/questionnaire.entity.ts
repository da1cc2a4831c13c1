import { VersionedEntity } from '@vigie/db';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AnswerValue } from './answer-rules';

export const QUESTIONNAIRE_STATUSES = [
  'sent',
  'in-progress',
  'submitted',
  'changes-requested',
  'accepted',
] as const;
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];

/**
 * A questionnaire sent to a vendor: it belongs to the vendor (`vendorId`, the tenant its contacts reach) and
 * was sent by the operator (`organisationId`).
 */
@Entity('questionnaire')
@Check(
  'CHK_questionnaire_status',
  `"status" IN ('sent', 'in-progress', 'submitted', 'changes-requested', 'accepted')`,
)
@Index('idx_questionnaire_vendor', ['vendorId', 'sentAt'])
@Index('idx_questionnaire_organisation', ['organisationId'])
@Index('idx_questionnaire_template', ['templateId'])
@Index('idx_questionnaire_previous', ['previousQuestionnaireId'])
export class Questionnaire extends VersionedEntity {
  @ForeignKey('Organisation', { name: 'FK_questionnaire_organisation' })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @ForeignKey('Organisation', { name: 'FK_questionnaire_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @ForeignKey('QuestionnaireTemplate', { name: 'FK_questionnaire_template' })
  @Column({ name: 'template_id', type: 'uuid' })
  templateId: string;

  /** The questionnaire this one re-assesses (its answers were the starting point). */
  @ForeignKey('Questionnaire', { name: 'FK_questionnaire_previous' })
  @Column({ name: 'previous_questionnaire_id', type: 'uuid', nullable: true })
  previousQuestionnaireId: string | null;

  @Column({ type: 'varchar', length: 20, default: 'sent' })
  status: QuestionnaireStatus;

  /** YYYY-MM-DD. */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** 0 to 100, recomputed whenever answers change (see `questionnaireScore`). */
  @Column({ type: 'numeric', precision: 4, scale: 1, nullable: true, transformer: numericOrNull() })
  score: number | null;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @ForeignKey('User', { name: 'FK_questionnaire_sender' })
  @Column({ name: 'sent_by', type: 'uuid', nullable: true })
  sentBy: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @ForeignKey('User', { name: 'FK_questionnaire_reviewer' })
  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy: string | null;

  /** The reviewer's last decision comment (shown to the vendor). */
  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;
}

/** The vendor's answer to one question (a draft until the questionnaire is submitted). */
@Entity('questionnaire_answer')
@Index('uq_questionnaire_answer_question', ['questionnaireId', 'questionKey'], { unique: true })
@Index('idx_questionnaire_answer_vendor', ['vendorId'])
export class QuestionnaireAnswer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Questionnaire', { name: 'FK_questionnaire_answer_questionnaire', onDelete: 'CASCADE' })
  @Column({ name: 'questionnaire_id', type: 'uuid' })
  questionnaireId: string;

  @ForeignKey('Organisation', { name: 'FK_questionnaire_answer_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @Column({ name: 'question_key', type: 'varchar', length: 60 })
  questionKey: string;

  @Column({ type: 'jsonb' })
  value: AnswerValue;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @ForeignKey('User', { name: 'FK_questionnaire_answer_updater' })
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;
}

/**
 * A reviewer's comment on one question. Shared comments (`internal = false`) are read through the
 * `QuestionnaireComment` subject, which vendor contacts hold; internal ones only through
 * `QuestionnaireInternalComment`, which they do not: the SQL never returns them to a vendor.
 */
@Entity('questionnaire_comment')
@Index('idx_questionnaire_comment_questionnaire', ['questionnaireId', 'createdAt'])
@Index('idx_questionnaire_comment_vendor', ['vendorId'])
export class QuestionnaireComment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Questionnaire', { name: 'FK_questionnaire_comment_questionnaire', onDelete: 'CASCADE' })
  @Column({ name: 'questionnaire_id', type: 'uuid' })
  questionnaireId: string;

  @ForeignKey('Organisation', { name: 'FK_questionnaire_comment_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @Column({ name: 'question_key', type: 'varchar', length: 60 })
  questionKey: string;

  @Column({ type: 'boolean', default: false })
  internal: boolean;

  @Column({ type: 'text' })
  body: string;

  @ForeignKey('User', { name: 'FK_questionnaire_comment_author' })
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A file the vendor attached to an answer (bytes in the database, type checked from the content). */
@Entity('questionnaire_attachment')
@Index('idx_questionnaire_attachment_questionnaire', ['questionnaireId', 'questionKey'])
@Index('idx_questionnaire_attachment_vendor', ['vendorId'])
export class QuestionnaireAttachment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignKey('Questionnaire', { name: 'FK_questionnaire_attachment_questionnaire', onDelete: 'CASCADE' })
  @Column({ name: 'questionnaire_id', type: 'uuid' })
  questionnaireId: string;

  @ForeignKey('Organisation', { name: 'FK_questionnaire_attachment_vendor' })
  @Column({ name: 'vendor_id', type: 'uuid' })
  vendorId: string;

  @Column({ name: 'question_key', type: 'varchar', length: 60 })
  questionKey: string;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ name: 'content_type', type: 'varchar', length: 150 })
  contentType: string;

  @Column({ type: 'integer' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content: Buffer;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt: Date;

  @ForeignKey('User', { name: 'FK_questionnaire_attachment_uploader' })
  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy: string | null;
}

function numericOrNull() {
  return {
    to: (value: number | null) => value,
    from: (value: string | null) => (value === null ? null : Number(value)),
  };
}
