import { addDays, frenchDate, frenchDateTime, nextDigestAt, parisDay } from './paris-time';

describe('Paris time of the notices', () => {
  it('sends the digest at 08:00 in Paris, winter and summer', () => {
    // 1 December 2026, 06:30 UTC = 07:30 in Paris: today at 08:00 Paris (07:00 UTC).
    expect(nextDigestAt(new Date('2026-12-01T06:30:00Z')).toISOString()).toBe('2026-12-01T07:00:00.000Z');
    // Past 08:00 in Paris: tomorrow.
    expect(nextDigestAt(new Date('2026-12-01T07:00:00Z')).toISOString()).toBe('2026-12-02T07:00:00.000Z');
    // Summer time: 08:00 in Paris is 06:00 UTC.
    expect(nextDigestAt(new Date('2026-07-14T12:00:00Z')).toISOString()).toBe('2026-07-15T06:00:00.000Z');
    // The night of the change to summer time (29 March 2026).
    expect(nextDigestAt(new Date('2026-03-28T23:00:00Z')).toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('counts days in Paris and writes dates the French way', () => {
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(addDays('2026-02-25', 7)).toBe('2026-03-04');
    expect(frenchDate('2026-12-08')).toBe('08/12/2026');
    expect(frenchDateTime(new Date('2026-12-08T13:05:00Z'))).toBe('08/12/2026 à 14 h 05');
  });
});
