import { VersionedEntity } from '@vigie/db';
import { Check, Column, Entity, ForeignKey, Index } from 'typeorm';
import type { SectionDefinition } from './template-definition';

/**
 * A questionnaire template: sections of questions. Templates belong to no organisation (like frameworks) and
 * never change once created, so that every questionnaire sent from one keeps its meaning; a new wording is a
 * new template.
 */
@Entity('questionnaire_template')
@Check('CHK_questionnaire_template_sections', `jsonb_typeof("sections") = 'array'`)
@Index('uq_questionnaire_template_code', ['code'], { unique: true })
@Index('idx_questionnaire_template_name', ['name', 'id'])
export class QuestionnaireTemplate extends VersionedEntity {
  /** Set on built-in templates only (created at start-up). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @Column({ type: 'jsonb' })
  sections: SectionDefinition[];

  @ForeignKey('User', { name: 'FK_questionnaire_template_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}
