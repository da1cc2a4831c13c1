/** How a user receives the e-mail of a kind of notice; the in-app notice is always kept. */
export const DELIVERIES = ['immediate', 'digest', 'off'] as const;
export type Delivery = (typeof DELIVERIES)[number];

export interface NoticeKindDefinition {
  /** French label, shown in the preferences. */
  label: string;
  /**
   * A legal deadline (GDPR Art. 33's 72 hours, Art. 12.3's month): sent at once by default, and its e-mail
   * cannot be switched off (a digest remains possible).
   */
  legal: boolean;
}

/** Every kind of notice Vigie sends, with who receives it (in the label's terms) and whether it is a legal deadline. */
export const NOTICE_KINDS = {
  'questionnaire.sent': { label: 'Questionnaire reçu', legal: false },
  'questionnaire.changes-requested': { label: 'Compléments demandés sur un questionnaire', legal: false },
  'questionnaire.due-soon': { label: 'Questionnaire à rendre dans 7 jours', legal: false },
  'questionnaire.overdue': { label: 'Questionnaire en retard', legal: false },
  'questionnaire.submitted': { label: 'Questionnaire soumis par un fournisseur', legal: false },
  'access-review.assigned': { label: 'Comptes à revoir attribués', legal: false },
  'access-review.due-soon': { label: 'Revue des accès à terminer dans 7 jours', legal: false },
  'access-review.overdue': { label: 'Revue des accès en retard', legal: false },
  'access-review.completed': { label: 'Revue des accès terminée', legal: false },
  'remediation.overdue': { label: 'Actions correctives en retard', legal: false },
  'breach.recorded': { label: 'Violation de données enregistrée', legal: true },
  'breach.incident-notified': { label: 'Incident signalé par le sous-traitant', legal: true },
  'breach.deadline-24h': { label: 'Notification à la CNIL : 24 heures restantes', legal: true },
  'breach.deadline-12h': { label: 'Notification à la CNIL : 12 heures restantes', legal: true },
  'rights-request.due-soon': { label: 'Demande de droits à traiter dans 7 jours', legal: true },
  'rights-request.overdue': { label: 'Demande de droits en retard', legal: true },
  'register.review-due': { label: 'Date de révision d’un traitement atteinte', legal: false },
  'register.dpia-required': { label: 'AIPD requise et non réalisée', legal: false },
  'evidence.expiring': { label: 'Preuve expirant dans 30 jours', legal: false },
  'membership.ending': { label: 'Fin prochaine de votre accès d’auditeur', legal: false },
} as const satisfies Record<string, NoticeKindDefinition>;

export type NoticeKind = keyof typeof NOTICE_KINDS;
export const NOTICE_KIND_NAMES = Object.keys(NOTICE_KINDS) as NoticeKind[];

export function isLegalKind(kind: NoticeKind): boolean {
  return NOTICE_KINDS[kind].legal;
}

/** The delivery of a kind for a user who chose nothing: a daily digest, or at once for legal deadlines. */
export function defaultDelivery(kind: NoticeKind): Delivery {
  return isLegalKind(kind) ? 'immediate' : 'digest';
}
