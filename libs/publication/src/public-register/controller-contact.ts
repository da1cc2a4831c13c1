import type { Organisation } from '@vigie/identity';

/** The contact details of a member's DPO as the public register shows them. */
export interface PublicDpoContact {
  name: string | null;
  email: string | null;
  phone: string | null;
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * THE one place that reads the DPO designated by the member (`dpo: {name, email, phone}` on organisations,
 * API.md « Controller details »), when the organisation carries it; null otherwise, and the public pages then
 * show the member's name only. Never the names of the users holding the DPO role: a user account is not a
 * public contact.
 */
export function publicDpoContact(organisation: Organisation): PublicDpoContact | null {
  const dpo = (organisation as Organisation & { dpo?: unknown }).dpo;
  if (!dpo || typeof dpo !== 'object') return null;
  const fields = dpo as Record<string, unknown>;
  const contact = { name: text(fields.name), email: text(fields.email), phone: text(fields.phone) };
  return contact.name || contact.email || contact.phone ? contact : null;
}
