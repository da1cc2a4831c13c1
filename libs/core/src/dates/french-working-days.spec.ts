import {
  addCalendarDays,
  addCalendarMonths,
  dueDateInDays,
  dueDateInMonths,
  easterSunday,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  parisCalendarDay,
  todayInParis,
} from './french-working-days';

/** The official calendar (service-public.fr), written out by hand rather than computed. */
const HOLIDAYS: Record<number, string[]> = {
  2026: [
    '2026-01-01',
    '2026-04-06',
    '2026-05-01',
    '2026-05-08',
    '2026-05-14',
    '2026-05-25',
    '2026-07-14',
    '2026-08-15',
    '2026-11-01',
    '2026-11-11',
    '2026-12-25',
  ],
  2027: [
    '2027-01-01',
    '2027-03-29',
    '2027-05-01',
    '2027-05-06',
    '2027-05-08',
    '2027-05-17',
    '2027-07-14',
    '2027-08-15',
    '2027-11-01',
    '2027-11-11',
    '2027-12-25',
  ],
  2028: [
    '2028-01-01',
    '2028-04-17',
    '2028-05-01',
    '2028-05-08',
    '2028-05-25',
    '2028-06-05',
    '2028-07-14',
    '2028-08-15',
    '2028-11-01',
    '2028-11-11',
    '2028-12-25',
  ],
  2029: [
    '2029-01-01',
    '2029-04-02',
    '2029-05-01',
    '2029-05-08',
    '2029-05-10',
    '2029-05-21',
    '2029-07-14',
    '2029-08-15',
    '2029-11-01',
    '2029-11-11',
    '2029-12-25',
  ],
  2030: [
    '2030-01-01',
    '2030-04-22',
    '2030-05-01',
    '2030-05-08',
    '2030-05-30',
    '2030-06-10',
    '2030-07-14',
    '2030-08-15',
    '2030-11-01',
    '2030-11-11',
    '2030-12-25',
  ],
};

describe('French public holidays', () => {
  it.each(Object.entries(HOLIDAYS))('lists the eleven holidays of %s, in date order', (year, dates) => {
    expect(frenchPublicHolidays(Number(year)).map((h) => h.date)).toEqual(dates);
  });

  it.each([
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-17', '2028-05-25', '2028-06-05'],
    [2029, '2029-04-02', '2029-05-10', '2029-05-21'],
    [2030, '2030-04-22', '2030-05-30', '2030-06-10'],
  ])('names Easter Monday, Ascension and Whit Monday of %i', (year, easterMonday, ascension, whitMonday) => {
    const byName = Object.fromEntries(frenchPublicHolidays(year).map((h) => [h.name, h.date]));
    expect(byName['Lundi de Pâques']).toBe(easterMonday);
    expect(byName['Ascension']).toBe(ascension);
    expect(byName['Lundi de Pentecôte']).toBe(whitMonday);
    expect(byName['Fête nationale']).toBe(`${year}-07-14`);
    expect(byName['Armistice 1918']).toBe(`${year}-11-11`);
  });

  it('computes Easter for any year, including the earliest and latest possible dates', () => {
    expect(easterSunday(1818)).toBe('1818-03-22');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('tells a holiday from an ordinary day, whatever the weekday', () => {
    for (const dates of Object.values(HOLIDAYS))
      for (const date of dates) expect(isFrenchPublicHoliday(date)).toBe(true);
    expect(isFrenchPublicHoliday('2026-04-05')).toBe(false); // Easter Sunday is a Sunday, not a holiday of its own
    expect(isFrenchPublicHoliday('2026-04-03')).toBe(false); // Good Friday: Alsace-Moselle only
    expect(isFrenchPublicHoliday('2026-12-26')).toBe(false);
    expect(isFrenchPublicHoliday('2026-05-15')).toBe(false);
  });

  it('counts a weekday holiday and every weekend day as non-working days', () => {
    expect(isWorkingDay('2026-07-14')).toBe(false); // Tuesday, national day
    expect(isWorkingDay('2026-02-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-03-01')).toBe(false); // Sunday
    expect(isWorkingDay('2026-03-02')).toBe(true); // Monday
    expect(isWorkingDay('2026-05-15')).toBe(true); // the Friday after Ascension ("pont"): still a working day
  });
});

describe('moving a due date to the next working day (Regulation 1182/71, art. 3.4)', () => {
  it.each([
    ['a working day stays', '2026-03-03', '2026-03-03'],
    ['a Saturday moves to Monday', '2026-02-28', '2026-03-02'],
    ['a Sunday moves to Monday', '2026-03-01', '2026-03-02'],
    ['a Friday holiday (1 May) moves to Monday', '2026-05-01', '2026-05-04'],
    ['a Friday holiday (8 May) moves to Monday', '2026-05-08', '2026-05-11'],
    ['Christmas on a Friday moves to Monday', '2026-12-25', '2026-12-28'],
    ['Ascension Thursday moves to Friday', '2026-05-14', '2026-05-15'],
    ['a Saturday before Easter Monday moves to Tuesday', '2026-04-04', '2026-04-07'],
    ['a Sunday before Whit Monday moves to Tuesday', '2026-05-24', '2026-05-26'],
    ['Easter Monday itself moves to Tuesday', '2027-03-29', '2027-03-30'],
    ['1 January on a Saturday moves to Monday 3', '2028-01-01', '2028-01-03'],
    ['14 July on a Saturday moves to Monday 16', '2029-07-14', '2029-07-16'],
    ['a holiday on a Tuesday moves to Wednesday', '2026-07-14', '2026-07-15'],
    ['31 December 2027, a working Friday, stays', '2027-12-31', '2027-12-31'],
  ])('%s: %s → %s', (_what, date, expected) => {
    expect(nextWorkingDay(date)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-03-02'], // 28 February 2026 is a Saturday
    ['2028-01-31', 1, '2028-02-29'], // leap year, a Tuesday
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-12-31', 1, '2027-02-01'], // 31 January 2027 is a Sunday
    ['2026-03-06', 1, '2026-04-07'], // 6 April 2026 is Easter Monday
    ['2026-04-14', 1, '2026-05-15'], // 14 May 2026 is Ascension
    ['2026-06-14', 1, '2026-07-15'], // 14 July
    ['2026-01-31', 3, '2026-04-30'],
  ])('%s + %i month(s), then the next working day = %s', (date, months, expected) => {
    expect(dueDateInMonths(date, months)).toBe(expected);
  });

  it('counts days, then moves', () => {
    expect(dueDateInDays('2026-07-10', 4)).toBe('2026-07-15');
    expect(dueDateInDays('2026-12-18', 7)).toBe('2026-12-28');
    expect(dueDateInDays('2026-03-02', 1)).toBe('2026-03-03');
  });
});

describe('calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-02-28', 1, '2026-03-28'],
    ['2026-12-15', -12, '2025-12-15'],
  ])('%s + %i month(s) = %s (the month’s last day when shorter)', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('adds days across months and years, and refuses what is not a calendar date', () => {
    expect(addCalendarDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addCalendarDays('31/01/2026', 1)).toThrow();
    expect(() => nextWorkingDay('2026-02-30')).toThrow();
  });

  it('takes the calendar day in Paris, not in UTC', () => {
    expect(parisCalendarDay(new Date('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(parisCalendarDay(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(todayInParis(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});
