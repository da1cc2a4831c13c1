import { builtinFrameworks } from './builtin-frameworks';
import { validateFrameworkDefinition } from './framework-definition';

describe('validateFrameworkDefinition', () => {
  it('accepts the built-in frameworks and applies defaults', () => {
    for (const framework of builtinFrameworks()) {
      const check = validateFrameworkDefinition(framework);
      expect(check).toMatchObject({ ok: true });
    }
    const check = validateFrameworkDefinition({
      code: 'convention-archives',
      name: 'Convention',
      edition: '2025',
      requirements: [
        { ref: 'C1', title: 'Chapitre 1', group: 'Chapitre 1' },
        {
          ref: 'C1.1',
          title: 'Versement',
          group: 'Chapitre 1',
          parent: 'C1',
          anchor: 'Code du patrimoine L212-4',
        },
      ],
    });
    if (!check.ok) throw new Error(check.errors.join('; '));
    expect(check.definition.requirements.map((r) => [r.ref, r.kind, r.assessable])).toEqual([
      ['C1', 'requirement', false],
      ['C1.1', 'requirement', true],
    ]);
    expect(check.definition.activities).toEqual([]);
  });

  it('lists every structural problem with its path', () => {
    const check = validateFrameworkDefinition({
      code: 'x',
      edition: '',
      activities: [
        { number: 1, label: 'A' },
        { number: 1, label: 'B' },
      ],
      requirements: [
        { ref: 'R1', title: 'Un', group: 'G', kind: 'article', assessable: 'yes' },
        { ref: 'R2', title: 'Deux', group: 'G', anchor: { framework: 'iso27001-2022' } },
      ],
      unexpected: 1,
    });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors).toEqual([
      'unexpected : propriété inconnue (admises : code, name, edition, description, activities, requirements)',
      'code : doit compter de 3 à 50 minuscules, chiffres, « . » ou « - », et commencer et finir par une lettre ou un chiffre',
      'name : doit être un texte non vide de 200 caractères au plus',
      'edition : doit être un texte non vide de 50 caractères au plus',
      'activities[1].number : l’activité 1 figure deux fois',
      "requirements[0].kind : doit valoir l'une des valeurs suivantes : clause, control, requirement",
      'requirements[0].assessable : doit valoir true ou false',
      'requirements[1].anchor : doit être un texte de 100 caractères au plus ou {framework, ref}',
    ]);
  });

  it('refuses a framework with nothing to assess, and non-objects', () => {
    expect(validateFrameworkDefinition([])).toEqual({
      ok: false,
      errors: ['(racine) : doit être un objet JSON'],
    });
    const check = validateFrameworkDefinition({
      code: 'abc',
      name: 'n',
      edition: '1',
      requirements: [{ ref: 'A', title: 't', group: 'g', assessable: false }],
    });
    expect(!check.ok && check.errors).toEqual(['requirements : au moins une exigence doit être évaluable']);
  });
});
