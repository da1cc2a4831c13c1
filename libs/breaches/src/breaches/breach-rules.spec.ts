import {
  BREACH_STATUSES,
  BREACH_TRANSITIONS,
  BreachState,
  BreachStatus,
  checkBreach,
  isBreachOverdue,
  stateErrors,
  transitionConflict,
  waiverErrors,
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
    const justified = { waiverJustification: 'Mesures ultérieures : comptes bloqués, mots de passe changés' };
    expect(fields(state({ waiverGround: '34.3.b', ...justified }))).toEqual(['waiverGround']);
    expect(
      fields(
        state({ subjectsInformed: true, subjectsInformedAt: aware, waiverGround: '34.3.a', ...justified }),
      ),
    ).toEqual(['waiverGround']);
    expect(fields(state({ subjectsInformed: false, waiverGround: '34.3.b', ...justified }))).toEqual([]);
  });

  it('needs an initial notification before complementary ones', () => {
    expect(fields(state({ complementaryNotifications: [{ at: '2026-04-01T10:00:00Z' }] }))).toEqual([
      'complementaryNotifications',
    ]);
  });
});

describe('waiver of informing the people (Art. 34.3)', () => {
  const waived = (extra: Partial<BreachState>) => state({ subjectsInformed: false, ...extra });
  const communication = {
    publicCommunicationAt: new Date('2026-03-30T08:00:00Z'),
    publicCommunicationMeans: 'Communiqué sur le site de la commune et affichage en mairie',
  };

  it.each(['34.3.a', '34.3.b', '34.3.c'] as const)(
    'needs the justification of a waiver under Art. %s',
    (ground) => {
      const recorded = ground === '34.3.c' ? communication : {};
      const errors = waiverErrors(waived({ waiverGround: ground, ...recorded }));
      expect(errors).toHaveLength(1);
      expect(errors[0].field).toBe('waiverJustification');
      expect(errors[0].message).toContain(`art. ${ground} du RGPD`);
      expect(errors[0].message).toMatch(/justification de la dérogation est obligatoire/);
      expect(
        waiverErrors(waived({ waiverGround: ground, waiverJustification: '   ', ...recorded })),
      ).toHaveLength(1);
    },
  );

  it('refuses a justification too short to say why, and one without a ground', () => {
    expect(waiverErrors(waived({ waiverGround: '34.3.a', waiverJustification: 'chiffré' }))).toEqual([
      expect.objectContaining({
        field: 'waiverJustification',
        message: expect.stringMatching(/au moins 10/),
      }),
    ]);
    expect(waiverErrors(waived({ waiverJustification: 'Clé de chiffrement non compromise' }))).toEqual([
      expect.objectContaining({ field: 'waiverJustification', message: expect.stringMatching(/34\.3\.a/) }),
    ]);
    expect(
      waiverErrors(
        waived({ waiverGround: '34.3.a', waiverJustification: 'Clé de chiffrement non compromise' }),
      ),
    ).toEqual([]);
  });

  it('needs the date and the means of the public communication under Art. 34.3.c', () => {
    const justification = {
      waiverGround: '34.3.c' as const,
      waiverJustification: 'Adresses inconnues de 40 000 usagers',
    };
    const fieldsOf = (extra: Partial<BreachState>) =>
      waiverErrors(waived({ ...justification, ...extra })).map((e) => e.field);
    expect(fieldsOf({})).toEqual(['publicCommunicationAt', 'publicCommunicationMeans']);
    expect(fieldsOf({ publicCommunicationAt: communication.publicCommunicationAt })).toEqual([
      'publicCommunicationMeans',
    ]);
    expect(
      fieldsOf({
        publicCommunicationMeans: '  ',
        publicCommunicationAt: communication.publicCommunicationAt,
      }),
    ).toEqual(['publicCommunicationMeans']);
    expect(fieldsOf(communication)).toEqual([]);
    expect(waiverErrors(waived({ ...justification }))[0].message).toContain('34.3.c');
  });

  it('records a public communication only under Art. 34.3.c, and not before awareness', () => {
    const other = {
      waiverGround: '34.3.a' as const,
      waiverJustification: 'Données chiffrées, clé non compromise',
    };
    expect(waiverErrors(waived({ ...other, ...communication }))).toEqual([
      expect.objectContaining({ field: 'publicCommunicationAt', message: expect.stringMatching(/34\.3\.c/) }),
    ]);
    expect(waiverErrors(state({ publicCommunicationMeans: 'Communiqué' }))).toEqual([
      expect.objectContaining({ field: 'publicCommunicationMeans' }),
    ]);
    expect(
      waiverErrors(
        waived({
          waiverGround: '34.3.c',
          waiverJustification: 'Adresses inconnues de 40 000 usagers',
          ...communication,
          publicCommunicationAt: new Date('2026-03-28T08:59:59Z'),
        }),
      ).map((e) => e.field),
    ).toEqual(['publicCommunicationAt']);
  });

  it('is part of the checks of a whole breach', () => {
    expect(
      stateErrors(waived({ waiverGround: '34.3.c', waiverJustification: null })).map((e) => e.field),
    ).toEqual(['waiverJustification', 'publicCommunicationAt', 'publicCommunicationMeans']);
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
