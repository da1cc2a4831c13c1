import { GDPR_REFERENCE } from './gdpr-reference';

describe('GET /reference/gdpr lists', () => {
  it('serves every list the register uses, each item a key and a French label', () => {
    expect(Object.keys(GDPR_REFERENCE).sort()).toEqual(
      [
        'art35Cases',
        'breachNatures',
        'cnilDpiaNotRequired',
        'cnilDpiaRequired',
        'dataCategories',
        'dataSubjects',
        'finalFates',
        'legalBases',
        'rights',
        'specialCategories',
        'specialCategoryConditions',
        'transferSafeguards',
        'transferDerogations',
        'nirLegalGrounds',
        'dpiaAssessmentStatuses',
        'dpiaResidualRisks',
        'wp248Criteria',
      ].sort(),
    );
    for (const [list, items] of Object.entries(GDPR_REFERENCE)) {
      expect({ list, empty: items.length === 0 }).toEqual({ list, empty: false });
      for (const item of items as { key: string; label: string }[]) {
        expect(typeof item.key).toBe('string');
        expect({ list, key: item.key, labelIsKey: item.label === item.key }).toEqual({
          list,
          key: item.key,
          labelIsKey: false,
        });
      }
    }
  });

  it('holds the French labels and the lists of the law', () => {
    expect(GDPR_REFERENCE.legalBases).toContainEqual({
      key: 'public-task',
      label: "Mission d'intérêt public (art. 6.1.e)",
    });
    expect(GDPR_REFERENCE.dataSubjects).toContainEqual({ key: 'pupils', label: 'Élèves' });
    expect(GDPR_REFERENCE.dataSubjects).toContainEqual({
      key: 'asylum-seekers',
      label: "Demandeurs d'asile",
    });
    expect(GDPR_REFERENCE.wp248Criteria).toHaveLength(9);
    expect(GDPR_REFERENCE.cnilDpiaRequired).toHaveLength(14);
    expect(GDPR_REFERENCE.art35Cases).toHaveLength(3);
    expect(GDPR_REFERENCE.rights).toContainEqual({ key: 'erasure', label: "Droit à l'effacement (art. 17)" });
    expect(GDPR_REFERENCE.breachNatures.map((n) => n.key)).toEqual([
      'confidentiality',
      'integrity',
      'availability',
    ]);
    expect(GDPR_REFERENCE.cnilDpiaNotRequired.map((i) => i.item)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(GDPR_REFERENCE.cnilDpiaNotRequired[2]).toEqual({
      key: '3',
      item: 3,
      wording:
        'Traitements mis en œuvre dans les conditions prévues par les textes relatifs à la gestion du fichier électoral des communes.',
      label:
        'Item 3 : Traitements mis en œuvre dans les conditions prévues par les textes relatifs à la gestion du fichier électoral des communes.',
    });
  });
});
