import { createHash } from 'node:crypto';
import { documentContentKey } from '../documents.service';
import { barChartHeight } from './bar-chart';
import { pdfContentKey, PdfReport } from './pdf-report';

async function render(generatedAt: Date, rows: string[][], streamed = false): Promise<Buffer> {
  const header = { title: 'Registre', organisationName: 'Mairie de Villejuif', generatedAt };
  const draw = (report: PdfReport) => {
    report.title('Registre des activités de traitement');
    report.fields([['Responsable du traitement', 'Mairie de Villejuif']]);
    report.table(
      [
        { header: 'Traitement', width: 3 },
        { header: 'Statut', width: 1 },
      ],
      rows,
    );
  };
  if (streamed) return PdfReport.render(header, draw);
  const report = new PdfReport(header);
  draw(report);
  return report.finish();
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const ROWS = [
  ['Restauration scolaire', 'Validé'],
  ['État civil', 'Validé'],
];

describe('pdfContentKey', () => {
  it('is the same for the same content rendered at another time, although the bytes differ', async () => {
    const first = await render(new Date('2026-12-01T08:00:00Z'), ROWS);
    const later = await render(new Date('2026-12-01T09:30:00Z'), ROWS);
    expect(sha256(first)).not.toBe(sha256(later));
    expect(pdfContentKey(first)).toMatch(/^[0-9a-f]{64}$/);
    expect(pdfContentKey(later)).toBe(pdfContentKey(first));
  });

  it('changes with any drawn content, and does not depend on the two-pass rendering', async () => {
    const at = new Date('2026-12-01T08:00:00Z');
    const base = pdfContentKey(await render(at, ROWS));
    const changed = pdfContentKey(await render(at, [ROWS[0], ['État civil', 'Brouillon']]));
    expect(changed).not.toBe(base);
    const streamedOnce = pdfContentKey(await render(at, ROWS, true));
    const streamedLater = pdfContentKey(await render(new Date('2026-12-01T10:00:00Z'), ROWS, true));
    expect(streamedOnce).toMatch(/^[0-9a-f]{64}$/);
    expect(streamedLater).toBe(streamedOnce);
  });

  it('counts a bar chart as the room it keeps, as when the annual report drew it outside the kit', async () => {
    const header = { title: 'Bilan', organisationName: 'Mairie de Villejuif', generatedAt: new Date() };
    const bars = [
      { label: 'Validées', value: 3 },
      { label: 'Brouillons', value: 1 },
    ];
    const keyOf = async (draw: (report: PdfReport) => void) => {
      const report = new PdfReport(header);
      report.fields([['Fiches validées', 3]]);
      draw(report);
      return pdfContentKey(await report.finish());
    };
    const before = await keyOf((report) => report.ensureSpace(barChartHeight(bars.length)));
    expect(await keyOf((report) => report.barChart('Fiches par statut', bars))).toBe(before);
    expect(await keyOf((report) => report.barChart('Fiches par statut', []))).toBe(await keyOf(() => {}));
    const recorded = await PdfReport.render(header, (report) => {
      report.fields([['Fiches validées', 3]]);
      report.barChart('Fiches par statut', bars);
    });
    expect(pdfContentKey(recorded)).toBe(before);
  });

  it('is unknown for bytes that no PdfReport answered', () => {
    expect(pdfContentKey(Buffer.from('%PDF-1.7'))).toBeUndefined();
  });
});

describe('documentContentKey', () => {
  const file = (bytes: Buffer, title = 'Registre — Mairie de Villejuif') => ({
    organisationId: 'org',
    kind: 'register',
    title,
    fileName: 'registre.pdf',
    bytes,
  });

  it('identifies a PDF by what it shows and its title, another file by its bytes', async () => {
    const first = await render(new Date('2026-12-01T08:00:00Z'), ROWS);
    const later = await render(new Date('2026-12-02T08:00:00Z'), ROWS);
    expect(documentContentKey(file(later))).toBe(documentContentKey(file(first)));
    expect(documentContentKey(file(first, 'Registre — copie de travail'))).not.toBe(
      documentContentKey(file(first)),
    );
    const csv = Buffer.from('a;b\r\n');
    expect(documentContentKey(file(csv))).toBe(documentContentKey(file(Buffer.from('a;b\r\n'))));
    expect(documentContentKey(file(csv))).not.toBe(documentContentKey(file(Buffer.from('a;c\r\n'))));
  });
});
