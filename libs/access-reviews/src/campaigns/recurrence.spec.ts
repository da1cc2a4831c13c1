import { nextDueDate } from './recurrence';

describe('nextDueDate', () => {
  it('is N months after the previous due date', () => {
    expect(nextDueDate('2026-03-31', 3, '2026-04-02')).toBe('2026-06-30');
    expect(nextDueDate('2026-03-10', 1, '2026-03-15')).toBe('2026-04-10');
  });

  it('moves to the next working day when N months later is a weekend or a public holiday', () => {
    // 28 February 2026 is a Saturday.
    expect(nextDueDate('2026-01-31', 1, '2026-01-15')).toBe('2026-03-02');
    // 6 April 2026 is Easter Monday; 14 July 2026 a Tuesday holiday.
    expect(nextDueDate('2026-01-06', 3, '2026-01-15')).toBe('2026-04-07');
    expect(nextDueDate('2026-01-14', 6, '2026-01-15')).toBe('2026-07-15');
  });

  it('skips the periods already past, counting from the original date', () => {
    expect(nextDueDate('2025-01-31', 3, '2026-03-01')).toBe('2026-04-30');
    // 31 January 2026 is a Saturday: Monday 2 February is still ahead of today.
    expect(nextDueDate('2025-01-31', 6, '2026-01-31')).toBe('2026-02-02');
    expect(nextDueDate('2025-01-31', 6, '2026-02-03')).toBe('2026-07-31');
  });
});
