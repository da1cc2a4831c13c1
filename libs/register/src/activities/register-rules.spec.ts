import { checkRegisterRules } from './register-rules';

describe('register rules', () => {
  it('accepts a special category with its Art. 9 condition and an EEA transfer without safeguard', () => {
    expect(
      checkRegisterRules({
        specialCategories: [{ category: 'health', condition: '9.2.h' }],
        transfers: [{ recipient: 'Hébergeur', country: 'DE' }],
      }),
    ).toEqual([]);
  });

  it('needs an Art. 9.2 condition for each special category, Art. 10 allowed for criminal data only', () => {
    expect(
      checkRegisterRules({
        specialCategories: [
          { category: 'health', condition: '9.3' },
          { category: 'nir', condition: '10' },
          { category: 'criminal-convictions-and-offences', condition: '10' },
        ],
      }).map((e) => e.field),
    ).toEqual(['specialCategories.0.condition', 'specialCategories.1.condition']);
  });

  it('refuses a special category listed twice', () => {
    expect(
      checkRegisterRules({
        specialCategories: [
          { category: 'health', condition: '9.2.h' },
          { category: 'health', condition: '9.2.a' },
        ],
      }),
    ).toEqual([expect.objectContaining({ field: 'specialCategories.1.category' })]);
  });

  it('needs a safeguard for a transfer outside the EEA', () => {
    const errors = checkRegisterRules({
      transfers: [
        { recipient: 'Éditeur', country: 'US', safeguard: ' ' },
        { recipient: 'Éditeur', country: 'US', safeguard: 'Clauses contractuelles types (2021/914)' },
        { recipient: 'Prestataire', country: 'NO' },
      ],
    });
    expect(errors.map((e) => e.field)).toEqual(['transfers.0.safeguard']);
  });
});
