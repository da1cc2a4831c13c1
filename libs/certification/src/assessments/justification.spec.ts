import { JUSTIFICATION_MIN_LENGTH, justificationProblem } from './justification';

describe('exclusion justification (ISO/IEC 27001:2022, 6.1.3 d)', () => {
  it('accepts a reason of at least 20 characters', () => {
    expect(justificationProblem('Aucun développement logiciel interne')).toBeNull();
    expect(justificationProblem('Pas de télétravail ici')).toBeNull();
    expect(justificationProblem('  Pas   de  télétravail   ici  ')).toBeNull();
    expect(justificationProblem('x'.repeat(JUSTIFICATION_MIN_LENGTH))).toBeNull();
  });

  it('refuses a missing or blank justification', () => {
    for (const value of [null, undefined, '', '   \n ']) {
      expect(justificationProblem(value)).toMatch(/^Une justification est requise/);
    }
  });

  it('refuses fewer than 20 characters, spaces inside counted once', () => {
    expect(justificationProblem('x'.repeat(JUSTIFICATION_MIN_LENGTH - 1))).toMatch(
      /au moins 20 caractères \(19 reçus\)/,
    );
    expect(justificationProblem('Pas   de     site')).toMatch(/au moins 20 caractères/);
  });

  it('refuses a placeholder whatever its case, spaces, accents or punctuation', () => {
    for (const value of [
      'N/A',
      'n/a',
      'NA',
      'N.A.',
      ' - ',
      '---',
      '...',
      'Non applicable',
      'NON APPLICABLE.',
      'non-applicable',
      'Sans objet',
      'sans  objet !',
      'Néant',
      'NEANT',
      'néant.',
      'N/A — sans objet',
      'Non applicable / sans objet / néant',
      'N/A N/A N/A N/A N/A N/A N/A',
      '-----------------------------',
    ]) {
      expect({ value, problem: justificationProblem(value) }).toEqual({
        value,
        problem: expect.stringMatching(/ne justifie pas l’exclusion/),
      });
    }
  });

  it('accepts a reason that merely contains a placeholder word', () => {
    expect(justificationProblem('Non applicable : aucun développement interne')).toBeNull();
    expect(justificationProblem('Sans objet, le site ne reçoit pas de public')).toBeNull();
  });
});
