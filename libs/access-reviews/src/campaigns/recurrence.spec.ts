import { nextDueDate } from './recurrence';

describe('nextDueDate', () => {
  it('is N months after the previous due date', () => {
    expect(nextDueDate('2026-03-31', 3, '2026-04-02')).toBe('2026-06-30');
    expect(nextDueDate('2026-01-31', 1, '2026-01-15')).toBe('2026-02-28');
  });

  it('skips the periods already past, counting from the original date', () => {
    expect(nextDueDate('2025-01-31', 3, '2026-03-01')).toBe('2026-04-30');
    expect(nextDueDate('2025-01-31', 6, '2026-01-31')).toBe('2026-01-31');
  });
});
