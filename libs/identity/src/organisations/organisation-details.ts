/**
 * What Art. 30.1.a / 30.2.a GDPR require the register to name besides the organisation itself: its contact
 * details, its legal representative (the mayor, the chair) and its data protection officer with contact
 * details (the DPO designated to the CNIL; on the operator, the processor's own DPO). Every part and every
 * field is optional: a part missing is shown as such in the registers.
 */
export interface OrganisationContact {
  address?: string;
  postalCode?: string;
  city?: string;
  email?: string;
  phone?: string;
}

export interface OrganisationRepresentative {
  name?: string;
  /** The capacity in which they represent the organisation (« Maire », « Président »…). */
  title?: string;
}

export interface OrganisationDpo {
  name?: string;
  email?: string;
  phone?: string;
  /** The designation's reference at the CNIL (e.g. « DPO-123456 »). */
  designationReference?: string;
}

/** The three parts of the details, as named in the API. */
export const DETAIL_PARTS = ['contact', 'representative', 'dpo'] as const;
export type DetailPart = (typeof DETAIL_PARTS)[number];

export interface OrganisationDetails {
  contact: OrganisationContact | null;
  representative: OrganisationRepresentative | null;
  dpo: OrganisationDpo | null;
}

/** A warning an answer carries about what the organisation's record still lacks. */
export interface OrganisationWarning {
  field: string;
  message: string;
}

export const DPO_NOT_DESIGNATED = 'DPO non désigné';

/**
 * Public bodies must designate a DPO (Art. 37.1.a GDPR): a member (a town, a CCAS, a housing office…) or the
 * operator (a syndicate of towns) whose DPO has no name is flagged. Vendors are private companies, not bound
 * by Art. 37.1.a: no warning.
 */
export function organisationWarnings(organisation: {
  kind: string;
  dpo: OrganisationDpo | null;
}): OrganisationWarning[] {
  if (organisation.kind === 'vendor') return [];
  if (organisation.dpo?.name) return [];
  return [
    {
      field: 'dpo',
      message: `${DPO_NOT_DESIGNATED} : un organisme public doit désigner un délégué à la protection des données (art. 37.1.a du RGPD)`,
    },
  ];
}

/**
 * Applies a PATCH of one part (JSON merge patch, RFC 7396): a field given replaces the stored one, a field set
 * to null removes it, the part set to null removes it whole; a part left with no field is stored as null.
 */
export function mergeDetailPart<T extends object>(
  current: T | null,
  patch: Partial<Record<keyof T, unknown>> | null | undefined,
): T | null {
  if (patch === undefined) return current;
  if (patch === null) return null;
  const merged: Record<string, unknown> = { ...(current ?? {}) };
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  return Object.keys(merged).length ? (merged as T) : null;
}

/** One line of an address: « 2 place X, 94200 Ivry-sur-Seine ». Empty when nothing is known. */
export function formatAddress(contact: OrganisationContact | null): string {
  if (!contact) return '';
  const town = [contact.postalCode, contact.city].filter(Boolean).join(' ');
  return [contact.address, town].filter(Boolean).join(', ');
}

/** « courriel, téléphone », as the registers show contact details. */
export function formatReachability(details: { email?: string; phone?: string } | null): string {
  if (!details) return '';
  return [details.email, details.phone].filter(Boolean).join(' — ');
}
