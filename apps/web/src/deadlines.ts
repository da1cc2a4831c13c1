/** « encore 41 h » / « dépassé de 3 h » for the 72-hour clock of a breach. */
export function hoursLeft(deadline: string | Date, now = new Date()): { text: string; overdue: boolean } {
  const ms = new Date(deadline).getTime() - now.getTime();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const minutes = Math.floor((Math.abs(ms) % 3_600_000) / 60_000);
  const span = hours > 0 ? `${hours} h ${String(minutes).padStart(2, '0')}` : `${minutes} min`;
  return ms >= 0 ? { text: `encore ${span}`, overdue: false } : { text: `dépassé de ${span}`, overdue: true };
}

/** Whole days from today (Paris) to a YYYY-MM-DD date: negative when past. */
export function daysUntil(date: string, now = new Date()): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function dueText(date: string, now = new Date()): string {
  const days = daysUntil(date, now);
  if (days === 0) return "échéance aujourd'hui";
  if (days === 1) return 'échéance demain';
  return days > 0 ? `dans ${days} jours` : `en retard de ${-days} jour${days === -1 ? '' : 's'}`;
}
