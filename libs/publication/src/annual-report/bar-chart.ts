import type { PdfReport } from '@vigie/documents';
import { formatNumberFr } from '@vigie/documents';

export interface Bar {
  label: string;
  value: number;
}

const LABEL_WIDTH = 190;
const BAR_HEIGHT = 13;
const GAP = 6;
const BAR_COLOUR = '#0a4d99';
const TRACK_COLOUR = '#e8edf2';
const TEXT_COLOUR = '#1a1a1a';

/**
 * A horizontal bar chart drawn with pdfkit's vector operations: one line per bar, its label on the left, the
 * bar scaled to the largest value, the exact value written after it (the chart never stands without its
 * numbers). Kept on one page.
 */
export function barChart(report: PdfReport, caption: string, bars: readonly Bar[]): void {
  if (bars.length === 0) return;
  const doc = report.doc;
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const barArea = width - LABEL_WIDTH - 50;
  report.ensureSpace(24 + bars.length * (BAR_HEIGHT + GAP));
  doc.font('Bold').fontSize(9).fillColor(TEXT_COLOUR).text(caption, left, doc.y, { width });
  let y = doc.y + 4;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  doc.font('Body').fontSize(8.5);
  for (const bar of bars) {
    doc.fillColor(TEXT_COLOUR).text(bar.label, left, y + 2, {
      width: LABEL_WIDTH - 8,
      height: BAR_HEIGHT,
      ellipsis: true,
      lineBreak: false,
    });
    const x = left + LABEL_WIDTH;
    doc.rect(x, y, barArea, BAR_HEIGHT).fill(TRACK_COLOUR);
    const length = (barArea * bar.value) / max;
    if (length > 0) doc.rect(x, y, Math.max(1, length), BAR_HEIGHT).fill(BAR_COLOUR);
    doc
      .fillColor(TEXT_COLOUR)
      .text(formatNumberFr(bar.value), x + barArea + 6, y + 2, { width: 44, lineBreak: false });
    y += BAR_HEIGHT + GAP;
  }
  doc.x = left;
  doc.y = y + 4;
  doc.font('Body').fontSize(9.5).fillColor(TEXT_COLOUR);
}
