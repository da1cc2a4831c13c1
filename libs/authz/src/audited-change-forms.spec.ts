import {
  ConflictException,
  ForbiddenActionException,
  NotFoundException,
  RequestContext,
  StaleVersionException,
} from '@vigie/core';
import { EntityManager } from 'typeorm';
import {
  auditedByHand,
  auditedChange,
  auditedRemoval,
  AuditedRemoval,
  unversioned,
  VersionedRow,
} from './audited-change';

const recordAudit = jest.fn();
jest.mock('@vigie/core', () => ({
  ...jest.requireActual('@vigie/core'),
  recordAudit: (...args: unknown[]) => recordAudit(...args),
}));

type Row = VersionedRow & { parentId: string; role: string };
const stored: { row: Row | null } = { row: null };
const assertCan = jest.fn();
const conditions: string[] = [];
/** A query over the one stored row: it answers the row when every `row.<field> = :param` condition holds. */
function fakeQuery() {
  const params: Record<string, unknown> = {};
  const qb = {
    andWhere(condition: string, values: Record<string, unknown>) {
      conditions.push(condition);
      Object.assign(params, values);
      return qb;
    },
    setLock: () => qb,
    getOne: async () => {
      const row = stored.row as Record<string, unknown> | null;
      const holds = conditions.every((c) => {
        const [, field, param] = /^row\.(\w+) = :(\w+)$/.exec(c)!;
        return row?.[field] === params[param];
      });
      return holds ? row : null;
    },
  };
  return qb;
}
jest.mock('./scoped-query', () => ({
  ...jest.requireActual('./scoped-query'),
  findVisibleOrFail: async () => {
    if (!stored.row) throw new (jest.requireActual('@vigie/core').NotFoundException)('Row');
    return stored.row;
  },
  scopedQuery: () => fakeQuery(),
  assertCan: (...args: unknown[]) => assertCan(...args),
}));

class Entity {}

const ctx = RequestContext.system('test');
const steps: string[] = [];
const manager = {
  save: jest.fn(async () => steps.push('save')),
  delete: jest.fn(async () => steps.push('delete')),
} as unknown as EntityManager;

beforeEach(() => {
  stored.row = { id: 'r', version: 3, parentId: 'p1', role: 'admin', organisationId: 'org-1' };
  steps.length = 0;
  conditions.length = 0;
  jest.clearAllMocks();
  assertCan.mockImplementation(() => steps.push('permission'));
  recordAudit.mockImplementation(async () => steps.push('audit'));
});

