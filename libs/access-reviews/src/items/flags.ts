import { PRIVILEGED_ROLE_WORDS } from '../data/privileged-roles';

/** An account whose last sign-in is older than this many days (or that never signed in) is dormant. */
export const DORMANT_DAYS = 90;

const DAY_MS = 86_400_000;

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

const WORDS = new Set(PRIVILEGED_ROLE_WORDS.map(normalise));

/** Whether a role is administrative: the whole role or one of its words is in {@link PRIVILEGED_ROLE_WORDS}. */
export function isPrivilegedRole(role: string | null | undefined): boolean {
  if (!role) return false;
  const whole = normalise(role).replace(/\s+/g, ' ');
  if (WORDS.has(whole)) return true;
  return whole.split(/[^a-z0-9]+/).some((word) => word !== '' && WORDS.has(word));
}

/** The last sign-in before which an account is dormant at `reference`. */
export function dormantCutoff(reference: Date): Date {
  return new Date(reference.getTime() - DORMANT_DAYS * DAY_MS);
}

/** Whether an account is dormant at `reference`: never signed in, or not for more than {@link DORMANT_DAYS}. */
export function isDormant(lastLogin: Date | null, reference: Date): boolean {
  return lastLogin === null || lastLogin.getTime() < dormantCutoff(reference).getTime();
}

/** The flags that make keeping an account a choice to justify: it must be kept with a reason. */
export const REASON_TO_KEEP_FLAGS = ['privileged', 'dormant', 'orphan'] as const;
export type ReasonToKeepFlag = (typeof REASON_TO_KEEP_FLAGS)[number];

/** Shortest reason accepted for keeping a flagged account (a word such as « ok » explains nothing). */
export const MIN_KEEP_REASON = 10;

export const FLAG_FR: Record<ReasonToKeepFlag, string> = {
  privileged: 'privilégié',
  dormant: 'dormant',
  orphan: 'orphelin',
};

/** « a », « a et b », « a, b et c ». */
function frenchList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} et ${words.at(-1)}`;
}

/**
 * Why a decision to keep an account is refused, in French, or null: keeping a privileged, dormant or orphan
 * account needs a reason of at least {@link MIN_KEEP_REASON} characters saying why it stays.
 */
export function keepReasonProblem(
  flags: readonly string[],
  reason: string | null | undefined,
): string | null {
  const flagged = REASON_TO_KEEP_FLAGS.filter((flag) => flags.includes(flag));
  if (flagged.length === 0) return null;
  if ((reason ?? '').trim().length >= MIN_KEEP_REASON) return null;
  return (
    `ce compte est signalé comme ${frenchList(flagged.map((flag) => FLAG_FR[flag]))} : le conserver exige un motif ` +
    `d’au moins ${MIN_KEEP_REASON} caractères qui justifie son maintien`
  );
}
