import { GDPR, HDS_V2, ISO27001_ANNEX_A, ISO27001_CLAUSES, SIIM94 } from './index';

describe('reference data', () => {
  it('holds the complete frameworks', () => {
    expect(ISO27001_ANNEX_A).toHaveLength(93);
    expect(new Set(ISO27001_ANNEX_A.map((c) => c.theme)).size).toBe(4);
    expect(ISO27001_CLAUSES.map((c) => c.id)).toEqual(expect.arrayContaining(['4', '10']));
    expect(HDS_V2.activities).toHaveLength(6);
    expect(HDS_V2.requirements.map((r) => r.id)).toHaveLength(31);
  });

  it('holds the 15 members and the GDPR lists', () => {
    expect(SIIM94.members).toHaveLength(15);
    expect(GDPR.legalBases.map((b) => b.key)).toContain('public-task');
    expect(GDPR.deadlines.breachToAuthorityHours).toBe(72);
  });
});

describe('countries', () => {
  it('knows the assigned ISO 3166 codes, their French names and the EEA', () => {
    const { COUNTRIES, countryByCode, isCountryCode, isInEea } = jest.requireActual('./countries');
    expect(COUNTRIES).toHaveLength(249);
    expect(countryByCode('DE').fr).toBe('Allemagne');
    expect(isCountryCode('FR')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('fr')).toBe(false);
    expect(isInEea('NO')).toBe(true);
    expect(isInEea('CH')).toBe(false);
    expect(isInEea('US')).toBe(false);
  });
});
