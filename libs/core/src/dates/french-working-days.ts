/**
 * The French calendar of due dates: calendar days in Paris, month arithmetic, public holidays and the move of a
 * due date to the next working day (Regulation (EEC, Euratom) No 1182/71, art. 3.4: a period whose last day is
 * a public holiday, a Saturday or a Sunday ends with the expiry of the last hour of the following working day).
 * Every date here is a calendar day `YYYY-MM-DD`.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day (YYYY-MM-DD) of an instant in Paris. */
export function parisCalendarDay(instant: Date): string {
  return parisDay.format(instant);
}

/** Today's calendar day in Paris. */
export function todayInParis(now: Date = new Date()): string {
  return parisCalendarDay(now);
}

function parts(date: string): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`Not a calendar date: ${date}`);
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new Error(`Not a calendar date: ${date}`);
  return [year, month, day];
}

const iso = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

/** `date` plus `days` calendar days (negative to go back). */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  return iso(year, month, day + days);
}

/**
 * A calendar day `months` months (and then `days` days) after `date`. A month later than the 31st of a month
 * of 30 days, or than 29–31 January in February, is the month's last day (Regulation 1182/71, art. 3.2.c).
 */
export function addCalendarMonths(date: string, months: number, days = 0): string {
  const [year, month, day] = parts(date);
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return iso(year, month + months, Math.min(day, lastDay) + days);
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

export interface PublicHoliday {
  date: string;
  name: string;
}

/**
 * The eleven public holidays of metropolitan France (Code du travail, art. L. 3133-1), in date order. Alsace and
 * Moselle's Good Friday and 26 December, and the overseas abolition days, are not included: the members are
 * in Île-de-France.
 */
export function frenchPublicHolidays(year: number): PublicHoliday[] {
  const easter = easterSunday(year);
  const holidays: PublicHoliday[] = [
    { date: iso(year, 1, 1), name: "Jour de l'an" },
    { date: addCalendarDays(easter, 1), name: 'Lundi de Pâques' },
    { date: iso(year, 5, 1), name: 'Fête du travail' },
    { date: iso(year, 5, 8), name: 'Victoire 1945' },
    { date: addCalendarDays(easter, 39), name: 'Ascension' },
    { date: addCalendarDays(easter, 50), name: 'Lundi de Pentecôte' },
    { date: iso(year, 7, 14), name: 'Fête nationale' },
    { date: iso(year, 8, 15), name: 'Assomption' },
    { date: iso(year, 11, 1), name: 'Toussaint' },
    { date: iso(year, 11, 11), name: 'Armistice 1918' },
    { date: iso(year, 12, 25), name: 'Noël' },
  ];
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

const holidayCache = new Map<number, Set<string>>();

/** The French public holiday on `date`, if any. */
export function isFrenchPublicHoliday(date: string): boolean {
  const [year] = parts(date);
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(frenchPublicHolidays(year).map((h) => h.date));
    holidayCache.set(year, days);
  }
  return days.has(date);
}

/** Neither a Saturday, a Sunday nor a French public holiday. */
export function isWorkingDay(date: string): boolean {
  const [year, month, day] = parts(date);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isFrenchPublicHoliday(date);
}

/** `date` itself when it is a working day, otherwise the first working day after it (art. 3.4). */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}

/** A due date `days` calendar days after `date`, moved to the next working day (art. 3.3 and 3.4). */
export function dueDateInDays(date: string, days: number): string {
  return nextWorkingDay(addCalendarDays(date, days));
}

/** A due date `months` months after `date` (art. 3.2.c), moved to the next working day (art. 3.4). */
export function dueDateInMonths(date: string, months: number): string {
  return nextWorkingDay(addCalendarMonths(date, months));
}