describe('the one audited removal', () => {
  function removal(overrides: Partial<AuditedRemoval<Row>> = {}) {
    return auditedRemoval(manager, ctx, {
      subject: 'Membership',
      entity: Entity,
      id: 'r',
      label: 'Row',
      action: 'delete',
      audit: { action: 'row.delete', entity: 'row' },
      ...overrides,
    });
  }

  it('checks the permission and the precondition, deletes, follows up, then audits the row before', async () => {
    await removal({
      precondition: async () => void steps.push('precondition'),
      followUp: async (m, row) => void steps.push(`follow-up ${row.id}`),
    });
    expect(steps).toEqual(['permission', 'precondition', 'delete', 'follow-up r', 'audit']);
    expect(conditions).toEqual(['row.id = :id']);
    expect(assertCan).toHaveBeenCalledWith(ctx, 'delete', 'Membership', stored.row);
    expect(manager.delete).toHaveBeenCalledWith(Entity, { id: 'r' });
    expect(recordAudit.mock.calls[0][2]).toEqual({
      action: 'row.delete',
      entity: 'row',
      entityId: 'r',
      organisationId: 'org-1',
      before: { id: 'r', version: 3, parentId: 'p1', role: 'admin', organisationId: 'org-1' },
      after: null,
    });
  });

  it('answers 404 for an invisible row and for a row of another parent, before any permission', async () => {
    stored.row = null;
    await expect(removal()).rejects.toBeInstanceOf(NotFoundException);
    stored.row = { id: 'r', version: 3, parentId: 'p2', role: 'admin' };
    await expect(removal({ within: { parentId: 'p1' } })).rejects.toBeInstanceOf(NotFoundException);
    expect(assertCan).not.toHaveBeenCalled();
    expect(manager.delete).not.toHaveBeenCalled();
  });

  it('answers 403 without the permission, and deletes nothing', async () => {
    assertCan.mockImplementation(() => {
      throw new ForbiddenActionException();
    });
    const precondition = jest.fn();
    await expect(removal({ precondition })).rejects.toBeInstanceOf(ForbiddenActionException);
    expect(precondition).not.toHaveBeenCalled();
    expect(manager.delete).not.toHaveBeenCalled();
  });

  it('deletes nothing and audits nothing when the precondition refuses', async () => {
    const followUp = jest.fn();
    const precondition = async () => {
      throw new ConflictException('Le dernier administrateur ne peut pas être retiré', 'rule');
    };
    await expect(removal({ precondition, followUp })).rejects.toBeInstanceOf(ConflictException);
    expect(manager.delete).not.toHaveBeenCalled();
    expect(followUp).not.toHaveBeenCalled();
    expect(recordAudit).not.toHaveBeenCalled();
  });

  it('records the state the caller describes as before, under the organisation it gives', async () => {
    await removal({
      within: { parentId: 'p1' },
      audit: { action: 'row.delete', entity: 'row', before: (row) => ({ role: row.role }) },
      auditOrganisation: () => 'org-2',
    });
    expect(recordAudit.mock.calls[0][2]).toMatchObject({
      organisationId: 'org-2',
      before: { role: 'admin' },
      after: null,
    });
  });
});

describe('the named exemptions', () => {
  function change(
    version: Parameters<typeof auditedChange>[2]['version'],
    action: Parameters<typeof auditedChange>[2]['action'] = 'update',
  ) {
    return auditedChange<Row>(manager, ctx, {
      subject: 'Organisation',
      entity: Entity,
      id: 'r',
      label: 'Row',
      action,
      version,
      audit: { action: 'row.update', entity: 'row' },
      apply: (row) => {
        row.role = 'changed';
      },
    });
  }

  it('unversioned() compares no version, and needs its reason', async () => {
    await change(unversioned('a system consequence of a change already checked'));
    expect(manager.save).toHaveBeenCalled();
    expect(() => unversioned('  ')).toThrow('needs the reason');
  });

  it('a numbered version is still compared beside the exemption', async () => {
    await expect(change(2)).rejects.toBeInstanceOf(StaleVersionException);
    expect(manager.save).not.toHaveBeenCalled();
  });

  it('checks each permission the change lists, and none applies without all of them', async () => {
    const both = [
      { action: 'update', subject: 'Organisation' },
      { action: 'update', subject: 'OrganisationDetails' },
    ] as const;
    await change(3, both);
    expect(assertCan.mock.calls.map((call) => call.slice(1, 3))).toEqual([
      ['update', 'Organisation'],
      ['update', 'OrganisationDetails'],
    ]);
    assertCan.mockImplementation((_ctx, _action, subject) => {
      if (subject === 'OrganisationDetails') throw new ForbiddenActionException();
    });
    jest.mocked(manager.save).mockClear();
    await expect(change(3, both)).rejects.toBeInstanceOf(ForbiddenActionException);
    expect(manager.save).not.toHaveBeenCalled();
  });

  it('auditedByHand() returns the event as given, and needs its reason', () => {
    const event = { action: 'x.import', entity: 'x', entityId: 'o', organisationId: 'o', changes: {} };
    expect(auditedByHand('a whole directory replaced', event)).toBe(event);
    expect(() => auditedByHand('', event)).toThrow('needs the reason');
  });
});
