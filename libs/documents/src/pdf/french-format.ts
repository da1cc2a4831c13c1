const TIME_ZONE = 'Europe/Paris';

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

/** "28 novembre 2026", in Paris time. */
export function formatDateFr(date: Date | string | null | undefined): string {
  return date ? dateFormat.format(new Date(date)) : '—';
}

/** "28/11/2026", in Paris time. */
export function formatShortDateFr(date: Date | string | null | undefined): string {
  return date ? shortDateFormat.format(new Date(date)) : '—';
}

/** "28 novembre 2026 à 14:05", in Paris time. */
export function formatDateTimeFr(date: Date | string): string {
  const value = new Date(date);
  return `${dateFormat.format(value)} à ${timeFormat.format(value)}`;
}

/** "12 345,6" with the narrow no-break space French typography uses. */
export function formatNumberFr(value: number): string {
  return numberFormat.format(value);
}

/** "87,5 %" from 0.875. */
export function formatPercentFr(ratio: number): string {
  return percentFormat.format(ratio);
}
