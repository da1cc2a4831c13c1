import { PARIS_TIME_ZONE, parisDay } from '@vigie/core';

export { parisDay };

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

function wall(instant: Date): { y: number; m: number; d: number; h: number; min: number } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { y: +p.year, m: +p.month, d: +p.day, h: +p.hour, min: +p.minute };
}

/** The day `days` after a calendar day (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The instant of a Paris wall-clock hour on a calendar day (the offset read at that time, 1 or 2 hours). */
function parisHour(day: string, hour: number): Date {
  const [y, m, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d, hour);
  const w = wall(new Date(guess));
  const offset = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - guess;
  return new Date(guess - offset);
}

/** Hour of the daily digest, Paris time. */
export const DIGEST_HOUR = 8;

/** The next daily digest after `now`: 08:00 in Paris today if still ahead, else tomorrow. */
export function nextDigestAt(now: Date): Date {
  const today = parisHour(parisDay(now), DIGEST_HOUR);
  return today > now ? today : parisHour(addDays(parisDay(now), 1), DIGEST_HOUR);
}

/** A date (YYYY-MM-DD) written the French way: 08/12/2026. */
export function frenchDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}/${m}/${y}`;
}

/** An instant in Paris time, the French way: 08/12/2026 à 14 h 05. */
export function frenchDateTime(instant: Date): string {
  const w = wall(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(w.d)}/${pad(w.m)}/${w.y} à ${w.h} h ${pad(w.min)}`;
}
