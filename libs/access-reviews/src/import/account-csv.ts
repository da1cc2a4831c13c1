import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { PayloadTooLargeException, ValidationException } from '@vigie/core';

/** Most accounts one import may hold (lines after the header). */
export const MAX_ACCOUNT_LINES = 50_000;

/** The columns of the CSV, in the order of API.md; matched case-insensitively, in any order. */
export const ACCOUNT_COLUMNS = [
  'username',
  'displayName',
  'email',
  'role',
  'lastLogin',
  'reviewerEmail',
] as const;
type Column = (typeof ACCOUNT_COLUMNS)[number];

/** A valid account line. */
export interface AccountLine {
  line: number;
  username: string;
  displayName: string | null;
  email: string | null;
  role: string | null;
  lastLogin: Date | null;
  reviewerEmail: string | null;
}

/** A line refused, with why (1 = the header). */
export interface RejectedLine {
  line: number;
  reason: string;
}

export type ParsedLine = { ok: true; account: AccountLine } | { ok: false; rejected: RejectedLine };

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LIMITS: Record<Column, number> = {
  username: 200,
  displayName: 200,
  email: 254,
  role: 200,
  lastLogin: 40,
  reviewerEmail: 254,
};

function fileError(message: string, line = 1): ValidationException {
  return new ValidationException(message, [{ field: 'file', message, line }]);
}

/**
 * The body as text: bytes counted against `limitBytes` (413 beyond), decoded as UTF-8 with a fatal decoder (a
 * Windows-1252 export is refused with a clear message rather than imported with broken accents), BOM removed.
 */
async function* utf8Text(
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  limitBytes: number,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let bytes = 0;
  try {
    for await (const chunk of body) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > limitBytes) {
        throw new PayloadTooLargeException(
          `Le fichier CSV dépasse la taille maximale admise (${limitBytes} octets, VIGIE_UPLOAD_LIMIT_BYTES)`,
        );
      }
      const text = decoder.decode(buffer, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw fileError(
        'Le fichier n’est pas un texte UTF-8 : exportez-le au format « CSV UTF-8 » (avec ou sans BOM)',
      );
    }
    throw error;
  }
}

/** Reads up to the end of the header line; answers the text read so far (header included). */
async function readHeader(chunks: AsyncIterator<string>): Promise<{ head: string; done: boolean }> {
  let head = '';
  for (;;) {
    if (/[\r\n]/.test(head)) return { head, done: false };
    const next = await chunks.next();
    if (next.done) return { head, done: true };
    head += next.value;
    if (head.length > 10_000 && !/[\r\n]/.test(head)) throw fileError('La ligne d’en-tête est trop longue');
  }
}

/** `;` when the header line uses semicolons (spreadsheets exported in French), else `,`. */
export function detectDelimiter(headerLine: string): ',' | ';' {
  return headerLine.includes(';') ? ';' : ',';
}

