import { PROGRESS_HISTORY_LIMIT, progressHistory, StatusChange } from './progress-history';
import { RequirementStatus } from './requirement-assessment.entity';

const current = (entries: [string, RequirementStatus][]) => new Map(entries);
const change = (id: string, day: string, before: RequirementStatus): StatusChange => ({
  requirementAssessmentId: id,
  day,
  before,
});

describe('progress history replayed from the status changes', () => {
  it('undoes the changes day by day, newest first, and ends on the current state', () => {
    const { points, truncated } = progressHistory(
      current([
        ['a', 'implemented'],
        ['b', 'in-progress'],
        ['c', 'not-applicable'],
      ]),
      [
        change('a', '2026-03-10', 'in-progress'),
        change('b', '2026-03-10', 'not-started'),
        change('a', '2026-03-02', 'not-started'),
        change('c', '2026-03-02', 'not-started'),
      ],
      '2026-03-01',
      '2026-03-15',
    );
    expect(truncated).toBe(false);
    expect(points.map((p) => [p.date, p.byStatus, p.changes])).toEqual([
      ['2026-03-01', { 'not-started': 3, 'in-progress': 0, implemented: 0, 'not-applicable': 0 }, 0],
      ['2026-03-02', { 'not-started': 1, 'in-progress': 1, implemented: 0, 'not-applicable': 1 }, 2],
      ['2026-03-10', { 'not-started': 0, 'in-progress': 1, implemented: 1, 'not-applicable': 1 }, 2],
      ['2026-03-15', { 'not-started': 0, 'in-progress': 1, implemented: 1, 'not-applicable': 1 }, 0],
    ]);
    expect(points[0]).toMatchObject({ total: 3, applicable: 3, implementedShare: 0 });
    expect(points[3]).toMatchObject({ total: 3, applicable: 2, implementedShare: 0.5 });
  });

  it('gives one point when the assessment opened today and nothing changed', () => {
    const { points } = progressHistory(current([['a', 'not-started']]), [], '2026-03-01', '2026-03-01');
    expect(points).toEqual([
      {
        date: '2026-03-01',
        total: 1,
        applicable: 1,
        byStatus: { 'not-started': 1, 'in-progress': 0, implemented: 0, 'not-applicable': 0 },
        implementedShare: 0,
        changes: 0,
      },
    ]);
  });

  it('does not repeat today or the opening day when changes were made on them', () => {
    const { points } = progressHistory(
      current([['a', 'implemented']]),
      [change('a', '2026-03-05', 'in-progress'), change('a', '2026-03-01', 'not-started')],
      '2026-03-01',
      '2026-03-05',
    );
    expect(points.map((p) => [p.date, p.byStatus.implemented, p.byStatus['in-progress']])).toEqual([
      ['2026-03-01', 0, 1],
      ['2026-03-05', 1, 0],
    ]);
  });

  it('ignores changes of rows it does not count, and keeps the latest days when there are too many', () => {
    const changes: StatusChange[] = [];
    const start = Date.UTC(2024, 0, 1);
    for (let day = PROGRESS_HISTORY_LIMIT + 20; day >= 1; day -= 1) {
      const date = new Date(start + day * 86_400_000).toISOString().slice(0, 10);
      changes.push(change(day % 2 ? 'a' : 'hidden', date, 'in-progress'));
    }
    const { points, truncated } = progressHistory(
      current([['a', 'implemented']]),
      changes,
      '2024-01-01',
      '2026-12-31',
    );
    expect(truncated).toBe(true);
    expect(points).toHaveLength(PROGRESS_HISTORY_LIMIT);
    expect(points[points.length - 1]).toMatchObject({ date: '2026-12-31', byStatus: { implemented: 1 } });
    expect(points[points.length - 2].date).toBe(changes[0].day);
    // The newest change is of a row not counted; the next one is of `a`, undone before the day before it.
    expect(points[points.length - 3].byStatus.implemented).toBe(1);
    expect(points[points.length - 4].byStatus['in-progress']).toBe(1);
  });
});
