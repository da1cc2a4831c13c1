import { checklistFor } from '../contracts/clause-catalog';
import { coverageOf } from '../contracts/coverage';
import { BUILTIN_TEMPLATE } from './builtin-template';
import { questionsOf, templateErrors } from './template-definition';

describe('questionnaire templates', () => {
  it('ships a valid built-in template of at least 40 questions over twelve themes', () => {
    expect(templateErrors(BUILTIN_TEMPLATE.sections)).toEqual([]);
    expect(questionsOf(BUILTIN_TEMPLATE.sections).length).toBeGreaterThanOrEqual(40);
    expect(BUILTIN_TEMPLATE.sections).toHaveLength(12);
  });

  it('lists every structural problem with its path', () => {
    const errors = templateErrors([
      {
        key: 's',
        title: 'S',
        questions: [
          { key: 'q', text: 'Q', type: 'single-choice', required: true, weight: 1, evidenceRequested: false },
          {
            key: 'q',
            text: '',
            type: 'text',
            required: 'yes',
            weight: 2,
            evidenceRequested: false,
            choices: [],
          },
        ],
      },
      { key: 's', title: 'T', questions: [] },
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      'sections[0].questions[0].choices',
      'sections[0].questions[1].key',
      'sections[0].questions[1].text',
      'sections[0].questions[1].required',
      'sections[0].questions[1].weight',
      'sections[0].questions[1].choices',
      'sections[1].key',
      'sections[1].questions',
    ]);
  });
});

describe('contract checklists', () => {
  it('adds EXI 17 to 31 only for health data, every clause labelled in French', () => {
    const base = checklistFor(false);
    const health = checklistFor(true);
    expect(health.length - base.length).toBe(15);
    expect(base.some((c) => c.family === 'hds')).toBe(false);
    expect(health.filter((c) => c.family === 'hds').map((c) => c.ref)).toContain('EXI 17');
    for (const clause of health) expect(clause.label).toMatch(/[a-zé]/);
  });

  it('scores coverage: partial counts half, not applicable is left out', () => {
    const coverage = coverageOf([
      { key: 'confidentiality', status: 'present' },
      { key: 'audits', status: 'partial' },
      { key: 'encryption', status: 'missing' },
      { key: 'hds-certificate', status: 'not-applicable' },
    ]);
    expect(coverage).toMatchObject({ score: 50, present: 1, partial: 1, missing: 1, notApplicable: 1 });
    expect(coverage.gaps.map((g) => g.key)).toEqual(['audits', 'encryption']);
    expect(coverageOf([{ key: 'audits', status: 'not-applicable' }]).score).toBeNull();
  });
});
