import { createHash, Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDateTimeFr } from './french-format';

/** What every Vigie PDF shows on each page. */
export interface ReportHeader {
  /** Document title, also in the footer and the PDF metadata. */
  title: string;
  /** The organisation the document is about (header, left). */
  organisationName: string;
  generatedAt: Date;
}

export interface TableColumn {
  header: string;
  /** Relative width: columns share the text width in proportion. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export type Cell = string | number | null | undefined;

const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
// Read once per process: every report embeds (a subset of) the same two faces.
const FONTS = {
  regular: readFileSync(join(FONT_DIR, 'DejaVuSans.ttf')),
  bold: readFileSync(join(FONT_DIR, 'DejaVuSans-Bold.ttf')),
};

/** How a report handles its pages (see {@link PdfReport.render}). */
export interface PdfReportOptions {
  /**
   * The number of pages the report will have, known from a first pass: each page gets its header and
   * "Page i / n" footer as soon as it starts and is written out as soon as it is full, instead of every page
   * being kept until `finish()`.
   */
  totalPages?: number;
  /** A first pass that only counts pages: nothing is kept, no header or footer is drawn. */
  countOnly?: boolean;
}

/** The content key of each PDF rendered by {@link PdfReport}, by the very buffer `finish()` answered. */
const CONTENT_KEYS = new WeakMap<Buffer, string>();

/**
 * What a rendered PDF shows, whatever the moment it was rendered: a SHA-256 of its title, organisation and every
 * drawing call with its arguments (not the header's generation time, nor the PDF's creation date). Two renders
 * of unchanged data have the same key although their bytes differ; the documents store finds a record by it.
 * `undefined` for bytes not answered by a {@link PdfReport}.
 */
export function pdfContentKey(bytes: Buffer): string | undefined {
  return CONTENT_KEYS.get(bytes);
}

/** Methods whose calls are not content: the page frame (generation time) and the ending. */
const NOT_CONTENT = new Set(['constructor', 'finish', 'close', 'drawFrame']);

/** Makes every drawing method of `report` feed `hash` with its name and arguments before drawing. */
function fingerprintCalls(report: PdfReport, hash: Hash): void {
  const prototype = PdfReport.prototype as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (NOT_CONTENT.has(name) || typeof descriptor?.value !== 'function') continue;
    const draw = descriptor.value as (...args: unknown[]) => unknown;
    Object.defineProperty(report, name, {
      configurable: true,
      writable: true,
      value(this: PdfReport, ...args: unknown[]) {
        hash.update(`${name}\u0000${JSON.stringify(args) ?? ''}\u0000`);
        return draw.apply(this, args);
      },
    });
  }
}

const MARGIN = { top: 72, bottom: 64, left: 50, right: 50 };
const CELL_PADDING = 4;
const TEXT_SIZE = 9.5;
const COLOURS = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#9aa5b1',
  headerFill: '#e8edf2',
  zebra: '#f7f9fb',
};

/**
 * The rendering kit shared by every PDF of Vigie: DejaVu Sans embedded (French accents, « », and the narrow
 * no-break space of French numbers), a header with the organisation and the generation date, "Page 2 / 5"
 * footers, and tables that break across pages with their header row repeated.
 */
export class PdfReport {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private readonly streaming: boolean;
  private pages = 1;

  /**
   * Renders a report in two passes so that memory stays bounded whatever its length: `draw` runs once to count
   * the pages (nothing kept), then again for real with each page written out as soon as it is full. `draw`
   * must produce the same content both times (read its data again, or from the same arrays).
   */
  static async render(
    header: ReportHeader,
    draw: (report: PdfReport) => Promise<void> | void,
  ): Promise<Buffer> {
    const counter = new PdfReport(header, { countOnly: true });
    await draw(counter);
    const totalPages = await counter.close();
    const report = new PdfReport(header, { totalPages });
    await draw(report);
    return report.finish();
  }

