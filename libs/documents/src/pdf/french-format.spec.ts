import {
  formatDateFr,
  formatDateTimeFr,
  formatNumberFr,
  formatPercentFr,
  formatShortDateFr,
  formatTimeFr,
} from './french-format';

describe('French formatting', () => {
  it('formats dates in Paris time, across the daylight-saving change', () => {
    expect(formatDateFr(new Date('2026-03-28T23:30:00Z'))).toBe('29 mars 2026');
    expect(formatDateTimeFr(new Date('2026-03-29T12:00:00Z'))).toBe('29 mars 2026 à 14\u00a0h\u00a000');
    expect(formatDateTimeFr(new Date('2026-01-15T12:05:00Z'))).toBe('15 janvier 2026 à 13\u00a0h\u00a005');
    expect(formatShortDateFr('2026-11-28T10:00:00Z')).toBe('28/11/2026');
    expect(formatDateFr(null)).toBe('—');
  });

  it('writes the first day of a month as an ordinal and times as « 9 h 05 »', () => {
    expect(formatDateFr(new Date('2026-11-30T23:30:00Z'))).toBe('1er décembre 2026');
    expect(formatDateFr('2026-12-01')).toBe('1er décembre 2026');
    expect(formatDateFr('2027-01-11')).toBe('11 janvier 2027');
    expect(formatDateFr('2026-12-31')).toBe('31 décembre 2026');
    expect(formatTimeFr(new Date('2026-12-01T08:05:00Z'))).toBe('9\u00a0h\u00a005');
    expect(formatTimeFr(new Date('2026-07-01T22:30:00Z'))).toBe('0\u00a0h\u00a030');
    expect(formatDateTimeFr('2026-05-01T12:00:00Z')).toBe('1er mai 2026 à 14\u00a0h\u00a000');
  });

  it('groups thousands with a narrow no-break space and uses a decimal comma', () => {
    expect(formatNumberFr(1234567.5)).toBe('1\u202f234\u202f567,5');
    expect(formatPercentFr(0.875)).toBe('87,5\u00a0%');
  });
});
