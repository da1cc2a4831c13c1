import {
  BREACH_STATUSES,
  BREACH_TRANSITIONS,
  BreachState,
  BreachStatus,
  checkBreach,
  isBreachOverdue,
  stateErrors,
  transitionConflict,
} from './breach-rules';

const aware = new Date('2026-03-28T09:00:00Z');
const deadline = new Date('2026-03-31T09:00:00Z');

function state(extra: Partial<BreachState> = {}): BreachState {
  return {
    status: 'to-assess',
    riskLevel: null,
    natures: ['confidentiality'],
    approxSubjects: 12,
    occurredAt: null,
    awareAt: aware,
    notificationDeadline: deadline,
    cnilNotifiedAt: null,
    notificationDelayReason: null,
    notNotifiableReason: null,
    complementaryNotifications: [],
    subjectsInformed: null,
    subjectsInformedAt: null,
    waiverGround: null,
    ...extra,
  };
}

const notifiedRisk = (extra: Partial<BreachState> = {}) =>
  state({ riskLevel: 'risk', cnilNotifiedAt: new Date('2026-03-30T10:00:00Z'), ...extra });

describe('breach status flow', () => {
  it('allows exactly the transitions of the table', () => {
    const allowed: string[] = [];
    for (const from of BREACH_STATUSES)
      for (const to of BREACH_STATUSES) {
        if (from === to) continue;
        // A state that satisfies every closing rule, so that only the table decides.
        const conflict = transitionConflict(from, notifiedRisk({ status: to, subjectsInformed: true }));
        if (!conflict) allowed.push(`${from}>${to}`);
      }
    expect(allowed.sort()).toEqual(
      [
        'to-assess>assessed',
        'assessed>notified',
        'assessed>not-notifiable',
        'notified>closed',
        'not-notifiable>notified',
      ].sort(),
    );
    // not-notifiable > closed is in the table but only for a breach without risk:
    expect(BREACH_TRANSITIONS['not-notifiable']).toContain('closed');
    expect(transitionConflict('not-notifiable', state({ status: 'closed', riskLevel: 'none' }))).toBeNull();
  });

  it('never leaves closed', () => {
    for (const to of BREACH_STATUSES.filter((s) => s !== 'closed'))
      expect(transitionConflict('closed', state({ status: to as BreachStatus }))).toMatch(/clôturée/);
  });

  it('refuses to close a risky breach without a CNIL notification, with a clear message', () => {
    expect(transitionConflict('assessed', state({ status: 'closed', riskLevel: 'risk' }))).toMatch(
      /ne peut être clôturée avant que sa notification à la CNIL/,
    );
    expect(transitionConflict('not-notifiable', state({ status: 'closed', riskLevel: 'risk' }))).toMatch(
      /CNIL/,
    );
    expect(transitionConflict('notified', notifiedRisk({ status: 'closed' }))).toBeNull();
  });

  it('refuses to close a high-risk breach until the people are informed or a waiver ground is recorded', () => {
    const highRisk = notifiedRisk({ status: 'closed', riskLevel: 'high-risk' });
    expect(transitionConflict('notified', highRisk)).toMatch(/art\. 34/);
    expect(
      transitionConflict('notified', {
        ...highRisk,
        subjectsInformed: true,
        subjectsInformedAt: new Date('2026-04-01T10:00:00Z'),
      }),
    ).toBeNull();
    expect(
      transitionConflict('notified', { ...highRisk, subjectsInformed: false, waiverGround: '34.3.a' }),
    ).toBeNull();
  });

  it('lets a breach without risk be closed as not notifiable', () => {
    expect(
      checkBreach(
        'not-notifiable',
        state({ status: 'closed', riskLevel: 'none', notNotifiableReason: 'Données chiffrées' }),
      ),
    ).toEqual({ errors: [] });
  });
});

describe('breach field rules', () => {
  const fields = (s: BreachState) => stateErrors(s).map((e) => e.field);

  it('needs a risk level, the natures and the number of people once assessed', () => {
    expect(fields(state({ status: 'assessed' }))).toEqual(['riskLevel']);
    expect(fields(state({ status: 'assessed', riskLevel: 'none' }))).toEqual([]);
    expect(
      fields(state({ status: 'assessed', riskLevel: 'none', natures: [], approxSubjects: null })),
    ).toEqual(['natures', 'approxSubjects']);
    expect(fields(state({ natures: [], approxSubjects: null }))).toEqual([]);
  });

  it('keeps "not notifiable" for breaches without risk, with a reason', () => {
    expect(fields(state({ status: 'not-notifiable', riskLevel: 'risk' }))).toEqual([
      'riskLevel',
      'notNotifiableReason',
    ]);
    expect(
      fields(state({ status: 'not-notifiable', riskLevel: 'none', notNotifiableReason: 'Chiffré' })),
    ).toEqual([]);
  });

  it('needs the notification date once notified, and a reason when it came after 72 hours', () => {
    expect(fields(state({ status: 'notified', riskLevel: 'risk' }))).toEqual(['cnilNotifiedAt']);
    const late = new Date('2026-03-31T09:00:01Z');
    expect(fields(state({ status: 'notified', riskLevel: 'risk', cnilNotifiedAt: late }))).toEqual([
      'notificationDelayReason',
    ]);
    expect(
      fields(
        state({
          status: 'notified',
          riskLevel: 'risk',
          cnilNotifiedAt: late,
          notificationDelayReason: 'Investigation',
        }),
      ),
    ).toEqual([]);
    expect(fields(state({ status: 'notified', riskLevel: 'risk', cnilNotifiedAt: deadline }))).toEqual([]);
  });

  it('orders the dates', () => {
    expect(fields(state({ occurredAt: new Date('2026-03-28T09:00:01Z') }))).toEqual(['occurredAt']);
    expect(fields(state({ cnilNotifiedAt: new Date('2026-03-28T08:00:00Z') }))).toEqual(['cnilNotifiedAt']);
  });

  it('keeps the Art. 34 decision consistent', () => {
    expect(fields(state({ subjectsInformed: true }))).toEqual(['subjectsInformedAt']);
    expect(fields(state({ waiverGround: '34.3.c' }))).toEqual(['waiverGround']);
    expect(
      fields(state({ subjectsInformed: true, subjectsInformedAt: aware, waiverGround: '34.3.a' })),
    ).toEqual(['waiverGround']);
    expect(fields(state({ subjectsInformed: false, waiverGround: '34.3.b' }))).toEqual([]);
  });

  it('needs an initial notification before complementary ones', () => {
    expect(fields(state({ complementaryNotifications: [{ at: '2026-04-01T10:00:00Z' }] }))).toEqual([
      'complementaryNotifications',
    ]);
  });
});

describe('overdue', () => {
  it('is an unnotified breach still being handled after its deadline', () => {
    const after = new Date('2026-03-31T09:00:00.001Z');
    expect(isBreachOverdue(state(), after)).toBe(true);
    expect(isBreachOverdue(state(), deadline)).toBe(false);
    expect(isBreachOverdue(state({ status: 'assessed', riskLevel: 'risk' }), after)).toBe(true);
    expect(isBreachOverdue(notifiedRisk({ status: 'notified' }), after)).toBe(false);
    expect(isBreachOverdue(state({ status: 'not-notifiable', riskLevel: 'none' }), after)).toBe(false);
    expect(isBreachOverdue(state({ status: 'closed', riskLevel: 'none' }), after)).toBe(false);
  });
});
