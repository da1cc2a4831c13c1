import { pdfText } from '../../../../test/support/pdf-text';
import { formatNumberFr } from './french-format';
import { PdfReport } from './pdf-report';

describe('PdfReport', () => {
  it('renders a table over several pages with its header repeated, French dates, numbers and page footers', async () => {
    const report = new PdfReport({
      title: 'Registre des activités de traitement',
      organisationName: "Mairie d'Ivry-sur-Seine",
      generatedAt: new Date('2026-11-28T13:05:00Z'),
    });
    report.title('Registre des activités de traitement', 'Établi au titre de l’article 30.1 du RGPD');
    report.fields([
      ['Responsable du traitement', "Mairie d'Ivry-sur-Seine"],
      ['Délégué à la protection des données', null],
    ]);
    const rows = Array.from({ length: 120 }, (_, i) => [
      `Traitement n° ${i + 1} « élèves »`,
      formatNumberFr(12345 + i),
      'Validé',
    ]);
    report.table(
      [
        { header: 'Activité', width: 3 },
        { header: 'Personnes concernées', width: 1.5, align: 'right' },
        { header: 'Statut', width: 1 },
      ],
      rows,
    );
    const bytes = await report.finish();

    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} / ${pages.length}`);
      expect(page).toContain("Mairie d'Ivry-sur-Seine");
      expect(page).toContain('Généré le 28 novembre 2026 à 14\u00a0h\u00a005');
      expect(page).toContain('Personnes concernées');
    });
    expect(text).toContain('Traitement n° 1 « élèves »');
    expect(text).toContain('Traitement n° 120 « élèves »');
    expect(text).toContain('12\u202f345');
    expect(text).not.toContain('12/345');
    expect(text).toContain('Délégué à la protection des données : —');
  });
});

describe('PdfReport.render (pages written as they fill)', () => {
  const header = {
    title: 'Registre des activités de traitement',
    organisationName: 'Mairie de Villejuif',
    generatedAt: new Date('2026-11-28T13:05:00Z'),
  };
  const draw = (report: PdfReport) => {
    report.title('Registre', 'Sous-titre');
    for (let i = 1; i <= 40; i += 1) {
      report.heading(`Fiche ${i} — « santé »`);
      report.paragraph('Texte '.repeat(60));
      report.table(
        [
          { header: 'Catégorie', width: 2 },
          { header: 'Durée', width: 1 },
        ],
        [[`Identité ${i}`, formatNumberFr(1000 * i)]],
      );
    }
  };

  it('gives the same pages as the buffered report, with "Page i / n" on each', async () => {
    const buffered = new PdfReport(header);
    draw(buffered);
    const expected = await pdfText(await buffered.finish());
    const streamed = await pdfText(await PdfReport.render(header, draw));
    expect(streamed.pages.length).toBe(expected.pages.length);
    expect(streamed.pages.length).toBeGreaterThan(5);
    streamed.pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} / ${streamed.pages.length}`);
      expect(page).toContain('Mairie de Villejuif');
      expect(page).toContain('Généré le 28 novembre 2026 à 14\u00a0h\u00a005');
    });
    expect(streamed.text).toContain('Fiche 40 — « santé »');
    expect(streamed.text).toContain('40\u202f000');
  });

  it('keeps the text colour and font of content that flows onto a new page', async () => {
    const bytes = await PdfReport.render(header, (report) => {
      report.paragraph('Mot '.repeat(3000), { muted: true });
    });
    const { pages } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]).toContain('Mot Mot');
  });
});

describe('PdfReport layout', () => {
  const header = {
    title: 'Fiche de traitement',
    organisationName: 'Mairie de Villeneuve-Saint-Georges',
    generatedAt: new Date('2026-12-01T08:05:00Z'),
  };
  const LONG_WORDS = [
    'pseudonymisation',
    'télécommunications',
    'interopérabilité',
    'Villeneuve-Saint-Georges',
    'recommandations',
  ];

  it('keeps every word whole in a table of narrow columns that can hold it', async () => {
    const bytes = await PdfReport.render(header, (report) => {
      report.table(
        ['N°', 'Catégorie', 'Précisions', 'Durée', 'Sort', 'Commune'].map((h) => ({ header: h })),
        Array.from({ length: 5 }, (_, i) => [
          i + 1,
          `Données de ${LONG_WORDS[1]}`,
          `${LONG_WORDS[0]} et ${LONG_WORDS[2]} selon les ${LONG_WORDS[4]} de la CNIL`,
          '5 ans',
          'Destruction',
          LONG_WORDS[3],
        ]),
      );
    });
    const { text } = await pdfText(bytes);
    for (const word of LONG_WORDS) expect(text).toContain(word);
    expect(text).toContain('Généré le 1er décembre 2026 à 9\u00a0h\u00a005');
  });

  it('hyphenates at a syllable a word longer than any column can hold', async () => {
    const bytes = await PdfReport.render(header, (report) => {
      report.table(
        Array.from({ length: 8 }, (_, i) => ({ header: `C${i}` })),
        [Array.from({ length: 8 }, () => 'télécommunications')],
      );
    });
    const { text } = await pdfText(bytes);
    const cut = text.match(/(\p{L}+)-\n/u);
    expect(cut).not.toBeNull();
    expect(['té', 'télé', 'télécom', 'télécommu', 'télécommuni', 'télécommunica']).toContain(cut?.[1]);
  });

  it('splits a row taller than a page across pages, cutting nothing', async () => {
    const long = Array.from({ length: 900 }, (_, i) => `mot${i}`).join(' ');
    const bytes = await PdfReport.render(header, (report) => {
      report.table(
        [{ header: 'Champ' }, { header: 'Texte' }],
        [
          ['Justification', long],
          ['Suite', 'fin'],
        ],
      );
    });
    const { flat, pages } = await pdfText(bytes);
    expect(pages.length).toBeGreaterThan(1);
    for (const i of [0, 450, 899]) expect(flat).toContain(`mot${i} `);
    expect(flat).not.toContain('…');
    expect(pages.at(-1)).toContain('Champ');
    expect(pages.at(-1)).toMatch(/Suite\s*fin/);
  });

  it('never leaves a heading alone at the bottom of a page', async () => {
    for (let filler = 40; filler <= 52; filler += 1) {
      const bytes = await PdfReport.render(header, (report) => {
        for (let i = 0; i < filler; i += 1) report.paragraph(`Ligne de remplissage ${i}`);
        report.heading('Catégories de données');
        report.table([{ header: 'Catégorie' }, { header: 'Durée' }], [['Identité', '3 ans']]);
        report.heading('Mesures de sécurité');
        report.paragraph('Mesures propres au traitement :');
        report.bullets(['Chiffrement des sauvegardes']);
      });
      const { pages } = await pdfText(bytes);
      const withHeading = pages.find((page) => page.includes('Catégories de données'));
      expect(withHeading).toContain('Identité');
      expect(pages.find((page) => page.includes('Mesures de sécurité'))).toContain('Chiffrement');
      expect(pages.find((page) => page.includes('Mesures propres au traitement'))).toContain('Chiffrement');
    }
  });
});
