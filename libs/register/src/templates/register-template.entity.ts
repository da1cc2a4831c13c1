import { VersionedEntity } from '@vigie/db';
import { Column, Entity, ForeignKey, Index } from 'typeorm';
import type { TemplateContent } from '../activities/activity-content';

/** A model register entry the operator publishes for one application; each change is a new version. */
@Entity('register_template')
@Index('idx_register_template_application', ['applicationId', 'name'])
export class RegisterTemplate extends VersionedEntity {
  @ForeignKey('Application', { name: 'FK_register_template_application', onDelete: 'CASCADE' })
  @Column({ name: 'application_id', type: 'uuid' })
  applicationId: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'jsonb' })
  content: TemplateContent;

  @ForeignKey('User', { name: 'FK_register_template_creator' })
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;
}

/** The content of a template at one of its versions, kept so that an entry can see what changed since. */
@Entity('register_template_version')
export class RegisterTemplateVersion {
  @ForeignKey('RegisterTemplate', { name: 'FK_register_template_version_template', onDelete: 'CASCADE' })
  @Column({ name: 'template_id', type: 'uuid', primary: true })
  templateId: string;

  @Column({ type: 'integer', primary: true })
  version: number;

  @Column({ type: 'jsonb' })
  content: TemplateContent;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  @ForeignKey('User', { name: 'FK_register_template_version_publisher' })
  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy: string | null;
}
