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
      expect(page).toContain('Généré le 28 novembre 2026 à 14:05');
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
      expect(page).toContain('Généré le 28 novembre 2026 à 14:05');
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
