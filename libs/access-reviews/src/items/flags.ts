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
