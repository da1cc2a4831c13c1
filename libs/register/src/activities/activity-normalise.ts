import { derogationKeyOf, safeguardKeyOf, TRANSFER_SAFEGUARDS } from '@vigie/reference-data';
import { NIR_CATEGORY } from '../data/register-labels';
import { ActivityContent, CONTENT_FIELDS, NirUse, Transfer, unique } from './activity-content';
import { CreateProcessingActivityDto, UpdateProcessingActivityDto } from './processing-activity.dto';
import { nirOf, RuleInput } from './register-rules';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** A transfer with its safeguard as a key of the list; an older free text is kept as the precision. */
export function normaliseTransfer(transfer: Transfer): Transfer {
  const text = transfer.safeguard?.trim();
  const key = safeguardKeyOf(text);
  // A text that only names the safeguard (its key, its label or the start of it) is no precision.
  const label = TRANSFER_SAFEGUARDS.find((s) => s.key === key)?.label;
  const listed = !!text && (text === key || (!!label && fold(label).startsWith(fold(text))));
  const derogation =
    derogationKeyOf(transfer.derogation) ??
    (key === 'derogation' && text ? /49\.?\s?1\.?\s?([a-g])\b/i.exec(text)?.[1]?.toLowerCase() : undefined) ??
    (transfer.derogation?.trim() || undefined);
  const detail = transfer.safeguardDetail?.trim() || (text && !listed ? text : undefined);
  return {
    recipient: transfer.recipient,
    ...(transfer.country ? { country: transfer.country } : {}),
    ...(transfer.internationalOrganisation ? { internationalOrganisation: true } : {}),
    ...(key ? { safeguard: key } : {}),
    ...(derogation ? { derogation } : {}),
    ...(detail ? { safeguardDetail: detail } : {}),
  };
}

/** The NIR as stored: `used`, then its ground and reference when given. */
function normaliseNir(nir: NirUse | null): NirUse | null {
  if (!nir) return null;
  return {
    used: nir.used,
    ...(nir.legalGround ? { legalGround: nir.legalGround } : {}),
    ...(nir.reference?.trim() ? { reference: nir.reference.trim() } : {}),
    ...(nir.legacyCondition ? { legacyCondition: nir.legacyCondition } : {}),
  };
}

/**
 * Fills the lists a payload left out and keeps each key once; reads an older payload's `specialCategories`
 * item `nir` into `nir`, and a free-text safeguard as its key.
 */
export function normaliseContent(dto: CreateProcessingActivityDto): ActivityContent {
  const specials = dto.specialCategories ?? [];
  return {
    name: dto.name,
    description: dto.description || null,
    applicationIds: unique(dto.applicationIds ?? []),
    purposes: (dto.purposes ?? []).map((p) => ({ ...p })),
    dataSubjects: unique(dto.dataSubjects ?? []),
    dataCategories: (dto.dataCategories ?? []).map((c) => ({ ...c })),
    specialCategories: specials.filter((s) => s.category !== NIR_CATEGORY).map((s) => ({ ...s })),
    nir: normaliseNir(nirOf({ nir: dto.nir, specialCategories: specials })),
    recipients: (dto.recipients ?? []).map((r) => ({ ...r })),
    transfers: (dto.transfers ?? []).map(normaliseTransfer),
    securityMeasures: dto.securityMeasures ?? [],
    dpiaCriteria: unique(dto.dpiaCriteria ?? []),
    cnilListItems: unique(dto.cnilListItems ?? []),
    art35Cases: unique(dto.art35Cases ?? []),
    cnilExemptionItem: dto.cnilExemptionItem ?? null,
    reviewDate: dto.reviewDate ?? null,
  };
}

/**
 * The rules' view of the payload as sent, with its own indexes (before an older `nir` special category leaves
 * the list): only the fields sent, so that a change is not refused for a stored value it does not touch
 * (validation checks the whole entry).
 */
export function rawRuleInput(dto: UpdateProcessingActivityDto): RuleInput {
  return {
    purposes: dto.purposes,
    specialCategories: dto.specialCategories,
    nir: dto.nir,
    transfers: dto.transfers,
  };
}

/** The rule fields among `fields`, taken from `content`. */
export function ruleFieldsOf(content: ActivityContent, fields: readonly string[]): RuleInput {
  const input: RuleInput = {};
  if (fields.includes('purposes')) input.purposes = content.purposes;
  if (fields.includes('specialCategories')) input.specialCategories = content.specialCategories;
  if (fields.includes('nir')) input.nir = content.nir;
  if (fields.includes('transfers')) input.transfers = content.transfers;
  return input;
}

/** The fields a partial payload sets, normalised like a full one. */
export function normalisePatch(dto: UpdateProcessingActivityDto): Partial<ActivityContent> {
  const patch: Partial<ActivityContent> = {};
  const full = normaliseContent({ ...dto, name: dto.name ?? '' } as CreateProcessingActivityDto);
  for (const field of CONTENT_FIELDS) {
    if ((dto as Record<string, unknown>)[field] !== undefined)
      (patch as Record<string, unknown>)[field] = full[field];
  }
  // An older payload's special category `nir` sets the NIR when the field itself is not sent.
  if (dto.nir === undefined && dto.specialCategories !== undefined && full.nir) patch.nir = full.nir;
  return patch;
}
