import type { FieldError } from '@vigie/core';

export const BREACH_STATUSES = ['to-assess', 'assessed', 'notified', 'not-notifiable', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];

export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachNature = (typeof BREACH_NATURES)[number];

/** `none`: unlikely to result in a risk; `risk`: notify the CNIL (Art. 33); `high-risk`: also inform the people (Art. 34). */
export const RISK_LEVELS = ['none', 'risk', 'high-risk'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * Art. 34.3: the people need not be informed when (a) the data was made unintelligible (encryption), (b)
 * subsequent measures make the high risk no longer likely, or (c) informing each would take disproportionate
 * effort (a public communication is made instead).
 */
export const WAIVER_GROUNDS = ['34.3.a', '34.3.b', '34.3.c'] as const;
export type WaiverGround = (typeof WAIVER_GROUNDS)[number];

/**
 * THE breach status flow: `to-assess` → `assessed` → `notified` | `not-notifiable` → `closed`. A breach judged
 * not notifiable can still be notified late when new facts raise its risk. `closed` is final.
 */
export const BREACH_TRANSITIONS: Record<BreachStatus, readonly BreachStatus[]> = {
  'to-assess': ['assessed'],
  assessed: ['notified', 'not-notifiable'],
  notified: ['closed'],
  'not-notifiable': ['notified', 'closed'],
  closed: [],
};

/** What the rules look at: the breach as it would be after the change. */
export interface BreachState {
  status: BreachStatus;
  riskLevel: RiskLevel | null;
  natures: readonly string[];
  approxSubjects: number | null;
  occurredAt: Date | null;
  awareAt: Date;
  notificationDeadline: Date;
  cnilNotifiedAt: Date | null;
  notificationDelayReason: string | null;
  notNotifiableReason: string | null;
  complementaryNotifications: readonly { at: string }[];
  subjectsInformed: boolean | null;
  subjectsInformedAt: Date | null;
  waiverGround: WaiverGround | null;
  waiverJustification?: string | null;
  publicCommunicationAt?: Date | null;
  publicCommunicationMeans?: string | null;
}

/** Shortest justification of a waiver of informing the people (Art. 34.3) that can say why it applies. */
export const WAIVER_JUSTIFICATION_MIN_LENGTH = 10;

/** The answer of the rules: a refused transition (409) or inconsistent fields (400). */
export interface BreachProblems {
  conflict?: string;
  errors: FieldError[];
}

const ASSESSED: readonly BreachStatus[] = ['assessed', 'notified', 'not-notifiable', 'closed'];

/** Why the breach may not move from `from` to `state.status`, in words a DPO understands; null when it may. */
export function transitionConflict(from: BreachStatus, state: BreachState): string | null {
  const to = state.status;
  if (from === to) return null;
  if (from === 'closed') return 'Cette violation est clôturée et ne peut plus être modifiée';
  if (to === 'closed') {
    if (state.riskLevel === 'risk' || state.riskLevel === 'high-risk') {
      if (!state.cnilNotifiedAt || from !== 'notified')
        return `Une violation évaluée « ${state.riskLevel} » ne peut être clôturée avant que sa notification à la CNIL soit enregistrée (art. 33.1) : passez d'abord le statut à « notified » avec cnilNotifiedAt`;
    }
    if (state.riskLevel === 'high-risk' && !state.subjectsInformed && !state.waiverGround)
      return 'Une violation à risque élevé ne peut être clôturée avant que les personnes concernées soient informées (art. 34.1) ou qu’un motif de dispense de l’art. 34.3 (34.3.a, 34.3.b ou 34.3.c) soit enregistré';
  }
  if (!BREACH_TRANSITIONS[from].includes(to)) {
    const allowed = BREACH_TRANSITIONS[from].map((s) => `« ${s} »`).join(' ou ');
    return `Une violation ne peut pas passer de « ${from} » à « ${to} » ; depuis « ${from} », elle peut passer à ${allowed}`;
  }
  return null;
}

/**
 * The kind of a transition's conflict: `state` when the status itself forbids the move (closed, or a move the
 * workflow does not know), `rule` when the move is allowed but a rule of Art. 33-34 is not met yet.
 */
export function transitionConflictKind(from: BreachStatus, to: BreachStatus): 'state' | 'rule' {
  return from === 'closed' || !BREACH_TRANSITIONS[from].includes(to) ? 'state' : 'rule';
}

/** The fields that contradict the status or each other (each with the field to correct). */
export function stateErrors(state: BreachState): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (state.occurredAt && state.occurredAt > state.awareAt)
    add('occurredAt', 'ne doit pas suivre awareAt (une violation est connue après être survenue)');
  if (ASSESSED.includes(state.status)) {
    if (!state.riskLevel)
      add(
        'riskLevel',
        `est obligatoire dès que la violation est « ${state.status} » (none, risk ou high-risk)`,
      );
    if (state.natures.length === 0)
      add(
        'natures',
        'au moins une nature (confidentiality, integrity, availability) est obligatoire une fois la violation évaluée',
      );
    if (state.approxSubjects === null)
      add(
        'approxSubjects',
        'le nombre approximatif de personnes concernées est obligatoire une fois la violation évaluée',
      );
  }
  if (state.status === 'not-notifiable') {
    if (state.riskLevel && state.riskLevel !== 'none')
      add(
        'riskLevel',
        'une violation n’est dispensée de notification que si elle n’est pas susceptible d’engendrer un risque (riskLevel « none ») ; sinon, notifiez la CNIL',
      );
    if (!state.notNotifiableReason)
      add(
        'notNotifiableReason',
        'est obligatoire pour documenter pourquoi la violation n’est pas notifiée (art. 33.5)',
      );
  }
  if (state.status === 'notified' && !state.cnilNotifiedAt)
    add('cnilNotifiedAt', 'est obligatoire dès que la violation est « notified »');
  if (state.cnilNotifiedAt) {
    if (state.cnilNotifiedAt < state.awareAt) add('cnilNotifiedAt', 'ne doit pas précéder awareAt');
    if (state.cnilNotifiedAt > state.notificationDeadline && !state.notificationDelayReason)
      add(
        'notificationDelayReason',
        'est obligatoire : la notification intervient plus de 72 heures après la prise de connaissance (art. 33.1)',
      );
  }
  if (state.complementaryNotifications.length > 0 && !state.cnilNotifiedAt)
    add('complementaryNotifications', 'supposent une notification initiale à la CNIL (cnilNotifiedAt)');
  if (state.subjectsInformed === true && !state.subjectsInformedAt)
    add('subjectsInformedAt', 'est obligatoire quand les personnes ont été informées');
  if (state.subjectsInformed !== true && state.subjectsInformedAt)
    add('subjectsInformedAt', 'ne s’enregistre que si subjectsInformed vaut true');
  if (state.waiverGround && state.subjectsInformed !== false)
    add(
      'waiverGround',
      'ne s’enregistre qu’avec la décision de ne pas informer les personnes (subjectsInformed à false)',
    );
  if (state.subjectsInformedAt && state.subjectsInformedAt < state.awareAt)
    add('subjectsInformedAt', 'ne doit pas précéder awareAt');
  errors.push(...waiverErrors(state));
  return errors;
}

