import {
  addCalendarMonths,
  breachNotificationDeadline,
  endOfParisDay,
  parisDate,
  parisLocalToInstant,
  parisOffsetMinutes,
  rightsRequestDueDate,
} from './deadlines';

describe('Paris time', () => {
  it('knows the offset on each side of both daylight-saving changes of 2026', () => {
    expect(parisOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T00:59:59Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('reads a Paris wall-clock time as the right instant, in winter and in summer', () => {
    expect(parisLocalToInstant('2026-03-28T10:00').toISOString()).toBe('2026-03-28T09:00:00.000Z');
    expect(parisLocalToInstant('2026-03-31T11:00').toISOString()).toBe('2026-03-31T09:00:00.000Z');
    expect(parisLocalToInstant('2026-07-14T00:00:30').toISOString()).toBe('2026-07-13T22:00:30.000Z');
  });

  it('reads a time skipped in spring an hour later, and a repeated autumn hour as its first occurrence', () => {
    expect(parisLocalToInstant('2026-03-29T02:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(parisLocalToInstant('2026-10-25T02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('gives the Paris calendar day of an instant, not the UTC one', () => {
    expect(parisDate(new Date('2026-01-31T22:59:59Z'))).toBe('2026-01-31');
    expect(parisDate(new Date('2026-01-31T23:00:00Z'))).toBe('2026-02-01');
    expect(parisDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(parisDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('ends a Paris day at 23:59:59.999 local time, across a change of offset', () => {
    expect(endOfParisDay('2026-03-28').toISOString()).toBe('2026-03-28T22:59:59.999Z');
    expect(endOfParisDay('2026-03-29').toISOString()).toBe('2026-03-29T21:59:59.999Z');
    expect(endOfParisDay('2026-10-25').toISOString()).toBe('2026-10-25T22:59:59.999Z');
  });
});

describe('breach notification deadline (Art. 33.1)', () => {
  it('is 72 real hours after awareness: 10:00 on 28 March is due at 11:00 on 31 March, Paris time', () => {
    const aware = parisLocalToInstant('2026-03-28T10:00');
    const deadline = breachNotificationDeadline(aware);
    expect(deadline.getTime() - aware.getTime()).toBe(72 * 3_600_000);
    expect(deadline.toISOString()).toBe(parisLocalToInstant('2026-03-31T11:00').toISOString());
  });

  it('gains back the hour in autumn: 10:00 on 24 October is due at 09:00 on 27 October, Paris time', () => {
    const deadline = breachNotificationDeadline(parisLocalToInstant('2026-10-24T10:00'));
    expect(deadline.toISOString()).toBe(parisLocalToInstant('2026-10-27T09:00').toISOString());
  });

  it('keeps the wall-clock time when no change of offset falls within the 72 hours', () => {
    const deadline = breachNotificationDeadline(parisLocalToInstant('2026-05-04T16:45'));
    expect(deadline.toISOString()).toBe(parisLocalToInstant('2026-05-07T16:45').toISOString());
  });

  it('keeps the milliseconds', () => {
    expect(breachNotificationDeadline(new Date('2026-01-01T00:00:00.123Z')).toISOString()).toBe(
      '2026-01-04T00:00:00.123Z',
    );
  });
});

describe('calendar months', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2028-01-29', 1, '2028-02-29'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-12-31', 1, '2027-01-31'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-01-31', 3, '2026-04-30'],
    ['2026-02-28', 1, '2026-03-28'],
    ['2026-05-10', 0, '2026-05-10'],
  ])('%s + %i month(s) = %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('adds days after the months, and refuses what is not a date', () => {
    expect(addCalendarMonths('2026-02-28', 0, 1)).toBe('2026-03-01');
    expect(addCalendarMonths('2026-12-31', 0, 1)).toBe('2027-01-01');
    expect(() => addCalendarMonths('31/01/2026', 1)).toThrow();
  });
});

describe('rights request due date (Art. 12.3)', () => {
  it('is one month after the Paris day of receipt', () => {
    expect(rightsRequestDueDate(parisLocalToInstant('2026-01-30T09:00'))).toBe('2026-03-02');
    expect(rightsRequestDueDate(parisLocalToInstant('2028-01-31T09:00'))).toBe('2028-02-29');
    expect(rightsRequestDueDate(parisLocalToInstant('2026-03-10T09:00'))).toBe('2026-04-10');
  });

  it('counts the day of receipt in Paris, where UTC is still on the day before or after', () => {
    // 00:30 on 1 March in Paris is still 28 February in UTC.
    expect(rightsRequestDueDate(new Date('2026-02-28T23:30:00Z'))).toBe('2026-04-01');
    // 23:30 on 31 March in Paris is 21:30 UTC, the same day.
    expect(rightsRequestDueDate(new Date('2026-03-31T21:30:00Z'))).toBe('2026-04-30');
    // 00:30 on 31 October (summer time) in Paris is 22:30 UTC on 30 October.
    expect(rightsRequestDueDate(new Date('2026-10-30T22:30:00Z'))).toBe('2026-11-30');
  });

  it('moves to the next working day when a month later is a Saturday, a Sunday or a public holiday', () => {
    // 28 February 2026 is a Saturday: Monday 2 March.
    expect(rightsRequestDueDate(parisLocalToInstant('2026-01-31T09:00'))).toBe('2026-03-02');
    // 6 April 2026 is Easter Monday, after a weekend: Tuesday 7 April.
    expect(rightsRequestDueDate(parisLocalToInstant('2026-03-04T09:00'))).toBe('2026-04-07');
    expect(rightsRequestDueDate(parisLocalToInstant('2026-03-06T09:00'))).toBe('2026-04-07');
    // Friday 1 May 2026: Monday 4 May; Thursday 14 May (Ascension): Friday 15 May.
    expect(rightsRequestDueDate(parisLocalToInstant('2026-04-01T09:00'))).toBe('2026-05-04');
    expect(rightsRequestDueDate(parisLocalToInstant('2026-04-14T09:00'))).toBe('2026-05-15');
    // 14 July 2026, a Tuesday: Wednesday 15 July; the extension moves too (14 September is a Monday).
    expect(rightsRequestDueDate(parisLocalToInstant('2026-06-14T09:00'))).toBe('2026-07-15');
    expect(rightsRequestDueDate(parisLocalToInstant('2026-06-14T09:00'), 2)).toBe('2026-09-14');
  });

  it('is extended by one or two months counted from the receipt', () => {
    const received = parisLocalToInstant('2026-01-31T09:00');
    expect(rightsRequestDueDate(received, 1)).toBe('2026-03-31');
    expect(rightsRequestDueDate(received, 2)).toBe('2026-04-30');
    expect(() => rightsRequestDueDate(received, 3)).toThrow();
    expect(() => rightsRequestDueDate(received, 1.5)).toThrow();
  });
});
