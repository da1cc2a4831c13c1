import { canonicalJson } from '@vigie/core';

export interface Purpose {
  description: string;
  /** May be missing in a draft; required to validate (Art. 30.1.b). */
  legalBasis?: string;
  legalBasisDetail?: string;
  /**
   * For a member body basing this purpose on legitimate interests: why the processing falls outside its
   * public tasks (Art. 6.1, last subparagraph).
   */
  legitimateInterestsOutsidePublicTasks?: string;
}
export interface DataCategory {
  category: string;
  description?: string;
  /** May be missing in a draft; required to validate (Art. 30.1.f). */
  retention?: string;
  finalFate?: string;
}
export interface SpecialCategory {
  category: string;
  condition: string;
  /** The text authorising the processing of offence and conviction data (Art. 10). */
  authorisingText?: string;
}
/**
 * The use of the NIR (French social-security number), which is not an Art. 9 category but is reserved by
 * article 30 of the law n° 78-17 to the processings a text authorises.
 */
export interface NirUse {
  used: boolean;
  /** A key of NIR_LEGAL_GROUNDS; required to validate an entry using the NIR. */
  legalGround?: string;
  /** The item of the « décret cadre » used, or the authorising text with its article. */
  reference?: string;
  /** The Art. 9 condition an older entry gave the NIR as a special category (kept by the migration). */
  legacyCondition?: string;
}
export interface Recipient {
  name: string;
  type: string;
}
export interface Transfer {
  recipient: string;
  /** ISO 3166-1 alpha-2; for an international organisation, its seat (optional). */
  country?: string;
  /** The recipient is an international organisation (Art. 4.26), not a body of a third country. */
  internationalOrganisation?: boolean;
  /** A key of TRANSFER_SAFEGUARDS (older free texts are read as their key, the text kept as the precision). */
  safeguard?: string;
  /** The letter of the Art. 49.1 derogation, when `safeguard` is `derogation`. */
  derogation?: string;
  /** Free-text precision: the decision, the clauses' version, the arrangement… */
  safeguardDetail?: string;
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
  nir: NirUse | null;
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
  'nir',
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
