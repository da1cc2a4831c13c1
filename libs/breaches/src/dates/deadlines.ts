import { addCalendarMonths, nextWorkingDay, PARIS_TIME_ZONE } from '@vigie/core';
import { GDPR } from '@vigie/reference-data';

export { addCalendarMonths, todayInParis } from '@vigie/core';

/** Every date is stored as a UTC instant and shown, counted in calendar terms, in this zone (core's). */
export const PARIS = PARIS_TIME_ZONE;

const HOUR_MS = 3_600_000;
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Paris wall-clock fields of an instant. */
function wallClock(instant: Date): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = Object.fromEntries(parisParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    y: Number(parts.year),
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    min: Number(parts.minute),
    s: Number(parts.second),
  };
}

/** Minutes Paris is ahead of UTC at this instant (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const w = wallClock(instant);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar day (YYYY-MM-DD) of an instant in Paris. */
export function parisDate(instant: Date): string {
  const w = wallClock(instant);
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/**
 * The instant of a Paris wall-clock time (`YYYY-MM-DDTHH:mm[:ss]`). A time skipped by the spring change
 * (02:00–03:00 on the last Sunday of March) is read one hour later; an hour repeated by the autumn change is
 * read as its first occurrence (summer time).
 */
export function parisLocalToInstant(local: string): Date {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) throw new Error(`Not a local date-time: ${local}`);
  const [y, m, d, h, min, s] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(y, m - 1, d, h, min, s);
  const candidates = [60, 120]
    .map((offset) => new Date(wall - offset * 60_000))
    .filter((instant) => parisOffsetMinutes(instant) * 60_000 === wall - instant.getTime());
  if (candidates.length > 0) return new Date(Math.min(...candidates.map((c) => c.getTime())));
  // In the spring gap: the same wall-clock time read with winter time lands an hour later in summer time.
  return new Date(wall - 60 * 60_000);
}

/** The last instant of a Paris calendar day (23:59:59.999 local). */
export function endOfParisDay(date: string): Date {
  const next = addCalendarMonths(date, 0, 1);
  return new Date(parisLocalToInstant(`${next}T00:00`).getTime() - 1);
}

/** Art. 33.1: the CNIL is notified within 72 real hours of awareness, whatever the clocks do meanwhile. */
export function breachNotificationDeadline(awareAt: Date): Date {
  return new Date(awareAt.getTime() + GDPR.deadlines.breachToAuthorityHours * HOUR_MS);
}

/**
 * Art. 12.3: the answer to a rights request is due one month after its receipt (the Paris calendar day of
 * receipt, the same day number a month later, or that month's last day), extended by `extensionMonths` (at
 * most two) further months counted from the receipt as well. A due date on a Saturday, a Sunday or a French
 * public holiday moves to the next working day (Regulation 1182/71, art. 3.4). The extension must be decided
 * by the first due date (`extensionMonths` 0), moved by the same rule.
 */
export function rightsRequestDueDate(receivedAt: Date, extensionMonths = 0): string {
  if (
    !Number.isInteger(extensionMonths) ||
    extensionMonths < 0 ||
    extensionMonths > GDPR.deadlines.rightsRequestExtensionMonths
  ) {
    throw new Error(`An extension is 0 to ${GDPR.deadlines.rightsRequestExtensionMonths} months`);
  }
  return nextWorkingDay(
    addCalendarMonths(parisDate(receivedAt), GDPR.deadlines.rightsRequestMonths + extensionMonths),
  );
}
