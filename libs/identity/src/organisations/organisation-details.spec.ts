import {
  formatAddress,
  formatReachability,
  mergeDetailPart,
  organisationWarnings,
} from './organisation-details';

describe('organisation details', () => {
  it('merges a PATCH of a part: given fields replace, null removes a field or the whole part', () => {
    const current = { address: '1 place de la Mairie', city: 'Gentilly', phone: '01 99 00 00 01' };
    expect(mergeDetailPart(current, undefined)).toBe(current);
    expect(mergeDetailPart(current, null)).toBeNull();
    expect(mergeDetailPart(current, { city: 'Arcueil', phone: null })).toEqual({
      address: '1 place de la Mairie',
      city: 'Arcueil',
    });
    expect(mergeDetailPart(null, { email: 'dpo@example.fr' })).toEqual({ email: 'dpo@example.fr' });
    expect(mergeDetailPart({ name: 'A' }, { name: null })).toBeNull();
    expect(mergeDetailPart(null, {})).toBeNull();
  });

  it('warns « DPO non désigné » for a public body without a DPO name, never for a vendor', () => {
    const [warning] = organisationWarnings({ kind: 'member', dpo: null });
    expect(warning.field).toBe('dpo');
    expect(warning.message).toMatch(/^DPO non désigné : .*art\. 37\.1\.a du RGPD/);
    expect(organisationWarnings({ kind: 'operator', dpo: { email: 'dpo@x.fr' } })).toHaveLength(1);
    expect(organisationWarnings({ kind: 'member', dpo: { name: 'Aline Garnier' } })).toEqual([]);
    expect(organisationWarnings({ kind: 'vendor', dpo: null })).toEqual([]);
  });

  it('formats an address and contact details on one line, leaving out what is missing', () => {
    expect(
      formatAddress({ address: 'Esplanade Georges-Marrane', postalCode: '94200', city: 'Ivry-sur-Seine' }),
    ).toBe('Esplanade Georges-Marrane, 94200 Ivry-sur-Seine');
    expect(formatAddress({ city: 'Villejuif' })).toBe('Villejuif');
    expect(formatAddress(null)).toBe('');
    expect(formatReachability({ email: 'a@b.fr', phone: '01 99 00 00 00' })).toBe('a@b.fr — 01 99 00 00 00');
    expect(formatReachability({ phone: '01 99 00 00 00' })).toBe('01 99 00 00 00');
    expect(formatReachability(null)).toBe('');
  });
});
