import { canonicalJson, diffFields, GENESIS_HASH, hashEvent } from './audit-chain';

describe('audit chain helpers', () => {
  it('serialises objects with sorted keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('changes the hash when any covered field changes', () => {
    const event = {
      id: '00000000-0000-4000-8000-000000000001',
      at: new Date('2026-01-01T10:00:00.000Z'),
      actorId: null,
      organisationId: null,
      action: 'create',
      entity: 'organisation',
      entityId: '00000000-0000-4000-8000-000000000002',
      changes: { name: { before: null, after: 'SIIM94' } },
      requestId: 'r1',
      prevHash: GENESIS_HASH,
    };
    const hash = hashEvent(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent({ ...event, seq: '12', hash: 'stored' } as typeof event)).toBe(hash);
    expect(hashEvent({ ...event, changes: { name: { before: null, after: 'SIIM 94' } } })).not.toBe(hash);
    expect(hashEvent({ ...event, prevHash: 'f'.repeat(64) })).not.toBe(hash);
  });

  it('records only changed fields and never secrets', () => {
    const changes = diffFields(
      { name: 'Ivry', passwordHash: 'a', version: 1, siren: null },
      { name: 'Ivry-sur-Seine', passwordHash: 'b', version: 2, siren: null },
    );
    expect(changes).toEqual({ name: { before: 'Ivry', after: 'Ivry-sur-Seine' } });
  });
});
