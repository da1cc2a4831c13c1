import { canonicalJson } from '@vigie/core';

export interface Purpose {
  description: string;
  legalBasis: string;
  legalBasisDetail?: string;
}
export interface DataCategory {
  category: string;
  description?: string;
  retention: string;
  finalFate: string;
}
export interface SpecialCategory {
  category: string;
  condition: string;
}
export interface Recipient {
  name: string;
  type: string;
}
export interface Transfer {
  recipient: string;
  country: string;
  safeguard?: string;
}

/** What a register entry says (the CNIL model's sections), without its status or bookkeeping. */
export interface ActivityContent {
  name: string;
  description: string | null;
  applicationIds: string[];
  purposes: Purpose[];
  dataSubjects: string[];
  dataCategories: DataCategory[];
  specialCategories: SpecialCategory[];
  recipients: Recipient[];
  transfers: Transfer[];
  securityMeasures: string[];
  dpiaCriteria: string[];
  cnilListItems: string[];
  art35Cases: string[];
  cnilExemptionItem: string | null;
  reviewDate: string | null;
}

/** The fields of an entry's content, in the order of the CNIL model. */
export const CONTENT_FIELDS = [
  'name',
  'description',
  'applicationIds',
  'purposes',
  'dataSubjects',
  'dataCategories',
  'specialCategories',
  'recipients',
  'transfers',
  'securityMeasures',
  'dpiaCriteria',
  'cnilListItems',
  'art35Cases',
  'cnilExemptionItem',
  'reviewDate',
] as const satisfies readonly (keyof ActivityContent)[];
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** Fields that are the member's own: its applications, review date and the DPO's DPIA exemption. */
const OWN_FIELDS = ['applicationIds', 'reviewDate', 'cnilExemptionItem'] as const;
type OwnField = (typeof OWN_FIELDS)[number];

/** The fields a template provides. */
export const TEMPLATE_FIELDS = CONTENT_FIELDS.filter(
  (field) => !(OWN_FIELDS as readonly string[]).includes(field),
) as Exclude<ContentField, OwnField>[];
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateContent = Pick<ActivityContent, TemplateField>;

/** The content fields of anything holding them. */
export function contentOf(source: ActivityContent): ActivityContent {
  return Object.fromEntries(
    CONTENT_FIELDS.map((field) => [field, source[field]]),
  ) as unknown as ActivityContent;
}

export function templateContentOf(source: TemplateContent): TemplateContent {
  return Object.fromEntries(
    TEMPLATE_FIELDS.map((field) => [field, source[field]]),
  ) as unknown as TemplateContent;
}

/**
 * A value as compared for changes: inside items, an empty or absent part is the same as no part
 * (`{description: ''}` and `{}` say the same), so that reading back what was written changes nothing.
 */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, part]) => part !== undefined && part !== null && part !== '')
      .map(([key, part]) => [key, comparable(part)]),
  );
}

/** The fields among `fields` whose values differ (compared as canonical JSON, empty parts ignored). */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T)[],
): (keyof T)[] {
  return fields.filter(
    (field) =>
      canonicalJson(comparable(before[field] ?? null)) !== canonicalJson(comparable(after[field] ?? null)),
  );
}

/** Lists of keys are kept once each, in their first order. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
