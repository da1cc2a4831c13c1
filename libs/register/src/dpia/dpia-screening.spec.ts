import { screenDpia, ScreeningInput } from './dpia-screening';

const base: ScreeningInput = {
  dpiaCriteria: [],
  cnilListItems: [],
  specialCategories: [],
  dataSubjects: [],
};
const keys = (items: { key: string; implied: boolean }[]) =>
  items.map((i) => `${i.key}${i.implied ? '*' : ''}`);

describe('DPIA screening', () => {
  it('does not require a DPIA for a library loans register', () => {
    const result = screenDpia({
      ...base,
      dataSubjects: ['residents', 'children'],
      dpiaCriteria: [],
    });
    expect(result.required).toBe(false);
    expect(keys(result.criteria)).toEqual(['vulnerable-subjects*']);
    expect(result.reasons[0]).toBe(
      "Une analyse d'impact relative à la protection des données (AIPD) n'est pas requise.",
    );
    expect(result.reasons[1]).toMatch(/Un seul critère .* personnes concernées : enfants/);
  });

  it('requires one for social-housing applications, even when the list item is not ticked', () => {
    const result = screenDpia({ ...base, dataSubjects: ['housing-applicants'] });
    expect(result.required).toBe(true);
    expect(keys(result.cnilListItems)).toEqual(['social-housing*']);
    expect(result.reasons.join(' ')).toContain('Instruction des demandes et gestion des logements sociaux');
  });

  it('requires one for social support (CNIL list item ticked)', () => {
    const result = screenDpia({ ...base, dataSubjects: ['residents'], cnilListItems: ['social-support'] });
    expect(result.required).toBe(true);
    expect(keys(result.cnilListItems)).toEqual(['social-support']);
  });

  it('requires one when two criteria are met, one of them implied by a special category', () => {
    const result = screenDpia({
      ...base,
      dpiaCriteria: ['matching-datasets'],
      specialCategories: [{ category: 'nir' }],
    });
    expect(result.required).toBe(true);
    expect(keys(result.criteria)).toEqual(['matching-datasets', 'sensitive-data*']);
    expect(result.reasons.join(' ')).toMatch(/2 critères .*NIR/);
  });

  it('does not count a criterion twice when it is both ticked and implied', () => {
    const result = screenDpia({
      ...base,
      dpiaCriteria: ['sensitive-data'],
      specialCategories: [{ category: 'health' }],
      dataSubjects: ['residents'],
    });
    expect(keys(result.criteria)).toEqual(['sensitive-data']);
    expect(result.required).toBe(false);
  });

  it('marks vulnerable subjects as implied from patients and children', () => {
    const result = screenDpia({
      ...base,
      dataSubjects: ['patients', 'pupils'],
      dpiaCriteria: ['large-scale'],
    });
    expect(keys(result.criteria)).toEqual(['large-scale', 'vulnerable-subjects*']);
    expect(result.criteria[1].impliedBy).toBe('personnes concernées : patients, élèves (mineurs)');
    expect(result.required).toBe(true);
  });

  it('requires one for an explicit Art. 35.3 case alone', () => {
    const result = screenDpia({ ...base, art35Cases: ['public-area-monitoring'] });
    expect(result.required).toBe(true);
    expect(result.reasons[1]).toContain('article 35.3');
  });

  it('implies the Art. 35.3 case of large-scale special categories, but not for the NIR alone', () => {
    expect(
      keys(
        screenDpia({ ...base, dpiaCriteria: ['large-scale'], specialCategories: [{ category: 'health' }] })
          .art35Cases,
      ),
    ).toEqual(['large-scale-special-categories*']);
    expect(
      screenDpia({ ...base, dpiaCriteria: ['large-scale'], specialCategories: [{ category: 'nir' }] })
        .art35Cases,
    ).toEqual([]);
  });

  it('explains when nothing applies', () => {
    const result = screenDpia(base);
    expect(result).toMatchObject({ required: false, criteria: [], cnilListItems: [], art35Cases: [] });
    expect(result.reasons[1]).toMatch(/^Aucun critère/);
  });

  it("keeps the DPO's decision and says when the criteria changed since", () => {
    const decision = {
      outcome: 'not-carried-out' as const,
      reason: 'Traitement de faible ampleur, données minimisées',
      decidedAt: '2026-03-05T10:00:00.000Z',
      decidedBy: 'u1',
      criteria: ['sensitive-data', 'vulnerable-subjects'],
    };
    const input = {
      ...base,
      specialCategories: [{ category: 'health' }],
      dataSubjects: ['patients'],
      decision,
    };
    const same = screenDpia(input);
    expect(same.required).toBe(true);
    expect(same.decision).toMatchObject({ reason: decision.reason, stale: false });
    expect(same.reasons.at(-1)).toContain('05/03/2026');
    const changed = screenDpia({ ...input, dpiaCriteria: ['large-scale'] });
    expect(changed.decision?.stale).toBe(true);
  });
});
