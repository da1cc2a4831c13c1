import { isDormant, isPrivilegedRole, keepReasonProblem } from './flags';

describe('account flags', () => {
  it.each([
    ['admin', true],
    ['Administrateur fonctionnel', true],
    ['DB_Admin', true],
    ['Super Admin', true],
    ['super-utilisateur', true],
    ['ROOT', true],
    ['dba', true],
    ['Domain Admins', true],
    ['Agent', false],
    ['Administration RH (lecture)', false],
    ['Gestionnaire', false],
    ['', false],
  ])('role %p is privileged: %p', (role, expected) => {
    expect(isPrivilegedRole(role)).toBe(expected);
  });

  it('treats accounts that never signed in or not for more than 90 days as dormant', () => {
    const reference = new Date('2026-04-01T12:00:00Z');
    expect(isDormant(null, reference)).toBe(true);
    expect(isDormant(new Date('2026-01-01T12:00:00Z'), reference)).toBe(false); // exactly 90 days
    expect(isDormant(new Date('2026-01-01T11:59:00Z'), reference)).toBe(true);
    expect(isDormant(new Date('2026-03-31T00:00:00Z'), reference)).toBe(false);
  });
});

describe('keeping a flagged account', () => {
  it('needs no reason for an account with no flag, or only new', () => {
    expect(keepReasonProblem([], undefined)).toBeNull();
    expect(keepReasonProblem(['new'], null)).toBeNull();
  });

  it.each([
    [['privileged'], 'privilégié'],
    [['dormant'], 'dormant'],
    [['orphan', 'new'], 'orphelin'],
    [['dormant', 'orphan', 'privileged'], 'privilégié, dormant et orphelin'],
  ])('needs a reason of at least 10 characters for %p', (flags, words) => {
    for (const reason of [undefined, null, '', '   ', 'ok', 'à garder']) {
      expect(keepReasonProblem(flags, reason)).toBe(
        `ce compte est signalé comme ${words} : le conserver exige un motif d’au moins 10 caractères qui justifie son maintien`,
      );
    }
    expect(keepReasonProblem(flags, 'Compte de service de la paie')).toBeNull();
  });
});
