import { readRegisterTable } from './register-table.worker';

const limits = { maxRows: 3, maxInflatedBytes: 1024 * 1024 };
const csv = (text: string) => ({ ...limits, bytes: Buffer.from(text, 'utf8') });

describe('readRegisterTable', () => {
  it('reads the header and the non-empty rows of a CSV', async () => {
    const table = await readRegisterTable(csv('\uFEFFNom;Finalité\r\nA;un\r\n;\r\n\r\nB;deux\r\n'));
    expect(table).toEqual({
      header: ['Nom', 'Finalité'],
      rows: [
        ['A', 'un'],
        ['B', 'deux'],
      ],
    });
  });

  it('stops at the row limit without reading the rest of the file', async () => {
    // At the very end of 100,000 rows comes a quote that is never closed: reading it would answer « illisible ».
    const text = `Nom;Finalité\r\n${'x;y\r\n'.repeat(100_000)}x;"jamais fermé`;
    await expect(readRegisterTable(csv(text))).rejects.toThrow('au plus 3 lignes par import');
    await expect(readRegisterTable({ ...csv(text), maxRows: 200_000 })).rejects.toThrow(
      /le fichier CSV est illisible/,
    );
  });

  it('refuses a binary file that is not an XLSX', async () => {
    await expect(readRegisterTable(csv('Nom\r\nA\u0000B\r\n'))).rejects.toThrow(
      'Un fichier CSV ou XLSX est attendu',
    );
  });
});
