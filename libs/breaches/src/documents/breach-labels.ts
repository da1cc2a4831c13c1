import {
  DATA_CATEGORY_LABELS_FR,
  DATA_SUBJECT_LABELS_FR,
  SPECIAL_CATEGORY_LABELS_FR,
} from '@vigie/reference-data';

/** French labels of the breach register, as a French DPO and the CNIL word them. */
export const BREACH_STATUS_LABELS: Record<string, string> = {
  'to-assess': 'À évaluer',
  assessed: 'Évaluée',
  notified: 'Notifiée à la CNIL',
  'not-notifiable': 'Non notifiable',
  closed: 'Clôturée',
};

export const NATURE_LABELS: Record<string, string> = {
  confidentiality: 'Perte de confidentialité',
  integrity: "Perte d'intégrité",
  availability: 'Perte de disponibilité',
};

export const RISK_LABELS: Record<string, string> = {
  none: 'Risque improbable pour les droits et libertés des personnes',
  risk: 'Risque pour les droits et libertés des personnes',
  'high-risk': 'Risque élevé pour les droits et libertés des personnes',
};

export const WAIVER_LABELS: Record<string, string> = {
  '34.3.a': 'Art. 34.3.a : données rendues incompréhensibles pour toute personne non autorisée (chiffrement)',
  '34.3.b':
    "Art. 34.3.b : mesures ultérieures garantissant que le risque élevé n'est plus susceptible de se matérialiser",
  '34.3.c': 'Art. 34.3.c : efforts disproportionnés, communication publique à la place',
};

/** Data categories: the GDPR reference's French labels and the special categories. */
export const DATA_CATEGORY_LABELS: Record<string, string> = {
  ...DATA_CATEGORY_LABELS_FR,
  ...SPECIAL_CATEGORY_LABELS_FR,
};

export const SUBJECT_CATEGORY_LABELS = DATA_SUBJECT_LABELS_FR;

export function labelOf(labels: Record<string, string>, key: string | null | undefined): string {
  if (!key) return '—';
  return labels[key] ?? key;
}

/** A delay in French: « 45 min », « 26 h 05 min », « 3 jours 2 h 05 min ». */
export function formatDelayFr(minutes: number): string {
  const sign = minutes < 0 ? '− ' : '';
  const total = Math.abs(Math.round(minutes));
  const hours = Math.floor(total / 60);
  const rest = String(total % 60).padStart(2, '0');
  if (hours === 0) return `${sign}${total} min`;
  if (hours < 72) return `${sign}${hours} h ${rest} min`;
  const days = Math.floor(hours / 24);
  const extra = hours % 24 === 0 ? '' : ` ${hours % 24} h`;
  return `${sign}${hours} h ${rest} min (${days} jours${extra})`;
}

/** The delay from the member's awareness to its notification of the CNIL, against the 72 hours of Art. 33.1. */
export function cnilDelayFr(breach: {
  awareAt: Date;
  cnilNotifiedAt: Date | null;
  notificationDeadline: Date;
}): string {
  if (!breach.cnilNotifiedAt) return '—';
  const minutes = (breach.cnilNotifiedAt.getTime() - breach.awareAt.getTime()) / 60_000;
  const within = breach.cnilNotifiedAt.getTime() <= breach.notificationDeadline.getTime();
  return `${formatDelayFr(minutes)} après la prise de connaissance (${within ? 'dans le délai de 72 heures' : 'au-delà du délai de 72 heures'})`;
}
