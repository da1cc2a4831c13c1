import { addDays, addMonths, isCalendarDate, parisDay } from './dates';

describe('access-review dates', () => {
  it('adds months clamping to the end of shorter months, from the original day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });

  it('adds days and reads Paris calendar days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(parisDay(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
  });

  it('checks calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-2-28')).toBe(false);
  });
});
