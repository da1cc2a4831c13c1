import { breachFigures, rightsFigures, totalLine, yearBounds } from './annual-report-figures';

describe('annual report figures', () => {
  it('counts a year from midnight on 1 January in Paris', () => {
    expect(yearBounds(2026)).toEqual({
      start: new Date('2025-12-31T23:00:00Z'),
      end: new Date('2026-12-31T23:00:00Z'),
    });
  });

  it('tells breaches notified within the 72 hours from late ones and from those still to notify', () => {
    const deadline = new Date('2026-03-31T09:00:00Z');
    const row = (extra: object) => ({
      status: 'notified',
      riskLevel: 'risk',
      notificationDeadline: deadline,
      cnilNotifiedAt: null,
      subjectsInformed: null,
      ...extra,
    });
    const figures = breachFigures(
      [
        row({ cnilNotifiedAt: deadline }),
        row({ cnilNotifiedAt: new Date(deadline.getTime() + 60_000) }),
        row({ status: 'assessed', riskLevel: 'high-risk' }),
        row({ status: 'not-notifiable', riskLevel: 'none' }),
        row({ status: 'closed', riskLevel: 'high-risk', cnilNotifiedAt: deadline, subjectsInformed: true }),
      ],
      new Date('2026-04-10T00:00:00Z'),
    );
    expect(figures).toEqual({
      total: 5,
      notifiable: 4,
      notifiedInTime: 2,
      notifiedLate: 1,
      notNotifiedOverdue: 1,
      notNotifiable: 1,
      highRisk: 2,
      subjectsInformed: 1,
      stillOpen: 4,
    });
  });

  it('judges a rights request answered in time by the Paris day of the answer', () => {
    const row = (answeredAt: string | null, extra: object = {}) => ({
      right: 'access',
      status: answeredAt ? 'answered' : 'in-progress',
      dueDate: '2026-03-02',
      extensionMonths: 0,
      answeredAt: answeredAt ? new Date(answeredAt) : null,
      ...extra,
    });
    const { byRight, total } = rightsFigures(
      [
        row('2026-03-02T22:30:00Z'), // 23:30 on the due day in Paris: in time
        row('2026-03-02T23:30:00Z'), // 00:30 the next day in Paris: late
        row(null), // open past its due date: late
        row(null, { right: 'erasure', dueDate: '2026-05-02', extensionMonths: 2 }), // open, extended, not late
        row('2026-03-01T10:00:00Z', { right: 'objection', status: 'refused' }),
      ],
      '2026-04-01',
    );
    expect(byRight.map((l) => [l.right, l.total, l.answeredInTime, l.extended, l.late, l.open])).toEqual([
      ['access', 3, 1, 0, 2, 1],
      ['erasure', 1, 0, 1, 0, 1],
      ['objection', 1, 1, 0, 0, 0],
    ]);
    expect(byRight[0].label).toBe("Droit d'accès (art. 15)");
    expect(total).toMatchObject({ total: 5, answeredInTime: 2, extended: 1, late: 2, open: 2 });
  });

  it('adds up the access reviews of every application', () => {
    const line = { campaigns: 1, accounts: 10, reviewed: 9, kept: 7, revoked: 1, modified: 1 };
    expect(
      totalLine([
        { application: 'A', ...line },
        { application: 'B', ...line },
      ]),
    ).toEqual({
      application: 'Total',
      campaigns: 2,
      accounts: 20,
      reviewed: 18,
      kept: 14,
      revoked: 2,
      modified: 2,
    });
  });
});
