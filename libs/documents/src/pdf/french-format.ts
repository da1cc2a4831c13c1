import { PARIS_TIME_ZONE as TIME_ZONE } from '@vigie/core';

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const shortDateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
});
const numberFormat = new Intl.NumberFormat('fr-FR');
const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

const calendarDateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** « 1er décembre 2026 »: the first day of a month is an ordinal in French. */
function withOrdinal(formatted: string): string {
  return formatted.replace(/^1 /, '1er ');
}

/**
 * "28 novembre 2026", « 1er décembre 2026 », in Paris time: the one date format of Vigie's PDFs. A calendar
 * date ("2026-12-01", no time) is shown as that day, whatever the time zone.
 */
export function formatDateFr(date: Date | string | null | undefined): string {
  if (!date) return '—';
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date)) {
    return withOrdinal(calendarDateFormat.format(new Date(`${date}T12:00:00Z`)));
  }
  return withOrdinal(dateFormat.format(new Date(date)));
}

/** « 14 h 05 », « 9 h 00 », in Paris time. */
export function formatTimeFr(date: Date | string): string {
  const parts = timeFormat.formatToParts(new Date(date));
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return `${hour}\u00a0h\u00a0${minute}`;
}

/** "28/11/2026", in Paris time: for spreadsheets (PDFs use {@link formatDateFr}). */
export function formatShortDateFr(date: Date | string | null | undefined): string {
  return date ? shortDateFormat.format(new Date(date)) : '—';
}

/** « 28 novembre 2026 à 14 h 05 », in Paris time. */
export function formatDateTimeFr(date: Date | string): string {
  return `${formatDateFr(new Date(date))} à ${formatTimeFr(date)}`;
}

/** "12 345,6" with the narrow no-break space French typography uses. */
export function formatNumberFr(value: number): string {
  return numberFormat.format(value);
}

/** "87,5 %" from 0.875. */
export function formatPercentFr(ratio: number): string {
  return percentFormat.format(ratio);
}
