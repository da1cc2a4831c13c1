import { createHash, Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { currentWorkerPool } from '@vigie/core';
import { Bar, barChartHeight, drawBarChart } from './bar-chart';
import { recordDrawing } from './pdf-script';
import { formatDateTimeFr } from './french-format';
import { Measure, sizeColumns, wrapText } from './text-layout';

const PDF_WORKER = join(__dirname, 'pdf.worker');

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
  /**
   * Relative weight of the column when the content leaves space to spare; the widths themselves come from
   * the content (each column holds at least its longest word).
   */
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** Never wrap the lines of this column (a date, an amount): it gets the width of its longest line. */
  nowrap?: boolean;
}

export type Cell = string | number | null | undefined;

interface LineStyle {
  font?: 'Body' | 'Bold';
  size?: number;
  colour?: string;
}

type PendingBlock =
  { kind: 'heading'; text: string; level: 1 | 2 } | { kind: 'lead'; lines: string[]; muted: boolean };

interface RowLayout {
  cells: string[][];
  height: number;
  lineHeight: number;
}

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

/**
 * Calls that count in the content key as other calls. A bar chart counts as the room it keeps
 * (`ensureSpace`), as when the annual report drew it on `report.doc` outside the kit: the keys of the reports
 * stored then stay valid. Its bars are not in the key, so a chart only shows figures its report states in
 * text too (see {@link PdfReport.barChart}).
 */
const CONTENT_AS: Record<string, (args: unknown[]) => [name: string, args: unknown[]][]> = {
  barChart: ([, bars]) => {
    const count = (bars as readonly Bar[]).length;
    return count === 0 ? [] : [['ensureSpace', [barChartHeight(count)]]];
  },
};

/** What a call adds to the content key: its name and arguments, or those of the calls it stands for. */
function contentOf(name: string, args: unknown[]): string {
  const calls = CONTENT_AS[name]?.(args) ?? [[name, args]];
  return calls.map(([called, callArgs]) => `${called}\u0000${JSON.stringify(callArgs) ?? ''}\u0000`).join('');
}

/**
 * Makes every method of `report` feed `hash` with its name and arguments, for the calls made from outside
 * (by a renderer): a call made by another method is determined by that outer call, and the page frame's own
 * calls (which carry the generation time) stay out of the key.
 */
