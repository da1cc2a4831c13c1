const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/Paris',
});

/** « 1er décembre 2026 », as a French reader writes the first of the month. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
      ? new Date(`${value}T12:00:00Z`)
      : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat.format(date).replace(/^1 /, '1er ');
}

/** « 14 h 05 ». */
export function formatTime(value: string | Date): string {
  const [hours, minutes] = timeFormat.format(new Date(value)).split(':');
  return `${hours} h ${minutes}`;
}

/** « 1er décembre 2026 à 14 h 05 ». */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? `${formatDate(value)} à ${formatTime(value)}` : '';
}

/** « 3 traitements », « 1 traitement », « aucun traitement ». */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  if (count === 0) return `aucun ${singular}`;
  return `${count.toLocaleString('fr-FR')} ${count === 1 ? singular : pluralForm}`;
}