/**
 * Art. 34.3: not informing the people is a waiver that must be justified (the controller shows that condition
 * a, b or c is met, Art. 5.2), and under 34.3.c the public communication made instead is recorded (its date and
 * means).
 */
export function waiverErrors(
  state: Pick<
    BreachState,
    'awareAt' | 'waiverGround' | 'waiverJustification' | 'publicCommunicationAt' | 'publicCommunicationMeans'
  >,
): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  const justification = state.waiverJustification?.trim() ?? '';
  if (state.waiverGround) {
    if (!justification)
      add(
        'waiverJustification',
        `La justification de la dérogation est obligatoire : l'art. ${state.waiverGround} du RGPD ne dispense d'informer les personnes concernées que si le responsable du traitement démontre que sa condition est remplie`,
      );
    else if (justification.length < WAIVER_JUSTIFICATION_MIN_LENGTH)
      add(
        'waiverJustification',
        `La justification de la dérogation (art. ${state.waiverGround} du RGPD) doit expliquer en quoi sa condition est remplie (au moins ${WAIVER_JUSTIFICATION_MIN_LENGTH} caractères)`,
      );
  } else if (justification) {
    add(
      'waiverJustification',
      "Une justification de dérogation n'est enregistrée qu'avec son motif (waiverGround : art. 34.3.a, 34.3.b ou 34.3.c du RGPD)",
    );
  }
  const publicCommunication = state.publicCommunicationAt || state.publicCommunicationMeans;
  if (state.waiverGround === '34.3.c') {
    if (!state.publicCommunicationAt)
      add(
        'publicCommunicationAt',
        "La date de la communication publique est obligatoire : l'art. 34.3.c du RGPD ne dispense d'informer chaque personne qu'en procédant à une communication publique",
      );
    if (!state.publicCommunicationMeans?.trim())
      add(
        'publicCommunicationMeans',
        "Le moyen de la communication publique (communiqué, site internet, bulletin municipal…) est obligatoire au titre de l'art. 34.3.c du RGPD",
      );
  } else if (publicCommunication) {
    add(
      state.publicCommunicationAt ? 'publicCommunicationAt' : 'publicCommunicationMeans',
      "Une communication publique n'est enregistrée qu'avec la dérogation de l'art. 34.3.c du RGPD (waiverGround « 34.3.c »)",
    );
  }
  if (state.publicCommunicationAt && state.publicCommunicationAt < state.awareAt)
    add(
      'publicCommunicationAt',
      'La communication publique ne peut pas précéder la prise de connaissance de la violation (awareAt)',
    );
  return errors;
}

/** Everything the rules say about a change of a breach from status `from` to `state`. */
export function checkBreach(from: BreachStatus, state: BreachState): BreachProblems {
  const conflict = transitionConflict(from, state);
  return { conflict: conflict ?? undefined, errors: stateErrors(state) };
}

/**
 * Overdue: the 72 hours have passed and nothing was notified to the CNIL while the breach is still being
 * handled (a breach judged not notifiable, or closed, is not overdue).
 */
export function isBreachOverdue(
  breach: Pick<BreachState, 'status' | 'cnilNotifiedAt' | 'notificationDeadline'>,
  now = new Date(),
): boolean {
  return (
    (breach.status === 'to-assess' || breach.status === 'assessed') &&
    !breach.cnilNotifiedAt &&
    breach.notificationDeadline.getTime() < now.getTime()
  );
}
