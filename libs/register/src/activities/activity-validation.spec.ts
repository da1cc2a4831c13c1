import { ActivityContent } from './activity-content';
import { missingForValidation, normaliseContent, normaliseTransfer } from './processing-activities.service';
import { CreateProcessingActivityDto } from './processing-activity.dto';

const draft = (extra: Partial<ActivityContent> = {}): ActivityContent => ({
  ...normaliseContent({ name: 'Brouillon' } as CreateProcessingActivityDto),
  ...extra,
});

describe('what validation needs (Art. 30.1)', () => {
  it('lists everything a draft with only its name lacks', () => {
    expect(missingForValidation(draft()).map((e) => e.field)).toEqual([
      'purposes',
      'dataSubjects',
      'dataCategories',
    ]);
  });

  it('asks for each purpose its legal basis, each category its retention and final fate', () => {
    const missing = missingForValidation(
      draft({
        purposes: [{ description: 'Instruire' }, { description: 'Payer', legalBasis: 'legal-obligation' }],
        dataSubjects: ['residents'],
        dataCategories: [{ category: 'identity' }, { category: 'economic-financial', retention: '10 ans' }],
      }),
    );
    expect(missing.map((e) => e.field)).toEqual([
      'purposes.0.legalBasis',
      'dataCategories.0.retention',
      'dataCategories.0.finalFate',
      'dataCategories.1.finalFate',
    ]);
    expect(missing[0].message).toContain('« Instruire »');
  });

  it('asks for the legal ground of the NIR used', () => {
    const complete = {
      purposes: [{ description: 'Payer', legalBasis: 'legal-obligation', legalBasisDetail: 'CASF' }],
      dataSubjects: ['residents'],
      dataCategories: [{ category: 'identity', retention: '1 an', finalFate: 'destruction' }],
    };
    expect(missingForValidation(draft({ ...complete, nir: { used: true } })).map((e) => e.field)).toEqual([
      'nir.legalGround',
    ]);
    expect(
      missingForValidation(
        draft({
          ...complete,
          nir: { used: true, legalGround: 'specific-text', reference: 'CSS, art. R. 115-1' },
        }),
      ),
    ).toEqual([]);
  });
});

describe('normalisation', () => {
  it('moves an older special category « nir » to the NIR field', () => {
    const content = normaliseContent({
      name: 'Paie',
      specialCategories: [
        { category: 'nir', condition: '9.2.b' },
        { category: 'health', condition: '9.2.b' },
      ],
    } as CreateProcessingActivityDto);
    expect(content.specialCategories).toEqual([{ category: 'health', condition: '9.2.b' }]);
    expect(content.nir).toEqual({ used: true, legacyCondition: '9.2.b' });
  });

  it('reads a free-text safeguard as its key and keeps the text as the precision', () => {
    expect(
      normaliseTransfer({
        recipient: 'É',
        country: 'US',
        safeguard: 'Clauses contractuelles types 2021/914',
      }),
    ).toEqual({
      recipient: 'É',
      country: 'US',
      safeguard: 'standard-contractual-clauses',
      safeguardDetail: 'Clauses contractuelles types 2021/914',
    });
    expect(normaliseTransfer({ recipient: 'É', country: 'IN', safeguard: 'Dérogation art. 49.1.b' })).toEqual(
      {
        recipient: 'É',
        country: 'IN',
        safeguard: 'derogation',
        derogation: 'b',
        safeguardDetail: 'Dérogation art. 49.1.b',
      },
    );
    expect(
      normaliseTransfer({
        recipient: 'OMS',
        internationalOrganisation: true,
        safeguard: 'public-authorities-instrument',
      }),
    ).toEqual({
      recipient: 'OMS',
      internationalOrganisation: true,
      safeguard: 'public-authorities-instrument',
    });
  });
});
