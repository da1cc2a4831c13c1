import { passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['too short', 'Abc-123-xyz', /au moins 12 caractères/],
    ['twelve identical letters', 'aaaaaaaaaaaa', /trop facile à deviner/],
    ['a common password with digits', 'password1234', /trop facile à deviner/],
    ['a common French phrase', 'motdepasse123', /trop facile à deviner/],
    ['only spaces', ' '.repeat(12), /que d'espaces/],
    ['control characters', '\u0001'.repeat(12), /caractère de contrôle/],
    ['NUL characters', '\u0000'.repeat(12), /caractère de contrôle/],
  ])('refuses %s, in French', (_label, password, message) => {
    expect(passwordProblem(password)).toMatch(message);
  });

  it("refuses a password made of the person's own email and name", () => {
    expect(passwordProblem('wandaeakins12', ['w.eakins@ivry.fr', 'Wanda Eakins'])).toMatch(
      /ne doit pas reprendre votre nom/,
    );
  });

  it('accepts long passphrases and strong passwords, accents included', () => {
    for (const password of [
      'un nouveau mot de passe solide',
      'Vigie-demo-2026!',
      'Écluse-Tournesol-47-Brume',
    ]) {
      expect(passwordProblem(password)).toBeUndefined();
    }
  });
});
