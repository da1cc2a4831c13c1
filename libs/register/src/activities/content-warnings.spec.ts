import { contentWarnings } from './content-warnings';

const entry = (extra: Record<string, unknown>) => ({
  description: null,
  purposes: [{ description: 'Instruire les demandes', legalBasis: 'public-task' }],
  dataSubjects: ['residents'],
  dataCategories: [{ category: 'identity', retention: '1 an', finalFate: 'destruction' }],
  specialCategories: [],
  ...extra,
});

describe('warnings on free text that looks like a special category', () => {
  it.each([
    ['santé', 'données de santé, art. 9'],
    ['Allergies alimentaires (PAI)', 'données de santé, art. 9'],
    ['Religion', 'convictions religieuses ou philosophiques, art. 9'],
    ['Repas sans porc, halal', 'convictions religieuses ou philosophiques, art. 9'],
    ['Opinions politiques', 'opinions politiques, art. 9'],
    ['Appartenance syndicale', 'appartenance syndicale, art. 9'],
    ['Biométrie (empreinte)', "données biométriques aux fins d'identification, art. 9"],
    ['Condamnations', 'condamnations pénales et infractions, art. 10'],
    ['Extrait de casier judiciaire', 'condamnations pénales et infractions, art. 10'],
  ])('warns about the data category « %s »', (text, named) => {
    const warnings = contentWarnings(
      entry({ dataCategories: [{ category: text, retention: '1 an', finalFate: 'destruction' }] }),
    );
    expect(warnings).toEqual([
      {
        field: 'dataCategories.0.category',
        message: expect.stringContaining(
          `(${named} du RGPD) qui n'est pas déclarée dans les données sensibles`,
        ),
      },
    ]);
    expect(warnings[0].message).toMatch(new RegExp(`^« ${text.replace(/[()]/g, '\\$&')} » évoque`));
  });

  it('reads the description, purposes, free-text data subjects and category details', () => {
    const warnings = contentWarnings(
      entry({
        description: 'Suivi médical des agents',
        purposes: [{ description: 'Gérer les congés de maladie', legalBasis: 'legal-obligation' }],
        dataSubjects: ['Personnes condamnées'],
        dataCategories: [
          {
            category: 'identity',
            description: 'Handicap éventuel',
            retention: '1 an',
            finalFate: 'destruction',
          },
        ],
      }),
    );
    expect(warnings.map((w) => w.field)).toEqual([
      'description',
      'purposes.0.description',
      'dataSubjects.0',
      'dataCategories.0.description',
    ]);
  });

  it('says nothing once the category is declared, nor about ordinary text', () => {
    expect(
      contentWarnings(
        entry({
          description: 'Santé des agents',
          specialCategories: [{ category: 'health', condition: '9.2.h' }],
        }),
      ),
    ).toEqual([]);
    expect(
      contentWarnings(
        entry({
          description: 'Besoins de la politique de la ville ; plaques de rue',
          dataSubjects: ['children'],
        }),
      ),
    ).toEqual([]);
  });
});
