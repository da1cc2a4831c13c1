import { RequestContext, StaleVersionException, ValidationException } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { auditedChange, AuditedChange, VersionedRow } from './audited-change';

const recordAudit = jest.fn();
jest.mock('@vigie/core', () => ({
  ...jest.requireActual('@vigie/core'),
  recordAudit: (...args: unknown[]) => recordAudit(...args),
}));
const stored: { row: VersionedRow & { state: string } } = { row: { id: 'r', version: 3, state: 'open' } };
jest.mock('./scoped-query', () => ({
  ...jest.requireActual('./scoped-query'),
  findVisibleOrFail: async () => stored.row,
  assertCan: () => undefined,
}));

class Row {}

describe('the one audited change', () => {
  const save = jest.fn();
  const manager = { save } as unknown as EntityManager;
  const ctx = RequestContext.system('test');

  beforeEach(() => {
    stored.row = { id: 'r', version: 3, state: 'open' };
    save.mockReset();
    recordAudit.mockReset();
  });

  function change(overrides: Partial<AuditedChange<typeof stored.row>> = {}) {
    return auditedChange(manager, ctx, {
      subject: 'ProcessingActivity',
      entity: Row,
      id: 'r',
      label: 'Row',
      action: 'update',
      version: 3,
      audit: { action: 'row.update', entity: 'row' },
      apply: (row) => {
        row.state = 'changed';
      },
      ...overrides,
    });
  }

  it('applies, saves, writes the history and then the audit event with the row before and after', async () => {
    const history = jest.fn();
    await change({ history });
    expect(save).toHaveBeenCalledWith(stored.row);
    expect(history).toHaveBeenCalledWith(manager, stored.row, expect.objectContaining({ state: 'open' }));
    expect(recordAudit.mock.calls[0][2]).toMatchObject({
      action: 'row.update',
      before: { state: 'open' },
      after: { state: 'changed' },
    });
  });

  it('answers 400 without a version and 409 for a stale one, before applying anything', async () => {
    const apply = jest.fn();
    await expect(change({ version: undefined, apply })).rejects.toBeInstanceOf(ValidationException);
    await expect(change({ version: 2, apply })).rejects.toBeInstanceOf(StaleVersionException);
    expect(apply).not.toHaveBeenCalled();
  });

  it('checks the precondition before the version', async () => {
    const precondition = () => {
      throw new Error('archived');
    };
    await expect(change({ version: undefined, precondition })).rejects.toThrow('archived');
  });

  it('names the audit action from the change and files it under the organisation the resolver gives', async () => {
    await change({
      audit: { action: (row, before) => `row.${before.state}-to-${row.state}`, entity: 'row' },
      auditOrganisation: () => 'vendor-1',
    });
    expect(recordAudit.mock.calls[0][2]).toMatchObject({
      action: 'row.open-to-changed',
      organisationId: 'vendor-1',
    });
  });

  it('files the audit event under the row’s own organisation by default', async () => {
    stored.row = { id: 'r', version: 3, state: 'open', organisationId: 'org-1' };
    await change();
    expect(recordAudit.mock.calls[0][2]).toMatchObject({ organisationId: 'org-1' });
  });

  it('records the changes the caller describes, under the entity id it gives, instead of the differing fields', async () => {
    await change({
      audit: {
        action: 'row.review',
        entity: 'row',
        changes: (row, before) => ({
          state: { before: before.state, after: row.state },
          note: { before: null, after: 'vu' },
        }),
      },
      auditEntityId: () => 'parent-1',
    });
    expect(recordAudit.mock.calls[0][2]).toMatchObject({
      entityId: 'parent-1',
      changes: { state: { before: 'open', after: 'changed' }, note: { before: null, after: 'vu' } },
    });
  });

  it('records the differing fields and the row id when the caller describes nothing', async () => {
    await change();
    expect(recordAudit.mock.calls[0][2].entityId).toBe('r');
    expect(recordAudit.mock.calls[0][2]).not.toHaveProperty('changes');
  });

  it('records the changes the change describes, instead of the row before and after, when it gives them', async () => {
    await change({
      audit: {
        action: 'row.update',
        entity: 'row',
        changes: (row, before) => ({ state: { before: before.state, after: row.state } }),
      },
    });
    const entry = recordAudit.mock.calls[0][2];
    expect(entry.changes).toEqual({ state: { before: 'open', after: 'changed' } });
    expect(entry).not.toHaveProperty('before');
    expect(entry).not.toHaveProperty('after');
  });

  it('writes nothing when the change changes nothing', async () => {
    const history = jest.fn();
    await change({ apply: () => false, history });
    expect(save).not.toHaveBeenCalled();
    expect(history).not.toHaveBeenCalled();
    expect(recordAudit).not.toHaveBeenCalled();
  });
});
