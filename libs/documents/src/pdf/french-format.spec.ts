import {
  formatDateFr,
  formatDateTimeFr,
  formatNumberFr,
  formatPercentFr,
  formatShortDateFr,
} from './french-format';

describe('French formatting', () => {
  it('formats dates in Paris time, across the daylight-saving change', () => {
    expect(formatDateFr(new Date('2026-03-28T23:30:00Z'))).toBe('29 mars 2026');
    expect(formatDateTimeFr(new Date('2026-03-29T12:00:00Z'))).toBe('29 mars 2026 à 14:00');
    expect(formatDateTimeFr(new Date('2026-01-15T12:00:00Z'))).toBe('15 janvier 2026 à 13:00');
    expect(formatShortDateFr('2026-11-28T10:00:00Z')).toBe('28/11/2026');
    expect(formatDateFr(null)).toBe('—');
  });

  it('groups thousands with a narrow no-break space and uses a decimal comma', () => {
    expect(formatNumberFr(1234567.5)).toBe('1\u202f234\u202f567,5');
    expect(formatPercentFr(0.875)).toBe('87,5\u00a0%');
  });
});