  constructor(
    private readonly header: ReportHeader,
    private readonly options: PdfReportOptions = {},
  ) {
    this.streaming = options.totalPages !== undefined || options.countOnly === true;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: !this.streaming,
      lang: 'fr-FR',
      info: { Title: header.title, Author: 'Vigie', Creator: 'Vigie', CreationDate: header.generatedAt },
    });
    this.doc.registerFont('Body', FONTS.regular);
    this.doc.registerFont('Bold', FONTS.bold);
    this.doc.font('Body').fontSize(TEXT_SIZE).fillColor(COLOURS.text);
    const content = options.countOnly
      ? undefined
      : createHash('sha256').update(JSON.stringify([header.title, header.organisationName]));
    if (content) fingerprintCalls(this, content);
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => {
        if (!options.countOnly) this.chunks.push(chunk);
      });
      this.doc.on('end', () => {
        const bytes = Buffer.concat(this.chunks);
        if (content) CONTENT_KEYS.set(bytes, content.digest('hex'));
        resolve(bytes);
      });
      this.doc.on('error', reject);
    });
    if (this.streaming) {
      if (options.totalPages !== undefined) this.drawFrame(1, options.totalPages);
      this.doc.on('pageAdded', () => {
        this.pages += 1;
        if (options.totalPages !== undefined) this.drawFrame(this.pages, options.totalPages);
      });
    }
  }

  /** Ends a counting pass and tells how many pages it made. */
  private async close(): Promise<number> {
    this.doc.end();
    await this.done;
    return this.pages;
  }

  private get contentWidth(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  private get bottomLimit(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): this {
    if (this.doc.y + height > this.bottomLimit) this.doc.addPage();
    return this;
  }

  pageBreak(): this {
    this.doc.addPage();
    return this;
  }

  /** The big title of a cover page or section. */
  title(text: string, subtitle?: string): this {
    this.doc.font('Bold').fontSize(18).fillColor(COLOURS.text).text(text, { width: this.contentWidth });
    if (subtitle) this.doc.moveDown(0.3).font('Body').fontSize(11).fillColor(COLOURS.muted).text(subtitle);
    this.doc.moveDown(1).font('Body').fontSize(TEXT_SIZE).fillColor(COLOURS.text);
    return this;
  }

  heading(text: string, level: 1 | 2 = 1): this {
    const size = level === 1 ? 13 : 11;
    this.ensureSpace(size * 3);
    this.doc.moveDown(level === 1 ? 0.8 : 0.5);
    this.doc
      .font('Bold')
      .fontSize(size)
      .fillColor(COLOURS.text)
      .text(text, MARGIN.left, this.doc.y, { width: this.contentWidth });
    this.doc.moveDown(0.3).font('Body').fontSize(TEXT_SIZE);
    return this;
  }

  paragraph(text: string, options: { muted?: boolean } = {}): this {
    this.doc
      .font('Body')
      .fontSize(TEXT_SIZE)
      .fillColor(options.muted ? COLOURS.muted : COLOURS.text)
      .text(text, MARGIN.left, this.doc.y, { width: this.contentWidth, align: 'left' });
    this.doc.fillColor(COLOURS.text).moveDown(0.4);
    return this;
  }

  /** "Label : value" lines, the label in bold; empty values show a dash. */
  fields(pairs: [label: string, value: Cell][]): this {
    for (const [label, value] of pairs) {
      this.ensureSpace(TEXT_SIZE * 2);
      this.doc
        .font('Bold')
        .fontSize(TEXT_SIZE)
        .text(`${label} : `, MARGIN.left, this.doc.y, { continued: true, width: this.contentWidth })
        .font('Body')
        .text(cellText(value));
    }
    this.doc.moveDown(0.4);
    return this;
  }

  bullets(items: string[], emptyText = 'Aucun élément'): this {
    if (items.length === 0) return this.paragraph(emptyText, { muted: true });
    for (const item of items) {
      this.ensureSpace(TEXT_SIZE * 2);
      this.doc
        .font('Body')
        .fontSize(TEXT_SIZE)
        .text(`•  ${item}`, MARGIN.left + 8, this.doc.y, { width: this.contentWidth - 8 });
    }
    this.doc.moveDown(0.4);
    return this;
  }

  /** A table whose rows flow onto new pages, repeating the header row at the top of each. */
  table(columns: TableColumn[], rows: Cell[][], emptyText = 'Aucune ligne'): this {
    if (rows.length === 0) return this.paragraph(emptyText, { muted: true });
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (this.contentWidth * column.width) / total);
    const maxRowHeight = this.bottomLimit - MARGIN.top - 40;
    const drawHeader = () =>
      this.drawRow(
        columns.map((c) => c.header),
        columns,
        widths,
        { bold: true, fill: COLOURS.headerFill, maxRowHeight },
      );
    this.ensureSpace(60);
    drawHeader();
    rows.forEach((row, index) => {
      const height = Math.min(this.rowHeight(row, widths, false), maxRowHeight);
      if (this.doc.y + height > this.bottomLimit) {
        this.doc.addPage();
        drawHeader();
      }
      this.drawRow(row, columns, widths, {
        bold: false,
        fill: index % 2 === 1 ? COLOURS.zebra : undefined,
        maxRowHeight,
      });
    });
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.6);
    return this;
  }

  private rowHeight(row: Cell[], widths: number[], bold: boolean): number {
    this.doc.font(bold ? 'Bold' : 'Body').fontSize(TEXT_SIZE);
    const heights = row.map((cell, i) =>
      this.doc.heightOfString(cellText(cell), { width: widths[i] - 2 * CELL_PADDING }),
    );
    return Math.max(...heights) + 2 * CELL_PADDING;
  }

  private drawRow(
    row: Cell[],
    columns: TableColumn[],
    widths: number[],
    style: { bold: boolean; fill?: string; maxRowHeight: number },
  ): void {
    const height = Math.min(this.rowHeight(row, widths, style.bold), style.maxRowHeight);
    const top = this.doc.y;
    let x = MARGIN.left;
    if (style.fill) this.doc.rect(MARGIN.left, top, this.contentWidth, height).fill(style.fill);
    this.doc
      .fillColor(COLOURS.text)
      .font(style.bold ? 'Bold' : 'Body')
      .fontSize(TEXT_SIZE);
    row.forEach((cell, i) => {
      this.doc.text(cellText(cell), x + CELL_PADDING, top + CELL_PADDING, {
        width: widths[i] - 2 * CELL_PADDING,
        height: height - 2 * CELL_PADDING,
        align: columns[i].align ?? 'left',
        ellipsis: true,
      });
      x += widths[i];
    });
    this.doc
      .moveTo(MARGIN.left, top + height)
      .lineTo(MARGIN.left + this.contentWidth, top + height)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    this.doc.x = MARGIN.left;
    this.doc.y = top + height;
  }

  /** Draws headers and "Page i / n" footers on every page (unless drawn as pages started), then returns the file. */
  async finish(): Promise<Buffer> {
    if (!this.streaming) {
      const { start, count } = this.doc.bufferedPageRange();
      for (let i = start; i < start + count; i += 1) {
        this.doc.switchToPage(i);
        this.drawFrame(i - start + 1, count);
      }
    }
    this.doc.end();
    return this.done;
  }

  /** The header and footer of the current page; leaves the position, font and colour as they were. */
  private drawFrame(pageNumber: number, pageCount: number): void {
    const state = this.doc as unknown as { _font: unknown; _fontSize: number; _fillColor?: [string, number] };
    const saved = {
      x: this.doc.x,
      y: this.doc.y,
      font: state._font,
      size: state._fontSize,
      fill: state._fillColor,
    };
    const { width, height } = this.doc.page;
    // Writing inside the margins: lift them for a moment so that pdfkit does not add a page.
    const margins = this.doc.page.margins;
    this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const textWidth = width - MARGIN.left - MARGIN.right;
    this.doc.font('Bold').fontSize(8.5).fillColor(COLOURS.muted);
    this.doc.text(this.header.organisationName, MARGIN.left, 32, {
      width: textWidth * 0.6,
      lineBreak: false,
      ellipsis: true,
    });
    this.doc
      .font('Body')
      .text(`Généré le ${formatDateTimeFr(this.header.generatedAt)}`, MARGIN.left + textWidth * 0.5, 32, {
        width: textWidth * 0.5,
        align: 'right',
        lineBreak: false,
      });
    this.doc
      .moveTo(MARGIN.left, 48)
      .lineTo(width - MARGIN.right, 48)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    const footerY = height - 40;
    this.doc.text(this.header.title, MARGIN.left, footerY, {
      width: textWidth * 0.7,
      lineBreak: false,
      ellipsis: true,
    });
    this.doc.text(`Page ${pageNumber} / ${pageCount}`, MARGIN.left + textWidth * 0.7, footerY, {
      width: textWidth * 0.3,
      align: 'right',
      lineBreak: false,
    });
    this.doc.page.margins = margins;
    state._font = saved.font;
    state._fontSize = saved.size;
    this.doc.fillColor(saved.fill?.[0] ?? COLOURS.text);
    this.doc.x = saved.x;
    this.doc.y = saved.y;
  }
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined || cell === '') return '—';
  return String(cell);
}
