import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { fromBuffer } from 'file-type';
import { assertZipWithinLimits, UnsupportedMediaTypeException, ValidationException } from '@vigie/core';

/**
 * Reading an imported register file, run in a worker thread (see `WorkerPool`): this module imports only
 * what reading needs, and answers plain data (the header and the non-empty rows, cells as written).
 */
export interface TableInput {
  bytes: Uint8Array;
  /** Most data rows (non-empty lines after the header): reading stops at the next one. */
  maxRows: number;
  /** Most bytes an XLSX may declare once inflated: refused before anything is inflated. */
  maxInflatedBytes: number;
}

export interface Table {
  header: string[];
  rows: string[][];
}

const CHUNK = 64 * 1024;

function tooManyRows(maxRows: number): ValidationException {
  return ValidationException.field('file', `au plus ${maxRows} lignes par import`);
}

function isBlank(row: string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** The header and rows of the first sheet of an XLSX file, or of a CSV file (";" or "," separated). */
export async function readRegisterTable(input: TableInput): Promise<Table> {
  const buffer = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const type = await fromBuffer(buffer);
  if (type?.ext === 'xlsx') return readXlsx(buffer, input);
  if (type)
    throw new UnsupportedMediaTypeException(`Un fichier CSV ou XLSX est attendu, pas un fichier ${type.ext}`);
  return readCsv(buffer, input.maxRows);
}

/** The text of `buffer` in pieces (UTF-8), refusing a NUL byte: a binary file, not a CSV. */
function* textChunks(buffer: Buffer): Generator<string> {
  const decoder = new StringDecoder('utf8');
  for (let at = 0; at < buffer.length; at += CHUNK) {
    const piece = buffer.subarray(at, at + CHUNK);
    if (piece.includes(0)) throw new UnsupportedMediaTypeException('Un fichier CSV ou XLSX est attendu');
    yield decoder.write(piece);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Parses the CSV as it streams and stops at the first data row past `maxRows`: a file of a million short
 * lines costs the first `maxRows` of them, not the whole file.
 */
async function readCsv(buffer: Buffer, maxRows: number): Promise<Table> {
  const firstLine = buffer
    .subarray(0, Math.min(buffer.length, CHUNK))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/, 1)[0];
  const delimiter = firstLine.split(';').length >= firstLine.split(',').length ? ';' : ',';
  const source = Readable.from(textChunks(buffer));
  const parser = parse({ bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let header: string[] | undefined;
  const rows: string[][] = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record;
        continue;
      }
      if (isBlank(record)) continue;
      if (rows.length >= maxRows) throw tooManyRows(maxRows);
      rows.push(record);
    }
  } catch (error) {
    if (error instanceof ValidationException || error instanceof UnsupportedMediaTypeException) throw error;
    throw ValidationException.field(
      'file',
      `le fichier CSV est illisible (${(error as Error).message.split('\n')[0]})`,
    );
  } finally {
    source.destroy();
    parser.destroy();
  }
  return { header: header ?? [], rows };
}

async function readXlsx(buffer: Buffer, input: TableInput): Promise<Table> {
  assertZipWithinLimits(buffer, { maxInflatedBytes: input.maxInflatedBytes });
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw ValidationException.field('file', 'le fichier XLSX est illisible');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const text = (value: ExcelJS.CellValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'object') {
      if ('richText' in value) return value.richText.map((part) => part.text).join('');
      if ('text' in value) return String(value.text);
      if ('result' in value) return String(value.result ?? '');
    }
    return String(value);
  };
  let header: string[] | undefined;
  const rows: string[][] = [];
  let tooMany = false;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (tooMany) return;
    const values: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i += 1) values.push(text(row.getCell(i).value));
    if (!header) header = values;
    else if (!isBlank(values)) {
      if (rows.length >= input.maxRows) tooMany = true;
      else rows.push(values);
    }
  });
  if (tooMany) throw tooManyRows(input.maxRows);
  return { header: header ?? [], rows };
}
