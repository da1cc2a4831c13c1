import { ART28_CLAUSE_KEYS, checklistFor, clauseDefinition, isArt28Clause } from './clause-catalog';
import type { ClauseStatus } from './contract.entity';
import { coverageOf } from './coverage';

const FIRST_SUBPARAGRAPH = [
  'subject-matter-duration',
  'nature-purpose',
  'personal-data-types',
  'data-subject-categories',
  'controller-obligations-rights',
];

function all(status: ClauseStatus, healthData = false) {
  return checklistFor(healthData).map((clause) => ({ key: clause.key, status }));
}

describe('Art. 28.3 clause catalog', () => {
  it('opens with the five items of the first subparagraph, then points a to h and the last subparagraph', () => {
    const art28 = checklistFor(false).filter((clause) => clause.family === 'gdpr-art28');
    expect(art28.map((clause) => clause.key)).toEqual([
      ...FIRST_SUBPARAGRAPH,
      'documented-instructions',
      'confidentiality',
      'security-art32',
      'sub-processors',
      'assist-rights',
      'assist-32-36',
      'delete-or-return',
      'audits',
      'unlawful-instruction-notice',
    ]);
    expect(art28.slice(0, 5).every((clause) => clause.ref === '28.3, 1er alinéa')).toBe(true);
    expect(clauseDefinition('unlawful-instruction-notice')?.ref).toBe('28.3, dernier alinéa');
    expect(ART28_CLAUSE_KEYS).toHaveLength(14);
  });

  it('words 28.3.a with transfers to a third country and 28.3.d with the conditions of Art. 28.2 and 28.4', () => {
    expect(clauseDefinition('documented-instructions')?.label).toMatch(
      /instruction documentée du responsable du traitement, y compris en ce qui concerne les transferts de données vers un pays tiers ou à une organisation internationale/,
    );
    const d = clauseDefinition('sub-processors')!.label;
    expect(d).toMatch(/paragraphes 2 et 4 de l’article 28/);
    expect(d).toMatch(/autorisation écrite préalable, spécifique ou générale/);
    expect(d).toMatch(/mêmes obligations de protection des données/);
    expect(d).toMatch(/demeure pleinement responsable/);
  });

  it('tells the mandatory clauses from the others', () => {
    expect(isArt28Clause('nature-purpose')).toBe(true);
    expect(isArt28Clause('encryption')).toBe(false);
    expect(isArt28Clause('hds-exi-17')).toBe(false);
    expect(isArt28Clause('no-such-clause')).toBe(false);
  });
});

describe('coverageOf', () => {
  it('is compliant only when every Art. 28.3 clause is present', () => {
    const coverage = coverageOf(all('present'));
    expect(coverage).toMatchObject({ score: 100, nonCompliances: [], art28Compliant: true });
  });

  it('reports a missing Art. 28.3 clause as a non-compliance even with a high score', () => {
    const clauses = all('present', true).map((clause) =>
      clause.key === 'personal-data-types' ? { ...clause, status: 'missing' as const } : clause,
    );
    const coverage = coverageOf(clauses);
    expect(coverage.score).toBeGreaterThan(95);
    expect(coverage.art28Compliant).toBe(false);
    expect(coverage.nonCompliances).toEqual([
      expect.objectContaining({ key: 'personal-data-types', status: 'missing', ref: '28.3, 1er alinéa' }),
    ]);
  });

  it('counts a partial or not-applicable Art. 28.3 clause as a non-compliance, not another clause', () => {
    const clauses = all('present').map((clause) => {
      if (clause.key === 'sub-processors') return { ...clause, status: 'partial' as const };
      if (clause.key === 'audits') return { ...clause, status: 'not-applicable' as const };
      if (clause.key === 'encryption') return { ...clause, status: 'missing' as const };
      return clause;
    });
    const coverage = coverageOf(clauses);
    expect(coverage.nonCompliances.map((gap) => [gap.key, gap.status])).toEqual([
      ['sub-processors', 'partial'],
      ['audits', 'not-applicable'],
    ]);
    expect(coverage.gaps.map((gap) => gap.key)).toEqual(['sub-processors', 'encryption']);
  });
});
