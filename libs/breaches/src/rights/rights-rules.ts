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
    return `This request is ${from} and can no longer change`;
  if (!RIGHTS_REQUEST_TRANSITIONS[from].includes(to)) {
    const allowed = RIGHTS_REQUEST_TRANSITIONS[from].map((s) => `"${s}"`).join(', ');
    return `A request cannot go from "${from}" to "${to}"; from "${from}" it may go to ${allowed}`;
  }
  return null;
}

/** The fields that contradict the status or each other. */
export function rightsStateErrors(state: RightsRequestState): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, message: string) => errors.push({ field, message });
  if ((state.status === 'in-progress' || state.status === 'answered') && !state.identityChecked)
    add('identityChecked', `must be true before the request is "${state.status}" (Art. 12.6)`);
  if (state.status === 'extended' && state.extensionMonths === 0)
    add('extensionMonths', 'is required (1 or 2) to extend the request');
  if (state.extensionMonths > 0 && !state.extensionReason)
    add('extensionReason', 'is required: the person is told why the answer is delayed (Art. 12.3)');
  if (state.status === 'answered') {
    if (!state.answeredAt) add('answeredAt', 'is required once the request is answered');
    if (!state.answerChannel) add('answerChannel', 'is required once the request is answered');
  } else if (state.status !== 'refused' && (state.answeredAt || state.answerChannel)) {
    add('status', 'must be "answered" (or "refused") when an answer date or channel is recorded');
  }
  if (state.status === 'refused') {
    if (!state.refusalReason)
      add('refusalReason', 'is required: the person is told why, and of their right to complain (Art. 12.4)');
    if (!state.answeredAt) add('answeredAt', 'is required: the date the refusal was sent');
  } else if (state.refusalReason) {
    add('refusalReason', 'is recorded only when the request is refused');
  }
  if (state.answeredAt && state.answeredAt < state.receivedAt)
    add('answeredAt', 'must not be before receivedAt');
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
  return `An extension must be decided within one month of receipt (by ${limit}, Art. 12.3)`;
}
