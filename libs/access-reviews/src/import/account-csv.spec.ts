import { PayloadTooLargeException, ValidationException } from '@vigie/core';
import { ParsedLine, parseLastLogin, readAccountCsv } from './account-csv';

const NOW = new Date('2026-03-01T00:00:00Z');
const HEADER = 'username,displayName,email,role,lastLogin,reviewerEmail';

async function read(
  input: string | Buffer | Buffer[],
  options: { limitBytes?: number; maxLines?: number } = {},
): Promise<ParsedLine[]> {
  const chunks = Array.isArray(input) ? input : [Buffer.from(input)];
  const lines: ParsedLine[] = [];
  for await (const line of readAccountCsv(chunks, { limitBytes: 1 << 20, now: NOW, ...options })) {
    lines.push(line);
  }
  return lines;
}

describe('readAccountCsv', () => {
  it('keeps a quote inside an unquoted field as a character (was a 500)', async () => {
    const lines = await read(`${HEADER}\nboneil,O"Neil Brian,,agent,,\n`);
    expect(lines).toEqual([
      expect.objectContaining({
        ok: true,
        account: expect.objectContaining({ displayName: 'O"Neil Brian' }),
      }),
    ]);
  });

  it('keeps a quoted field followed by text whole rather than failing the file', async () => {
    const lines = await read(`${HEADER}\n"x"y,Marie,,agent,,\n`);
    expect(lines).toEqual([
      expect.objectContaining({ ok: true, account: expect.objectContaining({ username: '"x"y', line: 2 }) }),
    ]);
  });

  it('reads a comma file with quoted fields, CRLF and a quoted line break, numbering lines from the header', async () => {
    const lines = await read(
      `${HEADER}\r\njdupont,"Dupont, Jean",J.Dupont@Gentilly.fr,admin,2026-01-15,\r\n` +
        `"mmartin","Martin ""Mimi""
Marie",,agent,15/02/2026 08:30,dpo@gentilly.fr\r\n`,
    );
    expect(lines).toEqual([
      {
        ok: true,
        account: {
          line: 2,
          username: 'jdupont',
          displayName: 'Dupont, Jean',
          email: 'j.dupont@gentilly.fr',
          role: 'admin',
          lastLogin: new Date('2026-01-15T00:00:00Z'),
          reviewerEmail: null,
        },
      },
      {
        ok: true,
        account: expect.objectContaining({
          line: 3,
          displayName: 'Martin "Mimi"\nMarie',
          lastLogin: new Date('2026-02-15T08:30:00Z'),
          reviewerEmail: 'dpo@gentilly.fr',
        }),
      },
    ]);
  });

  it('reads a semicolon file with a BOM, columns in another order, split across chunks mid-character', async () => {
    const text = '\uFEFFUserName;LASTLOGIN;displayName;email;role;reviewerEmail\nété;;Éloïse Été;;lecteur;\n';
    const bytes = Buffer.from(text);
    const cut = bytes.indexOf(Buffer.from('Éloïse')) + 1; // inside the two bytes of "É"
    const lines = await read([bytes.subarray(0, 5), bytes.subarray(5, cut), bytes.subarray(cut)]);
    expect(lines).toEqual([
      {
        ok: true,
        account: expect.objectContaining({
          line: 2,
          username: 'été',
          displayName: 'Éloïse Été',
          lastLogin: null,
        }),
      },
    ]);
  });

  it('rejects bad lines with their reason and line number, and keeps reading', async () => {
    const lines = await read(
      [
        HEADER,
        ',Nobody,,,,',
        'a,A,,,31/02/2026,',
        'b,B,,,2026-13-01,',
        'c,C,not-an-email,,,',
        'd,D,,,,reviewer-at-nowhere',
        'e,E,,,2027-01-01,',
        'f,F',
        '',
        'g,G,,,2026-02-01T10:00:00+01:00,',
      ].join('\n'),
    );
    expect(
      lines.map((l) => (l.ok ? `${l.account.line} ok` : `${l.rejected.line} ${l.rejected.reason}`)),
    ).toEqual([
      '2 username est vide',
      expect.stringMatching(/^3 lastLogin « 31\/02\/2026 » n’est pas une date/),
      expect.stringMatching(/^4 lastLogin « 2026-13-01 » n’est pas une date/),
      '5 email « not-an-email » n’est pas une adresse électronique',
      '6 reviewerEmail « reviewer-at-nowhere » n’est pas une adresse électronique',
      '7 lastLogin « 2027-01-01 » est dans le futur',
      '8 6 champs attendus, 2 trouvés',
      '10 ok',
    ]);
  });

  it('refuses a whole file that cannot be read: header, encoding, quotes, size, line count', async () => {
    await expect(read('')).rejects.toThrow(/vide/);
    await expect(read('user,displayName,email,role,lastLogin,reviewerEmail\n')).rejects.toThrow(
      /colonne\(s\) absente\(s\) : username ; colonne\(s\) inconnue\(s\) : "user"/,
    );
    await expect(read(Buffer.from(`${HEADER}\nj\xe9r\xf4me,,,,,\n`, 'latin1'))).rejects.toThrow(
      /pas un texte UTF-8/,
    );
    const unclosed = read(`${HEADER}\na,A,,,,\nb,"B,,,,\n`);
    await expect(unclosed).rejects.toBeInstanceOf(ValidationException);
    await expect(read(`${HEADER}\n${'a,A,,,,\n'.repeat(100)}`, { limitBytes: 200 })).rejects.toBeInstanceOf(
      PayloadTooLargeException,
    );
    await expect(read(`${HEADER}\n${'a,A,,,,\n'.repeat(4)}`, { maxLines: 3 })).rejects.toThrow(
      /plus de 3 comptes \(ligne 5\)/,
    );
  });
});

describe('parseLastLogin', () => {
  it.each([
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
    ['2026-01-31T08:15', '2026-01-31T08:15:00.000Z'],
    ['2026-01-31 08:15:30Z', '2026-01-31T08:15:30.000Z'],
    ['2026-01-31T08:15:30.250+0100', '2026-01-31T07:15:30.250Z'],
    ['31/01/2026', '2026-01-31T00:00:00.000Z'],
    ['29/02/2024 23:59:59', '2024-02-29T23:59:59.000Z'],
  ])('reads %p', (text, iso) => {
    expect(parseLastLogin(text)?.toISOString()).toBe(iso);
  });

  it.each(['29/02/2025', '2026-02-30', '2026/01/31', 'yesterday', '31-01-2026', '2026-01-31T25:00'])(
    'refuses %p',
    (text) => {
      expect(parseLastLogin(text)).toBeUndefined();
    },
  );

  it('reads an empty value as never', () => {
    expect(parseLastLogin('  ')).toBeNull();
  });
});