function fingerprintCalls(report: PdfReport, hash: Hash): void {
  const prototype = PdfReport.prototype as unknown as Record<string, unknown>;
  let depth = 0;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
    if (name === 'constructor' || typeof descriptor?.value !== 'function') continue;
    const draw = descriptor.value as (...args: unknown[]) => unknown;
    Object.defineProperty(report, name, {
      configurable: true,
      writable: true,
      value(this: PdfReport, ...args: unknown[]) {
        if (depth === 0 && !NOT_CONTENT.has(name)) hash.update(contentOf(name, args));
        depth += 1;
        try {
          const result = draw.apply(this, args);
          if (result instanceof Promise) return result.finally(() => (depth -= 1));
          depth -= 1;
          return result;
        } catch (error) {
          depth -= 1;
          throw error;
        }
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
  /** Headings and lead-in lines (« … : ») waiting to be drawn with what follows them. */
  private pending: PendingBlock[] = [];

  /**
   * Renders a report in two passes so that memory stays bounded whatever its length: `draw` runs once to count
   * the pages (nothing kept), then again for real with each page written out as soon as it is full. `draw`
   * must produce the same content both times (read its data again, or from the same arrays).
   */
  static async render(
    header: ReportHeader,
    draw: (report: PdfReport) => Promise<void> | void,
  ): Promise<Buffer> {
    const pool = currentWorkerPool();
    if (pool) {
      // In the application, the drawing calls are recorded here (cheap: reading data, no layout) and the
      // layout and encoding happen in a worker thread, off the event loop that serves the other requests.
      const calls = await recordDrawing(draw);
      if (calls) {
        const rendered = await pool.run<{ bytes: Uint8Array; contentKey?: string }>(
          PDF_WORKER,
          'renderPdfScript',
          { header, calls },
        );
        const bytes = Buffer.from(
          rendered.bytes.buffer,
          rendered.bytes.byteOffset,
          rendered.bytes.byteLength,
        );
        if (rendered.contentKey) CONTENT_KEYS.set(bytes, rendered.contentKey);
        return bytes;
      }
    }
    return PdfReport.renderHere(header, draw);
  }

  /** {@link render} in this thread. */
  static async renderHere(
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
    this.flushHeading(0);
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
    this.flushHeading(0);
    this.doc.addPage();
    return this;
  }

  /** The big title of a cover page or section. */
  title(text: string, subtitle?: string): this {
    this.flushHeading(0);
    this.writeLines(text, { font: 'Bold', size: 18 });
    if (subtitle) {
      this.doc.moveDown(0.3);
      this.writeLines(subtitle, { font: 'Body', size: 11, colour: COLOURS.muted });
    }
    this.doc.moveDown(1).font('Body').fontSize(TEXT_SIZE).fillColor(COLOURS.text);
    return this;
  }

  /**
   * A section heading. It is drawn with what follows it (the first lines of a paragraph, the header and first
   * row of a table…), so that it never stays alone at the bottom of a page.
   */
  heading(text: string, level: 1 | 2 = 1): this {
    this.pending.push({ kind: 'heading', text, level });
    return this;
  }

  /** A paragraph; a short one that introduces what follows (« Mesures propres au traitement : ») stays with it. */
  paragraph(text: string, options: { muted?: boolean } = {}): this {
    this.useBody();
    const lines = wrapText(text, this.contentWidth, this.measureBody);
    if (lines.length <= 2 && /:\s*$/.test(text)) {
      this.pending.push({ kind: 'lead', lines, muted: options.muted === true });
      return this;
    }
    this.flushHeading(this.lineHeight() * Math.min(lines.length, 2));
    this.drawLines(lines, MARGIN.left, { colour: options.muted ? COLOURS.muted : COLOURS.text });
    this.doc.fillColor(COLOURS.text).moveDown(0.4);
    return this;
  }

  /** "Label : value" lines, the label in bold; empty values show a dash. */
  fields(pairs: [label: string, value: Cell][]): this {
    pairs.forEach(([label, value], index) => {
      this.doc.font('Bold').fontSize(TEXT_SIZE);
      const labelLines = wrapText(`${label} :`, this.contentWidth, this.measureBold);
      const lastLabel = labelLines.at(-1) ?? '';
      const indent = this.measureBold(`${lastLabel} `);
      this.useBody();
      const valueText = cellText(value);
      const sameLine = this.contentWidth - indent >= Math.min(120, this.measureBody(valueText));
      const valueLines = wrapText(
        valueText,
        this.contentWidth,
        this.measureBody,
        sameLine ? this.contentWidth - indent : this.contentWidth,
      );
      const height = this.lineHeight() * (labelLines.length + (sameLine ? 0 : 1));
      if (index === 0) this.flushHeading(height);
      this.ensureSpace(height);
      this.drawLines(labelLines.slice(0, -1), MARGIN.left, { font: 'Bold' });
      const y = this.doc.y;
      this.doc
        .font('Bold')
        .fillColor(COLOURS.text)
        .text(`${lastLabel} `, MARGIN.left, y, { lineBreak: false });
      this.doc.y = y;
      if (sameLine) {
        this.drawLines(valueLines.slice(0, 1), MARGIN.left + indent, {});
        this.drawLines(valueLines.slice(1), MARGIN.left, {});
      } else {
        this.doc.y = y + this.lineHeight();
        this.drawLines(
          valueLines.filter((line, i) => i > 0 || line !== ''),
          MARGIN.left,
          {},
        );
      }
    });
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.4);
    return this;
  }

  bullets(items: string[], emptyText = 'Aucun élément'): this {
    if (items.length === 0) return this.paragraph(emptyText, { muted: true });
    this.useBody();
    const bullet = '•  ';
    const indent = 8 + this.measureBody(bullet);
    items.forEach((item, index) => {
      const lines = wrapText(item, this.contentWidth - indent, this.measureBody);
      const first = this.lineHeight() * Math.min(lines.length, 2);
      if (index === 0) this.flushHeading(first);
      this.ensureSpace(first);
      const y = this.doc.y;
      this.doc.fillColor(COLOURS.text).text(bullet, MARGIN.left + 8, y, { lineBreak: false });
      this.doc.y = y;
      this.drawLines(lines, MARGIN.left + indent, {});
    });
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.4);
    return this;
  }

  /**
   * A horizontal bar chart kept on one page: each bar with its label and its exact value. The bars are not in
   * the content key (see `CONTENT_AS`): a chart only shows figures that the report states in its text too.
   */
  barChart(caption: string, bars: readonly Bar[]): this {
    if (bars.length === 0) return this;
    const height = barChartHeight(bars.length);
    this.flushHeading(height);
    this.ensureSpace(height);
    drawBarChart(this.doc, caption, bars);
    return this;
  }

  /**
   * A table whose rows flow onto new pages, repeating the header row at the top of each. Column widths come
   * from the content (see {@link sizeColumns}): no word is cut, unless one is longer than any column could
   * hold, and then it is hyphenated at a syllable boundary.
   */
  table(columns: TableColumn[], rows: Cell[][], emptyText = 'Aucune ligne'): this {
    if (rows.length === 0) return this.paragraph(emptyText, { muted: true });
    const texts = rows.map((row) => columns.map((_, i) => cellText(row[i])));
    const widths = sizeColumns(
      columns.map((column, i) => ({
        header: column.header,
        cells: texts.map((row) => row[i]),
        weight: column.width,
        nowrap: column.nowrap,
      })),
      this.contentWidth,
      { body: this.measureBody, header: this.measureBold },
      CELL_PADDING,
    );
    const header = this.layoutRow(
      columns.map((c) => c.header),
      widths,
      true,
    );
    const drawHeader = () => this.drawRow(header, columns, widths, { bold: true, fill: COLOURS.headerFill });
    const first = this.layoutRow(texts[0], widths, false);
    // The heading, the header row and the first row (or its first lines, if it is long) go together.
    const firstHeight = Math.min(first.height, 3 * first.lineHeight + 2 * CELL_PADDING);
    this.flushHeading(header.height + firstHeight);
    this.ensureSpace(header.height + firstHeight);
    drawHeader();
    const freshRoom = this.bottomLimit - MARGIN.top - header.height;
    texts.forEach((row, index) => {
      let layout = index === 0 ? first : this.layoutRow(row, widths, false);
      const style = { bold: false, fill: index % 2 === 1 ? COLOURS.zebra : undefined };
      for (;;) {
        const room = this.bottomLimit - this.doc.y;
        if (layout.height <= room) {
          this.drawRow(layout, columns, widths, style);
          return;
        }
        // A row taller than a page is split between pages, nothing cut; a shorter one moves to the next.
        const lines = Math.floor((room - 2 * CELL_PADDING) / layout.lineHeight);
        if (layout.height > freshRoom && lines >= 3) {
          const [head, rest] = splitRow(layout, lines);
          this.drawRow(head, columns, widths, style);
          layout = rest;
        }
        this.doc.addPage();
        drawHeader();
      }
    });
    this.doc.x = MARGIN.left;
    this.doc.moveDown(0.6);
    return this;
  }

  /** Widths of the strings already measured, per face: the same words come back in every row. */
  private readonly widths = { Body: new Map<string, number>(), Bold: new Map<string, number>() };

  private measureIn(face: 'Body' | 'Bold', text: string): number {
    const cache = this.widths[face];
    let width = cache.get(text);
    if (width === undefined) {
      this.doc.font(face).fontSize(TEXT_SIZE);
      width = this.doc.widthOfString(text);
      this.doc.font('Body');
      if (cache.size > 50_000) cache.clear();
      cache.set(text, width);
    }
    return width;
  }

  private readonly measureBody: Measure = (text) => this.measureIn('Body', text);

  private readonly measureBold: Measure = (text) => this.measureIn('Bold', text);

  private useBody(): void {
    this.doc.font('Body').fontSize(TEXT_SIZE).fillColor(COLOURS.text);
  }

  /** The advance from one line to the next in the current font and size. */
  private lineHeight(): number {
    return this.doc.currentLineHeight(true);
  }

  /**
   * Draws the headings and lead-in lines waiting for their content, on a new page unless they and
   * `followHeight` points of that content fit on this one.
   */
  private flushHeading(followHeight: number): void {
    if (this.pending.length === 0) return;
    const blocks = this.pending;
    this.pending = [];
    const laid = blocks.map((block) => {
      if (block.kind === 'lead') {
        this.useBody();
        return { block, lines: block.lines, gap: 0, after: 0.4 * this.lineHeight(), size: TEXT_SIZE };
      }
      const size = block.level === 1 ? 13 : 11;
      this.doc.font('Bold').fontSize(size);
      const lines = wrapText(block.text, this.contentWidth, (t) => this.doc.widthOfString(t));
      const lineHeight = this.lineHeight();
      return {
        block,
        lines,
        gap: (block.level === 1 ? 0.8 : 0.5) * lineHeight,
        after: 0.3 * lineHeight,
        size,
      };
    });
    const height = laid.reduce((sum, l) => {
      this.doc.fontSize(l.size);
      return sum + l.gap + l.lines.length * this.lineHeight() + l.after;
    }, 0);
    const newPage = this.doc.y + height + followHeight > this.bottomLimit;
    if (newPage) this.doc.addPage();
    laid.forEach((l, index) => {
      if (!(newPage && index === 0)) this.doc.y += l.gap;
      if (l.block.kind === 'lead') {
        this.drawLines(l.lines, MARGIN.left, { colour: l.block.muted ? COLOURS.muted : COLOURS.text });
      } else {
        this.drawLines(l.lines, MARGIN.left, { font: 'Bold', size: l.size });
      }
      this.doc.y += l.after;
    });
    this.useBody();
  }

  /** Writes wrapped text over the content width, flowing onto new pages. */
  private writeLines(text: string, style: LineStyle): void {
    this.doc.font(style.font ?? 'Body').fontSize(style.size ?? TEXT_SIZE);
    const lines = wrapText(text, this.contentWidth, (t) => this.doc.widthOfString(t));
    this.drawLines(lines, MARGIN.left, style);
  }

  /** Draws lines one under the other from the current position, starting a new page when one is full. */
  private drawLines(lines: string[], x: number, style: LineStyle): void {
    for (const line of lines) {
      this.doc
        .font(style.font ?? 'Body')
        .fontSize(style.size ?? TEXT_SIZE)
        .fillColor(style.colour ?? COLOURS.text);
      const height = this.lineHeight();
      if (this.doc.y + height > this.bottomLimit) {
        this.doc.addPage();
        this.doc
          .font(style.font ?? 'Body')
          .fontSize(style.size ?? TEXT_SIZE)
          .fillColor(style.colour ?? COLOURS.text);
      }
      const y = this.doc.y;
      if (line) this.doc.text(line, x, y, { lineBreak: false });
      this.doc.x = MARGIN.left;
      this.doc.y = y + height;
    }
  }

  private layoutRow(row: Cell[], widths: number[], bold: boolean): RowLayout {
    const measure = bold ? this.measureBold : this.measureBody;
    this.doc.font(bold ? 'Bold' : 'Body').fontSize(TEXT_SIZE);
    const lineHeight = this.lineHeight();
    const cells = row.map((cell, i) => wrapText(cellText(cell), widths[i] - 2 * CELL_PADDING, measure));
    const height = Math.max(...cells.map((lines) => lines.length)) * lineHeight + 2 * CELL_PADDING;
    return { cells, height, lineHeight };
  }

  private drawRow(
    layout: RowLayout,
    columns: TableColumn[],
    widths: number[],
    style: { bold: boolean; fill?: string },
  ): void {
    const top = this.doc.y;
    if (style.fill) this.doc.rect(MARGIN.left, top, this.contentWidth, layout.height).fill(style.fill);
    this.doc
      .fillColor(COLOURS.text)
      .font(style.bold ? 'Bold' : 'Body')
      .fontSize(TEXT_SIZE);
    let x = MARGIN.left;
    layout.cells.forEach((lines, i) => {
      const inner = widths[i] - 2 * CELL_PADDING;
      lines.forEach((line, n) => {
        if (!line) return;
        const free = inner - this.doc.widthOfString(line);
        const align = columns[i].align ?? 'left';
        const offset = align === 'right' ? free : align === 'center' ? free / 2 : 0;
        this.doc.text(
          line,
          x + CELL_PADDING + Math.max(0, offset),
          top + CELL_PADDING + n * layout.lineHeight,
          {
            lineBreak: false,
          },
        );
      });
      x += widths[i];
    });
    this.doc
      .moveTo(MARGIN.left, top + layout.height)
      .lineTo(MARGIN.left + this.contentWidth, top + layout.height)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    this.doc.x = MARGIN.left;
    this.doc.y = top + layout.height;
  }

  /** Draws headers and "Page i / n" footers on every page (unless drawn as pages started), then returns the file. */
  async finish(): Promise<Buffer> {
    this.flushHeading(0);
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

  /** The text cut after its last whole word that fits `width` (current font), with « … ». */
  private fitLine(text: string, width: number): string {
    if (this.doc.widthOfString(text) <= width) return text;
    const words = text.split(' ');
    while (words.length > 1 && this.doc.widthOfString(`${words.join(' ')} …`) > width) words.pop();
    return `${words.join(' ')} …`;
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
    const generated = `Généré le ${formatDateTimeFr(this.header.generatedAt)}`;
    this.doc.font('Body').fontSize(8.5).fillColor(COLOURS.muted);
    const generatedWidth = this.doc.widthOfString(generated);
    this.doc.text(generated, MARGIN.left + textWidth - generatedWidth, 32, { lineBreak: false });
    this.doc.font('Bold');
    this.doc.text(
      this.fitLine(this.header.organisationName, textWidth - generatedWidth - 12),
      MARGIN.left,
      32,
      {
        lineBreak: false,
      },
    );
    this.doc
      .moveTo(MARGIN.left, 48)
      .lineTo(width - MARGIN.right, 48)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    const footerY = height - 40;
    const pageText = `Page ${pageNumber} / ${pageCount}`;
    this.doc.font('Body');
    const pageWidth = this.doc.widthOfString(pageText);
    this.doc.text(this.fitLine(this.header.title, textWidth - pageWidth - 12), MARGIN.left, footerY, {
      lineBreak: false,
    });
    this.doc.text(pageText, MARGIN.left + textWidth - pageWidth, footerY, { lineBreak: false });
    this.doc.page.margins = margins;
    state._font = saved.font;
    state._fontSize = saved.size;
    this.doc.fillColor(saved.fill?.[0] ?? COLOURS.text);
    this.doc.x = saved.x;
    this.doc.y = saved.y;
  }
}

/** The first `lines` lines of every cell of a row, and the rest (a row continued on the next page). */
function splitRow(layout: RowLayout, lines: number): [RowLayout, RowLayout] {
  const make = (cells: string[][]): RowLayout => ({
    cells,
    lineHeight: layout.lineHeight,
    height: Math.max(1, ...cells.map((c) => c.length)) * layout.lineHeight + 2 * CELL_PADDING,
  });
  return [make(layout.cells.map((c) => c.slice(0, lines))), make(layout.cells.map((c) => c.slice(lines)))];
}

function cellText(cell: Cell): string {
  if (cell === null || cell === undefined || cell === '') return '—';
  return String(cell);
}
