import { unscoped } from '@vigie/authz';
import { canonicalJson } from '@vigie/core';
import { EntityManager, In } from 'typeorm';
import { TEMPLATE_FIELDS, TemplateContent, TemplateField } from '../activities/activity-content';
import type { ProcessingActivity } from '../activities/processing-activity.entity';
import { FIELD_LABELS } from '../data/register-labels';
import { RegisterTemplate, RegisterTemplateVersion } from './register-template.entity';

export interface TemplateDifference {
  field: TemplateField;
  label: string;
  /** The entry's value now. */
  entryValue: unknown;
  /** The template's value in its latest version. */
  templateValue: unknown;
  /** The template's value in the version the entry last took over. */
  previousTemplateValue: unknown;
}

export interface TemplateUpdate {
  templateId: string;
  templateName: string;
  available: boolean;
  fromVersion: number;
  toVersion: number;
  /** The fields the template changed between the two versions. */
  differences: TemplateDifference[];
}

/** The contents of a template at two of its versions, in one query. */
export async function templateContents(
  manager: EntityManager,
  templateId: string,
  versions: number[],
): Promise<Map<number, TemplateContent>> {
  const rows = await unscoped(manager, 'versions of a template a visible entry or template names').find(
    RegisterTemplateVersion,
    { where: { templateId, version: In(versions) } },
  );
  return new Map(rows.map((row) => [row.version, row.content]));
}

/**
 * Whether the entry's template changed since the version the entry last took over, and how: the fields the
 * template changed, each with the entry's value and the template's old and new values.
 */
export async function templateUpdateFor(
  manager: EntityManager,
  activity: Pick<ProcessingActivity, 'templateId' | 'templateVersion'> & TemplateContent,
): Promise<TemplateUpdate | undefined> {
  if (!activity.templateId || !activity.templateVersion) return undefined;
  const template = await unscoped(manager, 'the template a visible entry was created from').findOne(
    RegisterTemplate,
    {
      select: { id: true, name: true, version: true },
      where: { id: activity.templateId },
    },
  );
  if (!template) return undefined;
  const fromVersion = activity.templateVersion;
  const toVersion = template.version;
  const update: TemplateUpdate = {
    templateId: template.id,
    templateName: template.name,
    available: toVersion > fromVersion,
    fromVersion,
    toVersion,
    differences: [],
  };
  if (!update.available) return update;
  const contents = await templateContents(manager, template.id, [fromVersion, toVersion]);
  const before = contents.get(fromVersion);
  const after = contents.get(toVersion);
  if (!before || !after) return update;
  for (const field of TEMPLATE_FIELDS) {
    if (canonicalJson(before[field] ?? null) === canonicalJson(after[field] ?? null)) continue;
    update.differences.push({
      field,
      label: FIELD_LABELS[field] ?? field,
      entryValue: activity[field] ?? null,
      templateValue: after[field] ?? null,
      previousTemplateValue: before[field] ?? null,
    });
  }
  return update;
}
