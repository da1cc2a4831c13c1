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
  if (from === 'closed') return 'This breach is closed and can no longer change';
  if (to === 'closed') {
    if (state.riskLevel === 'risk' || state.riskLevel === 'high-risk') {
      if (!state.cnilNotifiedAt || from !== 'notified')
        return `A breach assessed as "${state.riskLevel}" cannot be closed before its notification to the CNIL is recorded (Art. 33.1): set the status to "notified" with cnilNotifiedAt first`;
    }
    if (state.riskLevel === 'high-risk' && !state.subjectsInformed && !state.waiverGround)
      return 'A high-risk breach cannot be closed before the people concerned are informed (Art. 34.1) or a waiver ground of Art. 34.3 (34.3.a, 34.3.b or 34.3.c) is recorded';
  }
  if (!BREACH_TRANSITIONS[from].includes(to)) {
    const allowed = BREACH_TRANSITIONS[from].map((s) => `"${s}"`).join(' or ');
    return `A breach cannot go from "${from}" to "${to}"; from "${from}" it may go to ${allowed}`;
  }
  return null;
}

/** The fields that contradict the status or each other (each with the field to correct). */
export function stateErrors(state: BreachState): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if (state.occurredAt && state.occurredAt > state.awareAt)
    add('occurredAt', 'must not be after awareAt (a breach is known once it has happened)');
  if (ASSESSED.includes(state.status)) {
    if (!state.riskLevel)
      add('riskLevel', `is required once the breach is "${state.status}" (none, risk or high-risk)`);
    if (state.natures.length === 0)
      add(
        'natures',
        'at least one nature (confidentiality, integrity, availability) is required once assessed',
      );
    if (state.approxSubjects === null)
      add('approxSubjects', 'the approximate number of people concerned is required once assessed');
  }
  if (state.status === 'not-notifiable') {
    if (state.riskLevel && state.riskLevel !== 'none')
      add(
        'riskLevel',
        'a breach is not notifiable only when it is unlikely to result in a risk (riskLevel "none"); notify the CNIL otherwise',
      );
    if (!state.notNotifiableReason)
      add('notNotifiableReason', 'is required to record why the breach is not notified (Art. 33.5)');
  }
  if (state.status === 'notified' && !state.cnilNotifiedAt)
    add('cnilNotifiedAt', 'is required once the breach is "notified"');
  if (state.cnilNotifiedAt) {
    if (state.cnilNotifiedAt < state.awareAt) add('cnilNotifiedAt', 'must not be before awareAt');
    if (state.cnilNotifiedAt > state.notificationDeadline && !state.notificationDelayReason)
      add(
        'notificationDelayReason',
        'is required: the notification came more than 72 hours after awareness (Art. 33.1)',
      );
  }
  if (state.complementaryNotifications.length > 0 && !state.cnilNotifiedAt)
    add('complementaryNotifications', 'need an initial notification to the CNIL (cnilNotifiedAt)');
  if (state.subjectsInformed === true && !state.subjectsInformedAt)
    add('subjectsInformedAt', 'is required when the people were informed');
  if (state.subjectsInformed !== true && state.subjectsInformedAt)
    add('subjectsInformedAt', 'is only recorded when subjectsInformed is true');
  if (state.waiverGround && state.subjectsInformed !== false)
    add(
      'waiverGround',
      'is recorded only with the decision not to inform the people (subjectsInformed false)',
    );
  if (state.subjectsInformedAt && state.subjectsInformedAt < state.awareAt)
    add('subjectsInformedAt', 'must not be before awareAt');
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
