import type { FieldError } from '@vigie/core';
import { GDPR } from '@vigie/reference-data';
import { rightsRequestDueDate } from '../dates/deadlines';

/** The rights a person may exercise (`GDPR.rights`). */
export const RIGHTS = GDPR.rights.map((right) => right.key);

export const RIGHTS_REQUEST_STATUSES = [
  'received',
  'identity-pending',
  'in-progress',
  'extended',
  'answered',
  'refused',
] as const;
export type RightsRequestStatus = (typeof RIGHTS_REQUEST_STATUSES)[number];

/** How a request arrived or how it was answered. */
export const CHANNELS = ['email', 'postal-mail', 'in-person', 'online-form', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * THE rights request flow. `received` → `identity-pending` (Art. 12.6: more information asked to confirm the
 * identity) or `in-progress` (identity checked) → `extended` (Art. 12.3, with reasons) → `answered` or
 * `refused` (final). A request may be refused at any open stage (e.g. the person cannot be identified, Art.
 * 12.2, or the request is manifestly unfounded or excessive, Art. 12.5).
 */
export const RIGHTS_REQUEST_TRANSITIONS: Record<RightsRequestStatus, readonly RightsRequestStatus[]> = {
  received: ['identity-pending', 'in-progress', 'extended', 'answered', 'refused'],
  'identity-pending': ['in-progress', 'extended', 'answered', 'refused'],
  'in-progress': ['extended', 'answered', 'refused'],
  extended: ['answered', 'refused'],
  answered: [],
  refused: [],
};

/** A request as it would be after a change. */
export interface RightsRequestState {
  status: RightsRequestStatus;
  receivedAt: Date;
  identityChecked: boolean;
  extensionMonths: number;
  extensionReason: string | null;
  answeredAt: Date | null;
  answerChannel: Channel | null;
  refusalReason: string | null;
}

export function rightsTransitionConflict(from: RightsRequestStatus, to: RightsRequestStatus): string | null {
  if (from === to) return null;
  if (RIGHTS_REQUEST_TRANSITIONS[from].length === 0)
    return `Cette demande est au statut « ${from} » et ne peut plus être modifiée`;
  if (!RIGHTS_REQUEST_TRANSITIONS[from].includes(to)) {
    const allowed = RIGHTS_REQUEST_TRANSITIONS[from].map((s) => `« ${s} »`).join(', ');
    return `Une demande ne peut pas passer de « ${from} » à « ${to} » ; depuis « ${from} », elle peut passer à ${allowed}`;
  }
  return null;
}

/** The fields that contradict the status or each other. */
export function rightsStateErrors(state: RightsRequestState): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if ((state.status === 'in-progress' || state.status === 'answered') && !state.identityChecked)
    add('identityChecked', `doit valoir true avant que la demande passe à « ${state.status} » (art. 12.6)`);
  if (state.status === 'extended' && state.extensionMonths === 0)
    add('extensionMonths', 'est obligatoire (1 ou 2) pour prolonger le délai de la demande');
  if (state.extensionMonths > 0 && !state.extensionReason)
    add('extensionReason', 'est obligatoire : la personne est informée des motifs du report (art. 12.3)');
  if (state.status === 'answered') {
    if (!state.answeredAt) add('answeredAt', 'est obligatoire une fois la demande traitée');
    if (!state.answerChannel) add('answerChannel', 'est obligatoire une fois la demande traitée');
  } else if (state.status !== 'refused' && (state.answeredAt || state.answerChannel)) {
    add(
      'status',
      'doit valoir « answered » (ou « refused ») quand une date ou un moyen de réponse est enregistré',
    );
  }
  if (state.status === 'refused') {
    if (!state.refusalReason)
      add(
        'refusalReason',
        'est obligatoire : la personne est informée des motifs et de son droit de réclamation (art. 12.4)',
      );
    if (!state.answeredAt) add('answeredAt', 'est obligatoire : la date d’envoi du refus');
  } else if (state.refusalReason) {
    add('refusalReason', 'ne s’enregistre que si la demande est refusée');
  }
  if (state.answeredAt && state.answeredAt < state.receivedAt)
    add('answeredAt', 'ne doit pas précéder receivedAt');
  return errors;
}

/** Still waiting for an answer after its (possibly extended) due date, counted in Paris calendar days. */
export function isRightsRequestOverdue(
  request: { status: RightsRequestStatus; dueDate: string },
  today: string,
): boolean {
  return request.status !== 'answered' && request.status !== 'refused' && request.dueDate < today;
}

/**
 * Art. 12.3: the person is told of an extension, and why, within one month of receipt: by the first due date,
 * which moves to the next working day like the due date itself (Regulation 1182/71, art. 3.4). Null while the
 * extension may still be decided on `today` (a Paris calendar day), else why not.
 */
export function extensionWindowConflict(receivedAt: Date, today: string): string | null {
  const limit = rightsRequestDueDate(receivedAt);
  if (today <= limit) return null;
  return `Une prolongation se décide dans le mois qui suit la réception (au plus tard le ${limit}, art. 12.3)`;
}
