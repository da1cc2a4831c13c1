/**
 * The fields of a register entry a member may publish, in the order of the CNIL model, and those published
 * unless its DPO chooses otherwise. They are the entry's own field names (`applicationIds` publishes the
 * applications' names), plus `dpoContact`: the contact details of the member's DPO (Art. 37.7 GDPR), shown
 * with the register and each entry. The name is always published: an entry cannot be shown without it.
 * Never publishable: the status, the DPIA screening and decisions, the review date, the history and its
 * notes, who wrote or validated the entry.
 */
export const PUBLISHABLE_FIELDS = [
  'name',
  'description',
  'purposes',
  'dataSubjects',
  'dataCategories',
  'specialCategories',
  'recipients',
  'transfers',
  'securityMeasures',
  'applicationIds',
  'dpoContact',
] as const;
export type PublishableField = (typeof PUBLISHABLE_FIELDS)[number];

/**
 * Published by default: what Art. 30.1 and the information of the people (Art. 13, 14) make public anyway —
 * purposes and legal bases, categories of persons and of data with their retention, recipients, transfers,
 * the DPO's contact.
 */
export const DEFAULT_PUBLISHED_FIELDS: readonly PublishableField[] = [
  'name',
  'purposes',
  'dataSubjects',
  'dataCategories',
  'recipients',
  'transfers',
  'dpoContact',
];

/** French names of the published fields (pages, CSV documentation, the DPO's settings screen). */
export const PUBLISHABLE_FIELD_LABELS: Record<PublishableField, string> = {
  name: 'Nom du traitement',
  description: 'Description',
  purposes: 'Finalités et bases légales',
  dataSubjects: 'Personnes concernées',
  dataCategories: 'Catégories de données et durées de conservation',
  specialCategories: 'Données sensibles',
  recipients: 'Destinataires',
  transfers: "Transferts hors de l'Union européenne",
  securityMeasures: 'Mesures de sécurité',
  applicationIds: 'Logiciels utilisés',
  dpoContact: 'Contact du délégué à la protection des données',
};

/** The fields as stored: known ones only, once each, `name` first, in the order of {@link PUBLISHABLE_FIELDS}. */
export function normaliseFields(fields: readonly string[]): PublishableField[] {
  const chosen = new Set<string>([...fields, 'name']);
  return PUBLISHABLE_FIELDS.filter((field) => chosen.has(field));
}
