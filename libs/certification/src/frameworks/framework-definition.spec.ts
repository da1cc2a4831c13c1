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
      'unexpected: unknown property (allowed: code, name, edition, description, activities, requirements)',
      'code: must be 3 to 50 lower-case letters, digits, "." or "-", starting and ending with a letter or digit',
      'name: must be a non-empty string of at most 200 characters',
      'edition: must be a non-empty string of at most 50 characters',
      'activities[1].number: activity 1 is listed twice',
      'requirements[0].kind: must be one of clause, control, requirement',
      'requirements[0].assessable: must be true or false',
      'requirements[1].anchor: must be a string of at most 100 characters or {framework, ref}',
    ]);
  });

  it('refuses a framework with nothing to assess, and non-objects', () => {
    expect(validateFrameworkDefinition([])).toEqual({ ok: false, errors: ['(root): must be a JSON object'] });
    const check = validateFrameworkDefinition({
      code: 'abc',
      name: 'n',
      edition: '1',
      requirements: [{ ref: 'A', title: 't', group: 'g', assessable: false }],
    });
    expect(!check.ok && check.errors).toEqual(['requirements: at least one requirement must be assessable']);
  });
});
