import { ValidationException } from '@vigie/core';
import { parseAgentStatus, readAgentDirectory } from './agent-csv';

const csv = (text: string) => Buffer.from(text, 'utf8');

function refusal(text: string | Buffer, maxAgents?: number): ValidationException {
  try {
    readAgentDirectory(typeof text === 'string' ? csv(text) : text, maxAgents);
  } catch (error) {
    return error as ValidationException;
  }
  throw new Error('the directory was accepted');
}

describe('directory of agents (CSV)', () => {
  it('reads a directory: emails lower-cased, French status words, any column order, BOM and semicolons', () => {
    const agents = readAgentDirectory(
      csv(
        '\uFEFFstatus;Email;displayName\r\nactif;Jean.Dupont@Gentilly.fr;"Dupont; Jean"\r\n' +
          'Partie;m.martin@gentilly.fr;\r\n\r\nsuspended;p.durand@gentilly.fr;Paul\r\n',
      ),
    );
    expect(agents).toEqual([
      { line: 2, email: 'jean.dupont@gentilly.fr', displayName: 'Dupont; Jean', status: 'active' },
      { line: 3, email: 'm.martin@gentilly.fr', displayName: null, status: 'left' },
      { line: 5, email: 'p.durand@gentilly.fr', displayName: 'Paul', status: 'suspended' },
    ]);
  });

  it('numbers lines after a quoted line break', () => {
    const agents = readAgentDirectory(
      csv('email,displayName,status\na@x.fr,"Nom\nsur deux lignes",active\nb@x.fr,B,left\n'),
    );
    expect(agents.map((a) => a.line)).toEqual([2, 4]);
  });

  it.each([
    ['active', 'active'],
    ['Actif', 'active'],
    ['ACTIVE', 'active'],
    ['left', 'left'],
    ['parti(e)', 'left'],
    ['Sorti', 'left'],
    ['suspendu', 'suspended'],
    ['Suspendue', 'suspended'],
    ['retraité', undefined],
    ['', undefined],
    ['constructor', undefined],
  ])('reads the status %p as %p', (text, status) => {
    expect(parseAgentStatus(text)).toBe(status);
  });

  it('refuses the whole file, in French, listing every bad line with its number', () => {
    const error = refusal(
      'email,displayName,status\n' +
        'a@x.fr,A,active\n' +
        'pas-un-courriel,B,active\n' +
        ',C,active\n' +
        'd@x.fr,D,retraité\n' +
        'A@x.fr,Doublon,left\n' +
        'e@x.fr,E\n',
    );
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe('L’annuaire n’a pas été importé : 5 lignes en erreur');
    expect(error.errors).toEqual([
      { field: 'file', line: 3, message: 'ligne 3 : « pas-un-courriel » n’est pas une adresse électronique' },
      { field: 'file', line: 4, message: expect.stringMatching(/^ligne 4 : email manquant/) },
      { field: 'file', line: 5, message: expect.stringMatching(/^ligne 5 : statut « retraité » inconnu/) },
      { field: 'file', line: 6, message: 'ligne 6 : le courriel a@x.fr figure déjà à la ligne 2' },
      { field: 'file', line: 7, message: 'ligne 7 : 3 champs attendus, 2 trouvés' },
    ]);
  });

  it('refuses a bad header, an empty file, a file without agents, non-UTF-8 text and too many agents', () => {
    expect(refusal('courriel,nom,statut\na@x.fr,A,active\n').message).toMatch(
      /^En-tête invalide \(attendu : email,displayName,status\) : colonne\(s\) manquante\(s\)/,
    );
    expect(refusal('').message).toMatch(/Le fichier est vide/);
    expect(refusal('email,displayName,status\n').message).toBe('L’annuaire ne contient aucun agent');
    expect(refusal(Buffer.from([0x65, 0x6d, 0x61, 0x69, 0x6c, 0xe9, 0x0a])).message).toMatch(/UTF-8/);
    expect(refusal('email,displayName,status\n"a@x.fr,A,active\n').message).toMatch(
      /n’est pas un CSV valide/,
    );
    const tooMany = refusal('email,displayName,status\na@x.fr,A,active\nb@x.fr,B,active\n', 1);
    expect(tooMany.code).toBe('payload-too-large');
    expect(tooMany.message).toBe('L’annuaire contient plus de 1 agents');
  });
});
