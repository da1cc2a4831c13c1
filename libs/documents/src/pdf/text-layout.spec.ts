import { breakWord, hyphenate, sizeColumns, wrapText } from './text-layout';

/** Every character is 5 points wide: widths in the tests read as character counts. */
const measure = (text: string) => [...text].length * 5;

describe('French hyphenation', () => {
  it.each([
    ['pseudonymisation', 'pseu-do-ny-mi-sa-tion'],
    ['télécommunications', 'té-lé-com-mu-ni-ca-tions'],
    ['interopérabilité', 'in-te-ro-pé-ra-bi-lité'],
    ['recommandations', 're-com-man-da-tions'],
    ['instruction', 'ins-truc-tion'],
    ['établissement', 'éta-blis-se-ment'],
    ['chiffrement', 'chif-fre-ment'],
    ['électroniques', 'élec-tro-niques'],
    ['questionnaire', 'ques-tion-naire'],
    ['examen', 'exa-men'],
    ['payer', 'pa-yer'],
    ['Villeneuve-Saint-Georges', 'Vil-le-neuve-Saint-Georges'],
    ["l'authentification", "l'au-then-ti-fi-ca-tion"],
  ])('cuts « %s » at its syllables: %s', (word, expected) => {
    expect(hyphenate(word)).toBe(expected);
  });

  it('leaves at least two letters before and three after a cut, and no mute final syllable alone', () => {
    expect(hyphenate('guerre')).toBe('guerre');
    expect(hyphenate('publique')).toBe('pu-blique');
    expect(hyphenate('abri')).toBe('abri');
  });
});

describe('breakWord', () => {
  it('cuts a word too long for its width at the last syllable that fits, with a hyphen', () => {
    expect(breakWord('pseudonymisation', 50, measure)).toEqual(['pseudony-', 'misation']);
    expect(breakWord('télécommunications', 40, measure)).toEqual(['télécom-', 'munica-', 'tions']);
  });

  it('prefers the hyphen of a compound, adding none', () => {
    expect(breakWord('Villeneuve-Saint-Georges', 70, measure)).toEqual(['Villeneuve-', 'Saint-Georges']);
  });

  it('cuts a word without syllables (a code) where it must', () => {
    expect(breakWord('SIIM94XK2Z', 25, measure)).toEqual(['SIIM9', '4XK2Z']);
  });
});

describe('wrapText', () => {
  it('wraps at spaces and keeps every word whole when it fits a line', () => {
    const lines = wrapText('la pseudonymisation des télécommunications', 90, measure);
    expect(lines).toEqual(['la', 'pseudonymisation', 'des', 'télécommunications']);
    expect(lines.every((line) => measure(line) <= 90)).toBe(true);
  });

  it('hyphenates only a word longer than a line, and keeps explicit line breaks', () => {
    expect(wrapText('une interopérabilité\ntotale', 60, measure)).toEqual([
      'une',
      'interopéra-',
      'bilité',
      'totale',
    ]);
  });

  it('uses a narrower first line (after a label)', () => {
    expect(wrapText('aa bb cc dd', 30, measure, 15)).toEqual(['aa', 'bb cc', 'dd']);
  });

  it('keeps no-break spaces inside words', () => {
    expect(wrapText('12\u00a0% des agents', 35, measure)).toEqual(['12\u00a0%', 'des', 'agents']);
  });
});

describe('sizeColumns', () => {
  const sizes = (columns: { header: string; cells: string[] }[], available: number) =>
    sizeColumns(columns, available, { body: measure, header: measure }, 0);
  const sum = (widths: number[]) => widths.reduce((a, b) => a + b, 0);

  it('gives each column at least its longest word, sharing the rest by how much text it holds', () => {
    const widths = sizes(
      [
        { header: 'N°', cells: ['1', '12'] },
        { header: 'Finalité', cells: ['Gestion des inscriptions et de la facturation des repas'] },
        { header: 'Base', cells: ['interopérabilité'] },
      ],
      200,
    );
    expect(sum(widths)).toBeCloseTo(200, 6);
    expect(widths[0]).toBeGreaterThanOrEqual(10);
    expect(widths[0]).toBeLessThan(20);
    expect(widths[2]).toBeGreaterThanOrEqual(measure('interopérabilité'));
    expect(widths[1]).toBeGreaterThan(widths[2]);
  });

  it('spreads spare width when every text fits on one line', () => {
    const widths = sizes(
      [
        { header: 'Type', cells: ['Interne'] },
        { header: 'Destinataire', cells: ['Service état civil'] },
      ],
      300,
    );
    expect(sum(widths)).toBeCloseTo(300, 6);
    expect(widths[1]).toBeGreaterThan(widths[0]);
  });

  it('shrinks only the widest columns when the longest words cannot sit side by side', () => {
    const widths = sizes(
      [
        { header: 'N°', cells: ['1'] },
        { header: 'A', cells: ['pseudonymisation'] },
        { header: 'B', cells: ['télécommunications'] },
      ],
      120,
    );
    expect(widths[0]).toBeCloseTo(10.5, 6);
    expect(widths[1]).toBeCloseTo(54.75, 6);
    expect(widths[2]).toBeCloseTo(54.75, 6);
  });
});
