import {
  extensionWindowConflict,
  isRightsRequestOverdue,
  RIGHTS,
  RIGHTS_REQUEST_STATUSES,
  RightsRequestState,
  rightsStateErrors,
  rightsTransitionConflict,
} from './rights-rules';

const received = new Date('2026-01-31T08:00:00Z');

function state(extra: Partial<RightsRequestState> = {}): RightsRequestState {
  return {
    status: 'received',
    receivedAt: received,
    identityChecked: false,
    extensionMonths: 0,
    extensionReason: null,
    answeredAt: null,
    answerChannel: null,
    refusalReason: null,
    ...extra,
  };
}

const fields = (s: RightsRequestState) => rightsStateErrors(s).map((e) => e.field);

describe('rights request flow', () => {
  it('offers the rights of the GDPR reference', () => {
    expect(RIGHTS).toEqual(expect.arrayContaining(['access', 'erasure', 'portability', 'objection']));
  });

  it('allows exactly the transitions of the table', () => {
    const allowed: string[] = [];
    for (const from of RIGHTS_REQUEST_STATUSES)
      for (const to of RIGHTS_REQUEST_STATUSES)
        if (from !== to && !rightsTransitionConflict(from, to)) allowed.push(`${from}>${to}`);
    expect(allowed.sort()).toEqual(
      [
        'received>identity-pending',
        'received>in-progress',
        'received>extended',
        'received>answered',
        'received>refused',
        'identity-pending>in-progress',
        'identity-pending>extended',
        'identity-pending>answered',
        'identity-pending>refused',
        'in-progress>extended',
        'in-progress>answered',
        'in-progress>refused',
        'extended>answered',
        'extended>refused',
      ].sort(),
    );
    expect(rightsTransitionConflict('answered', 'in-progress')).toMatch(/ne peut plus être modifiée/);
    expect(rightsTransitionConflict('extended', 'received')).toMatch(/ne peut pas passer de « extended »/);
  });
});

describe('rights request field rules', () => {
  it('needs the identity checked before the work and the answer', () => {
    expect(fields(state({ status: 'in-progress' }))).toEqual(['identityChecked']);
    expect(fields(state({ status: 'in-progress', identityChecked: true }))).toEqual([]);
    expect(fields(state({ status: 'identity-pending' }))).toEqual([]);
  });

  it('needs a reason and a length to extend', () => {
    expect(fields(state({ status: 'extended' }))).toEqual(['extensionMonths']);
    expect(fields(state({ status: 'extended', extensionMonths: 2 }))).toEqual(['extensionReason']);
    expect(fields(state({ status: 'extended', extensionMonths: 2, extensionReason: 'Complexité' }))).toEqual(
      [],
    );
  });

  it('needs the answer date and channel once answered', () => {
    expect(fields(state({ status: 'answered', identityChecked: true }))).toEqual([
      'answeredAt',
      'answerChannel',
    ]);
    expect(
      fields(
        state({
          status: 'answered',
          identityChecked: true,
          answeredAt: new Date('2026-02-10T10:00:00Z'),
          answerChannel: 'email',
        }),
      ),
    ).toEqual([]);
    expect(fields(state({ answeredAt: new Date('2026-02-10T10:00:00Z') }))).toEqual(['status']);
  });

  it('needs a refusal reason when refused, and only then', () => {
    expect(fields(state({ status: 'refused', answeredAt: new Date('2026-02-10T10:00:00Z') }))).toEqual([
      'refusalReason',
    ]);
    expect(
      fields(state({ status: 'refused', refusalReason: 'Identité non établie', answeredAt: received })),
    ).toEqual([]);
    expect(fields(state({ refusalReason: 'x' }))).toEqual(['refusalReason']);
  });

  it('orders the dates', () => {
    expect(
      fields(
        state({
          status: 'answered',
          identityChecked: true,
          answerChannel: 'email',
          answeredAt: new Date('2026-01-30T10:00:00Z'),
        }),
      ),
    ).toEqual(['answeredAt']);
  });
});

describe('overdue', () => {
  it('is an open request after its due day (Paris calendar)', () => {
    expect(isRightsRequestOverdue({ status: 'in-progress', dueDate: '2026-02-28' }, '2026-02-28')).toBe(
      false,
    );
    expect(isRightsRequestOverdue({ status: 'in-progress', dueDate: '2026-02-28' }, '2026-03-01')).toBe(true);
    expect(isRightsRequestOverdue({ status: 'answered', dueDate: '2026-02-28' }, '2026-03-01')).toBe(false);
    expect(isRightsRequestOverdue({ status: 'refused', dueDate: '2026-02-28' }, '2026-03-01')).toBe(false);
  });
});

describe('extension window (Art. 12.3, Regulation 1182/71 art. 3.4)', () => {
  it('stays open until the first due date, moved past a weekend to the next working day', () => {
    // Received on 31 January 2026: a month later is Saturday 28 February, so the window ends on Monday 2 March.
    expect(extensionWindowConflict(received, '2026-02-28')).toBeNull();
    expect(extensionWindowConflict(received, '2026-03-01')).toBeNull();
    expect(extensionWindowConflict(received, '2026-03-02')).toBeNull();
    expect(extensionWindowConflict(received, '2026-03-03')).toMatch(
      /au plus tard le 2026-03-02, art\. 12\.3/,
    );
  });

  it('stays open past a public holiday after a weekend (Easter Monday 2026)', () => {
    const march6 = new Date('2026-03-06T09:00:00Z');
    expect(extensionWindowConflict(march6, '2026-04-06')).toBeNull();
    expect(extensionWindowConflict(march6, '2026-04-07')).toBeNull();
    expect(extensionWindowConflict(march6, '2026-04-08')).not.toBeNull();
  });
});
