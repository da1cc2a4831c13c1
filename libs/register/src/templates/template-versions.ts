import { canonicalJson } from '@vigie/core';
import { TEMPLATE_FIELDS, TemplateContent, TemplateField } from '../activities/activity-content';
import { FIELD_LABELS } from '../data/register-labels';

/** One field a template version changed: its value in the version before and in this one. */
export interface TemplateFieldChange {
  field: TemplateField;
  /** French, as in the register's history. */
  label: string;
  before: unknown;
  after: unknown;
}

export interface RegisterTemplateVersionView {
  version: number;
  publishedAt: Date;
  publishedBy: string | null;
  /** The publisher's display name (null when unknown or removed). */
  publishedByName: string | null;
  /** The fields changed from the version before (empty for the first version). */
  changes: TemplateFieldChange[];
  content: TemplateContent;
}

export interface RegisterTemplateVersionsView {
  templateId: string;
  applicationId: string;
  name: string;
  /** The current version. */
  version: number;
  /** Newest first. */
  items: RegisterTemplateVersionView[];
}

/** The template fields whose values differ between two versions (compared as canonical JSON). */
export function versionChanges(before: TemplateContent, after: TemplateContent): TemplateFieldChange[] {
  const changes: TemplateFieldChange[] = [];
  for (const field of TEMPLATE_FIELDS) {
    const was = before[field] ?? null;
    const is = after[field] ?? null;
    if (canonicalJson(was) === canonicalJson(is)) continue;
    changes.push({ field, label: FIELD_LABELS[field] ?? field, before: was, after: is });
  }
  return changes;
}