function headerColumns(fields: string[]): Column[] {
  const byName = new Map(ACCOUNT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = fields.map((f) => byName.get(f.trim().toLowerCase()));
  const unknown = fields.filter((_, i) => columns[i] === undefined).map((f) => `"${f.trim()}"`);
  const missing = ACCOUNT_COLUMNS.filter((c) => !columns.includes(c));
  const repeated = ACCOUNT_COLUMNS.filter((c) => columns.filter((x) => x === c).length > 1);
  const problems = [
    ...(missing.length ? [`colonne(s) absente(s) : ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`colonne(s) inconnue(s) : ${unknown.join(', ')}`] : []),
    ...(repeated.length ? [`colonne(s) répétée(s) : ${repeated.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw fileError(
      `En-tête non conforme (colonnes attendues : ${ACCOUNT_COLUMNS.join(',')}) : ${problems.join(' ; ')}`,
    );
  }
  return columns as Column[];
}

function validDate(y: number, m: number, d: number, h = 0, min = 0, s = 0): boolean {
  if (m < 1 || m > 12 || d < 1 || h > 23 || min > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * A last sign-in date: `YYYY-MM-DD`, ISO 8601 date and time (`2026-01-31T08:15[:30][.000][Z|+01:00]`, a space
 * instead of `T` accepted) or the French `DD/MM/YYYY [HH:MM[:SS]]`. Without a zone, UTC. Empty: never. Undefined
 * for anything else.
 */
export function parseLastLogin(text: string): Date | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  let match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(
      value,
    );
  if (match) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone] = match;
    if (!validDate(+y, +mo, +d, +h, +mi, +s)) return undefined;
    const iso = `${y}-${mo}-${d}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}${fraction}`;
    const offset =
      !zone || zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
    const date = new Date(`${iso}${offset}`);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  match = /^(\d{2})\/(\d{2})\/(\d{4})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value);
  if (match) {
    const [, d, mo, y, h = '0', mi = '0', s = '0'] = match;
    if (!validDate(+y, +mo, +d, +h, +mi, +s)) return undefined;
    return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  }
  return undefined;
}

/** Checks one record against the columns; `now` bounds the last sign-in (a date in the future is refused). */
export function checkAccountLine(line: number, record: string[], columns: Column[], now: Date): ParsedLine {
  const reject = (reason: string): ParsedLine => ({ ok: false, rejected: { line, reason } });
  if (record.length !== columns.length) {
    return reject(`${columns.length} champs attendus, ${record.length} trouvés`);
  }
  const value = {} as Record<Column, string>;
  columns.forEach((column, i) => (value[column] = record[i].trim()));
  for (const column of ACCOUNT_COLUMNS) {
    if (value[column].length > LIMITS[column]) {
      return reject(`${column} dépasse ${LIMITS[column]} caractères`);
    }
  }
  if (value.username === '') return reject('username est vide');
  if (/[\u0000-\u001f\u007f]/.test(value.username))
    return reject('username contient des caractères de contrôle');
  if (value.email !== '' && !EMAIL.test(value.email))
    return reject(`email « ${value.email} » n’est pas une adresse électronique`);
  if (value.reviewerEmail !== '' && !EMAIL.test(value.reviewerEmail)) {
    return reject(`reviewerEmail « ${value.reviewerEmail} » n’est pas une adresse électronique`);
  }
  const lastLogin = parseLastLogin(value.lastLogin);
  if (lastLogin === undefined) {
    return reject(
      `lastLogin « ${value.lastLogin} » n’est pas une date (AAAA-MM-JJ, AAAA-MM-JJTHH:MM[:SS][Z|±HH:MM] ou JJ/MM/AAAA [HH:MM])`,
    );
  }
  if (lastLogin && lastLogin.getTime() > now.getTime() + 86_400_000) {
    return reject(`lastLogin « ${value.lastLogin} » est dans le futur`);
  }
  return {
    ok: true,
    account: {
      line,
      username: value.username,
      displayName: value.displayName || null,
      email: value.email ? value.email.toLowerCase() : null,
      role: value.role || null,
      lastLogin,
      reviewerEmail: value.reviewerEmail ? value.reviewerEmail.toLowerCase() : null,
    },
  };
}

/**
 * Streams an account list: UTF-8 with or without BOM, `,` or `;` (from the header line), quoted fields (with
 * `""`, separators and line breaks inside), CRLF or LF. Yields each data line checked on its own, keeping only
 * the current record in memory. A file that cannot be read as a whole (not UTF-8, bad header, unclosed quote,
 * over the size or line limit) throws a 400 / 413 domain error naming the line.
 */
export async function* readAccountCsv(
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  options: { limitBytes: number; now?: Date; maxLines?: number },
): AsyncGenerator<ParsedLine> {
  const now = options.now ?? new Date();
  const maxLines = options.maxLines ?? MAX_ACCOUNT_LINES;
  const chunks = utf8Text(body, options.limitBytes)[Symbol.asyncIterator]();
  const { head, done } = await readHeader(chunks);
  const text = head.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw fileError('Le fichier est vide : une ligne d’en-tête est attendue');
  const delimiter = detectDelimiter(text.split(/\r?\n|\r/, 1)[0]);
  async function* all(): AsyncGenerator<string> {
    yield text;
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const source = Readable.from(all(), { objectMode: false });
  const parser = parse({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // A quote inside an unquoted field (`O"Neil`) is kept as a character, as spreadsheets read it.
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    // A field longer than this is not an account: stops a missing closing quote from swallowing the file.
    max_record_size: 64 * 1024,
  });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let columns: Column[] | undefined;
  let previousEnd = 0;
  let previousEmpty = 0;
  let count = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number; empty_lines: number };
    }>) {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      if (!columns) {
        columns = headerColumns(record);
        continue;
      }
      count += 1;
      if (count > maxLines) {
        throw new PayloadTooLargeException(`Le fichier contient plus de ${maxLines} comptes (ligne ${line})`);
      }
      yield checkAccountLine(line, record, columns, now);
    }
  } catch (error) {
    if (error instanceof CsvError) {
      const at = (error as { lines?: number }).lines ?? previousEnd + 1;
      throw fileError(
        `Le fichier n’est pas un CSV lisible à la ligne ${at} (${(error as Error).message.split(':')[0]})`,
        at,
      );
    }
    throw error;
  } finally {
    source.destroy();
  }
  if (!columns) throw fileError('Le fichier est vide : une ligne d’en-tête est attendue');
}
