import { api, ApiError, unwrap } from './client';
import type { BreachItem } from './lists';

// The breach answers have no response schema in the OpenAPI document yet: the fields the breach page reads
// are typed here, after libs/breaches/src/breaches/breach.entity.ts.
export type RiskLevel = 'none' | 'risk' | 'high-risk';
export type WaiverGround = '34.3.a' | '34.3.b' | '34.3.c';

export interface BreachDetail extends BreachItem {
  organisationId: string;
  version: number;
  description: string;
  occurredAt: string | null;
  natures: string[];
  dataCategories: string[];
  subjectCategories: string[];
  approxSubjects: number | null;
  approxRecords: number | null;
  likelyConsequences: string | null;
  measuresTaken: string | null;
  measuresPlanned: string | null;
  riskLevel: RiskLevel | null;
  riskAssessment: string | null;
  assessedAt: string | null;
  cnilReference: string | null;
  notificationDelayReason: string | null;
  notNotifiableReason: string | null;
  subjectsInformed: boolean | null;
  subjectsInformedAt: string | null;
  subjectsInformationMeans: string | null;
  waiverGround: WaiverGround | null;
  waiverJustification: string | null;
  publicCommunicationAt: string | null;
  publicCommunicationMeans: string | null;
  closedAt: string | null;
  incidentId: string | null;
  processorNotifiedAt: string | null;
}

export const breach = (id: string) =>
  unwrap(api.GET('/api/v1/breaches/{id}', { params: { path: { id } } })) as unknown as Promise<BreachDetail>;

export const updateBreach = (id: string, body: Record<string, unknown>) =>
  unwrap(
    api.PATCH('/api/v1/breaches/{id}', { params: { path: { id } }, body: body as never }),
  ) as unknown as Promise<BreachDetail>;

export const createBreach = (orgId: string, body: Record<string, unknown>) =>
  unwrap(
    api.POST('/api/v1/organisations/{orgId}/breaches', { params: { path: { orgId } }, body: body as never }),
  ) as unknown as Promise<BreachDetail>;

/** The status flow of libs/breaches (breach-rules.ts): where a breach may go from each status. */
export const BREACH_NEXT: Record<BreachItem['status'], BreachItem['status'][]> = {
  'to-assess': ['assessed'],
  assessed: ['notified', 'not-notifiable'],
  notified: ['closed'],
  'not-notifiable': ['notified', 'closed'],
  closed: [],
};

export const NATURE_LABELS: Record<string, string> = {
  confidentiality: 'Perte de confidentialité',
  integrity: "Perte d'intégrité",
  availability: 'Perte de disponibilité',
};
export const RISK_LABELS: Record<RiskLevel, string> = {
  none: 'Pas de risque pour les personnes',
  risk: 'Risque pour les personnes (notification à la CNIL, art. 33)',
  'high-risk': 'Risque élevé (notification à la CNIL et information des personnes, art. 34)',
};
export const WAIVER_LABELS: Record<WaiverGround, string> = {
  '34.3.a': 'Art. 34.3.a : données rendues incompréhensibles (chiffrement)',
  '34.3.b': 'Art. 34.3.b : mesures ultérieures, le risque élevé ne peut plus se matérialiser',
  '34.3.c': 'Art. 34.3.c : efforts disproportionnés, communication publique à la place',
};

/** The French name of a field the API names in an error, for the messages shown at the top of a form. */
export const BREACH_FIELD_LABELS: Record<string, string> = {
  title: 'Intitulé',
  awareAt: 'Date de prise de connaissance',
  occurredAt: 'Date de survenue',
  description: 'Description',
  natures: 'Nature',
  dataCategories: 'Catégories de données',
  approxSubjects: 'Nombre de personnes concernées',
  riskLevel: 'Niveau de risque',
  cnilNotifiedAt: 'Date de notification à la CNIL',
  cnilReference: 'Numéro de notification',
  notificationDelayReason: 'Motif du retard',
  notNotifiableReason: "Motif de l'absence de notification",
  subjectsInformed: 'Information des personnes',
  subjectsInformedAt: "Date de l'information des personnes",
  subjectsInformationMeans: "Moyen de l'information",
  waiverGround: 'Motif de dérogation',
  waiverJustification: 'Justification de la dérogation',
  publicCommunicationAt: 'Date de la communication publique',
  publicCommunicationMeans: 'Moyen de la communication publique',
  status: 'Statut',
};

/** The field errors of a refused change, by field, and the message for the whole form. */
export function problemOf(error: unknown): { message: string; fields: Record<string, string> } {
  if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
    const fields: Record<string, string> = {};
    for (const e of error.problem.errors ?? [])
      fields[e.field] = fields[e.field] ? `${fields[e.field]} ; ${e.message}` : e.message;
    const message =
      error.status === 409 && !error.problem.errors?.length
        ? `Refusé : ${error.problem.detail ?? 'la violation a changé entre-temps, rechargez la page.'}`
        : Object.keys(fields).length > 0
          ? 'Refusé : corrigez les champs signalés.'
          : `Refusé : ${error.problem.detail ?? 'la saisie est incomplète.'}`;
    return { message, fields };
  }
  if (error instanceof ApiError && error.status === 403)
    return { message: 'Refusé : votre rôle ne permet pas cette action (elle revient au DPO).', fields: {} };
  return { message: "L'enregistrement a échoué. Réessayez dans un instant.", fields: {} };
}

/** `YYYY-MM-DDTHH:mm` of now in the browser's time, for a datetime-local field. */
export function nowLocal(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as an instant with its offset, as the API takes it. */
export const localToIso = (value: string) => new Date(value).toISOString();
