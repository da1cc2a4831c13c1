import { dateFr } from './french-date';

describe('dateFr', () => {
  it('writes the first day of a month as an ordinal, the others as numbers, in Paris time', () => {
    expect(dateFr('2026-12-01')).toBe('1er décembre 2026');
    expect(dateFr(new Date('2026-11-30T23:30:00Z'))).toBe('1er décembre 2026');
    expect(dateFr('2026-12-11')).toBe('11 décembre 2026');
    expect(dateFr(null)).toBe('—');
  });
});
