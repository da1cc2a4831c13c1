import { formatNumberFr } from './french-format';

/** One bar of a chart (see `PdfReport.barChart`). */
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

/** The room a chart of `count` bars keeps on one page: its caption and its bars. */
export function barChartHeight(count: number): number {
  return 24 + count * (BAR_HEIGHT + GAP);
}

/**
 * Draws a horizontal bar chart with pdfkit's vector operations at the current position (the caller has made
 * room for {@link barChartHeight}): one line per bar, its label on the left, the bar scaled to the largest
 * value, the exact value written after it (the chart never stands without its numbers).
 */
export function drawBarChart(doc: PDFKit.PDFDocument, caption: string, bars: readonly Bar[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const barArea = width - LABEL_WIDTH - 50;
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
