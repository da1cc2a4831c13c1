import { formatDateFr } from '@vigie/documents';

/** « 1er décembre 2026 », « 2 décembre 2026 »: the date in French, with the ordinal of the first day. */
export function dateFr(date: Date | string | null | undefined): string {
  return formatDateFr(date).replace(/^1 /, '1er ');
}
