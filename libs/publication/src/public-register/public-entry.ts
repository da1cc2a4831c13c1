import { parisDay } from '@vigie/core';
import { countryByCode } from '@vigie/reference-data';
import { GDPR_REFERENCE, PublishedEntry } from '@vigie/register';
import type { PublishableField } from '../settings/publishable-fields';

/** A key of a closed list (or free text) with its French label. */
export interface Labelled {
  key: string;
  label: string;
}

/**
 * One entry of a public register: its id, name and date, and only the fields the DPO chose to publish (the
 * others are absent, not empty). Nothing else of the entry ever reaches it: not its status, DPIA, review
 * date, history, notes, authors or validator.
 */
export interface PublicEntry {
  id: string;
  name: string;
  /** The day the entry was last validated (YYYY-MM-DD, Paris). */
  validatedOn: string | null;
  description?: string | null;
  purposes?: { description: string; legalBasis: Labelled; legalBasisDetail: string | null }[];
  dataSubjects?: Labelled[];
  dataCategories?: {
    category: Labelled;
    description: string | null;
    retention: string;
    finalFate: Labelled;
  }[];
  specialCategories?: { category: Labelled; condition: Labelled }[];
  recipients?: { name: string; type: string }[];
  transfers?: {
    recipient: string;
    country: Labelled;
    safeguard: Labelled | null;
    safeguardDetail: string | null;
  }[];
  securityMeasures?: string[];
  applications?: string[];
}

const labels = (items: { key: string; label: string }[]) =>
  new Map(items.map((item) => [item.key, item.label]));
const LABELS = {
  legalBases: labels(GDPR_REFERENCE.legalBases),
  dataSubjects: labels(GDPR_REFERENCE.dataSubjects),
  dataCategories: labels(GDPR_REFERENCE.dataCategories),
  finalFates: labels(GDPR_REFERENCE.finalFates),
  specialCategories: labels(GDPR_REFERENCE.specialCategories),
  conditions: labels(GDPR_REFERENCE.specialCategoryConditions),
  safeguards: labels(GDPR_REFERENCE.transferSafeguards),
};

/** A value with its French label; free text is its own label. */
export function labelled(list: keyof typeof LABELS, key: string): Labelled {
  return { key, label: LABELS[list].get(key) ?? key };
}

const optional = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

function parisDayOf(date: Date | null): string | null {
  return date ? parisDay(date) : null;
}

/** The public view of a validated entry, limited to the published fields. */
export function publicEntry(
  activity: PublishedEntry,
  fields: readonly PublishableField[],
  applicationNames: ReadonlyMap<string, string>,
): PublicEntry {
  const has = (field: PublishableField) => fields.includes(field);
  const entry: PublicEntry = {
    id: activity.id,
    name: activity.name,
    validatedOn: parisDayOf(activity.validatedAt),
  };
  if (has('description')) entry.description = optional(activity.description);
  if (has('purposes'))
    entry.purposes = activity.purposes.map((purpose) => ({
      description: purpose.description,
      // A validated entry has every Art. 30.1 part: validation refuses it otherwise.
      legalBasis: labelled('legalBases', purpose.legalBasis!),
      legalBasisDetail: optional(purpose.legalBasisDetail),
    }));
  if (has('dataSubjects')) entry.dataSubjects = activity.dataSubjects.map((s) => labelled('dataSubjects', s));
  if (has('dataCategories'))
    entry.dataCategories = activity.dataCategories.map((category) => ({
      category: labelled('dataCategories', category.category),
      description: optional(category.description),
      retention: category.retention!,
      finalFate: labelled('finalFates', category.finalFate!),
    }));
  if (has('specialCategories'))
    entry.specialCategories = activity.specialCategories.map((special) => ({
      category: labelled('specialCategories', special.category),
      condition: labelled('conditions', special.condition),
    }));
  if (has('recipients'))
    entry.recipients = activity.recipients.map((recipient) => ({
      name: recipient.name,
      type: recipient.type,
    }));
  if (has('transfers'))
    entry.transfers = activity.transfers.map((transfer) => ({
      recipient: transfer.recipient,
      country: transfer.internationalOrganisation
        ? { key: 'international-organisation', label: 'Organisation internationale' }
        : {
            key: transfer.country ?? '',
            label: countryByCode(transfer.country ?? '')?.fr ?? transfer.country ?? '',
          },
      safeguard: transfer.safeguard ? labelled('safeguards', transfer.safeguard) : null,
      safeguardDetail: optional(transfer.safeguardDetail),
    }));
  if (has('securityMeasures')) entry.securityMeasures = [...activity.securityMeasures];
  if (has('applicationIds'))
    entry.applications = activity.applicationIds
      .map((id) => applicationNames.get(id))
      .filter((name): name is string => !!name);
  return entry;
}
