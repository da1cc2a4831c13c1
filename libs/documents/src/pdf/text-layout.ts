/**
 * Line breaking and column sizing for Vigie's PDFs, independent of pdfkit (it only needs a function that
 * measures a string): text wraps at spaces; a word longer than its column can ever hold is hyphenated at a
 * French syllable boundary (with a hyphen), and a word is never cut elsewhere unless it has no syllable at
 * all (a code, an address).
 */

/** Width of a string in points, in the font it will be drawn with. */
export type Measure = (text: string) => number;

const VOWELS = new Set('aeiouyàâäéèêëîïôöùûüÿœæ');
const LETTER = /\p{L}/u;
/** Consonant pairs that start a syllable together and are never split (« ta-ble », « ca-che », « si-gner »). */
const INSEPARABLE = new Set([
  'bl',
  'cl',
  'fl',
  'gl',
  'pl',
  'br',
  'cr',
  'dr',
  'fr',
  'gr',
  'pr',
  'tr',
  'vr',
  'ch',
  'ph',
  'th',
  'gn',
  'rh',
  'kh',
  'sh',
]);
/** At least two letters stay at the end of a line and three go to the next one (French typographic usage). */
const MIN_LEFT = 2;
const MIN_RIGHT = 3;
// A final mute syllable is not sent alone to the next line (« publi-que » is avoided).
const MUTE_ENDING = /^(?:qu|gu|[^aeiouyàâäéèêëîïôöùûüÿœæ])+(?:e|es)$/;

/** Vowel (true) or consonant (false) for each letter of a lowercase run of letters. */
function vowelMap(letters: string): boolean[] {
  const map = [...letters].map((c) => VOWELS.has(c));
  for (let i = 0; i < letters.length; i += 1) {
    const c = letters[i];
    const prev = letters[i - 1];
    const next = letters[i + 1] ?? '';
    // « qu » and « gu » before e/i/y are one consonant; « y » between vowels is a consonant (« pa-yer »).
    if (c === 'u' && (prev === 'q' || (prev === 'g' && /[eiyéèêë]/.test(next)))) map[i] = false;
    if (c === 'y' && i > 0 && map[i - 1] && i + 1 < letters.length && VOWELS.has(next)) map[i] = false;
  }
  return map;
}

/** Break offsets (break before that index) inside one run of letters, by French syllabification. */
function syllableBreaks(run: string): number[] {
  const letters = run.toLowerCase();
  const vowel = vowelMap(letters);
  const breaks: number[] = [];
  let i = 0;
  // Skip leading consonants and the first vowel group.
  while (i < letters.length && !vowel[i]) i += 1;
  for (;;) {
    while (i < letters.length && vowel[i]) i += 1;
    const clusterStart = i;
    while (i < letters.length && !vowel[i]) i += 1;
    if (i >= letters.length) break; // final consonants: no syllable after them
    // A « qu » or « gu » ending the cluster counts as its last consonant (« pu-bli-ques », « lan-gue »).
    const end = /[qg]u$/.test(letters.slice(clusterStart, i)) ? i - 1 : i;
    const cluster = letters.slice(clusterStart, end);
    if (cluster.includes('x')) continue; // « exa-men », « taxi »: no break around an x
    const n = cluster.length;
    let at: number;
    if (n === 1) at = clusterStart;
    else if (n === 2) at = INSEPARABLE.has(cluster) ? clusterStart : clusterStart + 1;
    else at = INSEPARABLE.has(cluster.slice(-2)) ? end - 2 : end - 1;
    breaks.push(at);
  }
  return breaks.filter(
    (at) => at >= MIN_LEFT && letters.length - at >= MIN_RIGHT && !MUTE_ENDING.test(letters.slice(at)),
  );
}

/** Where a word may be hyphenated: offsets inside the word (break before the character at that offset). */
export function hyphenationPoints(word: string): number[] {
  const points: number[] = [];
  const runs = word.matchAll(/\p{L}+/gu);
  for (const match of runs) {
    const start = match.index ?? 0;
    for (const at of syllableBreaks(match[0])) points.push(start + at);
  }
  return points;
}

/** The word with its syllable breaks shown, for tests and debugging: « pseu-do-ny-mi-sa-tion ». */
export function hyphenate(word: string): string {
  const points = new Set(hyphenationPoints(word));
  return [...word].map((c, i) => (points.has(i) ? `-${c}` : c)).join('');
}

interface BreakPoint {
  at: number;
  hyphen: boolean;
}

/** Where a word too long for a line may be broken, best kinds first within a same length. */
function breakPoints(word: string): BreakPoint[] {
  const points: BreakPoint[] = hyphenationPoints(word).map((at) => ({ at, hyphen: true }));
  for (let i = 1; i < word.length - 1; i += 1) {
    // After the hyphen of a compound (« Villeneuve-|Saint-Georges ») or a slash, nothing is added.
    if ((word[i - 1] === '-' || word[i - 1] === '/') && LETTER.test(word[i]))
      points.push({ at: i, hyphen: false });
  }
  return points.sort((a, b) => a.at - b.at);
}

/** Cuts a word that does not fit `width` into pieces that do, hyphenated where French allows. */
export function breakWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (measure(rest) > width) {
    const candidates = breakPoints(rest).filter(
      (p) => measure(rest.slice(0, p.at) + (p.hyphen ? '-' : '')) <= width,
    );
    const best = candidates.at(-1);
    if (best) {
      pieces.push(rest.slice(0, best.at) + (best.hyphen ? '-' : ''));
      rest = rest.slice(best.at);
      continue;
    }
    // No syllable fits (a code, an identifier, a very narrow column): the longest prefix that does.
    const chars = [...rest];
    let count = 1;
    while (count < chars.length && measure(chars.slice(0, count + 1).join('')) <= width) count += 1;
    pieces.push(chars.slice(0, count).join(''));
    rest = chars.slice(count).join('');
  }
  pieces.push(rest);
  return pieces;
}

/** The words of a text (runs of characters other than breaking spaces; no-break spaces stay inside). */
export function wordsOf(text: string): string[] {
  return text.split(/[ \t\r\n]+/).filter((w) => w.length > 0);
}

/**
 * Wraps a text into lines of at most `width` points (`firstWidth` for the first line, e.g. after a label),
 * breaking at spaces; explicit line breaks are kept. A word is hyphenated only when it cannot fit a line on
 * its own.
 */
export function wrapText(text: string, width: number, measure: Measure, firstWidth = width): string[] {
  const lines: string[] = [];
  const limit = () => (lines.length === 0 ? firstWidth : width);
  const space = measure(' ');
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    // A line's width is the sum of its words and spaces: measured word by word, not line by line.
    let lineWidth = 0;
    for (const word of wordsOf(paragraph)) {
      const wordWidth = measure(word);
      if (line && lineWidth + space + wordWidth <= limit()) {
        line = `${line} ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) {
        lines.push(line);
        line = '';
      }
      if (wordWidth <= limit()) {
        line = word;
        lineWidth = wordWidth;
        continue;
      }
      const pieces = breakWord(word, width, measure);
      // The first piece may need the (narrower) first-line width.
      if (lines.length === 0 && firstWidth < width && measure(pieces[0]) > firstWidth) lines.push('');
      lines.push(...pieces.slice(0, -1));
      line = pieces.at(-1) ?? '';
      lineWidth = measure(line);
    }
    lines.push(line);
  }
  return lines;
}

/** A column's content, as {@link sizeColumns} needs it. */
export interface ColumnContent {
  header: string;
  cells: string[];
  /** Relative weight of the column when there is space to spare (default 1). */
  weight?: number;
  /** Lines are never wrapped (dates, amounts): the column is at least as wide as its longest line. */
  nowrap?: boolean;
}

/**
 * Column widths (in points, summing to `available`) from their content, the way browsers lay out tables:
 * each column gets at least its longest word (header included) and the space left is shared in proportion
 * to how much more each would need to hold its longest text on one line. When even the longest words do not
 * fit side by side, widths follow the longest words and those words are hyphenated.
 */
export function sizeColumns(
  columns: ColumnContent[],
  available: number,
  measure: { body: Measure; header: Measure },
  padding: number,
): number[] {
  const minimum: number[] = [];
  const natural: number[] = [];
  const fairShare = available / Math.max(1, columns.length);
  for (const column of columns) {
    let longestWord = 0;
    let longestLine = 0;
    const consider = (text: string, m: Measure) => {
      const space = m(' ');
      for (const line of text.split(/\r?\n/)) {
        const words = wordsOf(line);
        let lineWidth = 0;
        for (const word of words) {
          const w = m(word);
          longestWord = Math.max(longestWord, unbreakableWidth(word, w, m, fairShare));
          lineWidth += w;
        }
        longestLine = Math.max(longestLine, lineWidth + space * Math.max(0, words.length - 1));
      }
    };
    consider(column.header, measure.header);
    for (const cell of column.cells) consider(cell, measure.body);
    // A hair of slack so that a word measured at exactly the width is not broken by rounding.
    minimum.push((column.nowrap ? Math.max(longestWord, longestLine) : longestWord) + 2 * padding + 0.5);
    natural.push(Math.min(Math.max(longestLine, longestWord) + 2 * padding + 0.5, available));
  }
  const sumMin = minimum.reduce((a, b) => a + b, 0);
  const sumNatural = natural.reduce((a, b) => a + b, 0);
  if (sumMin >= available) return capped(minimum, available);
  if (sumNatural <= available) {
    const spare = available - sumNatural;
    const weights = columns.map((c, i) => (c.weight ?? 1) * natural[i]);
    const total = weights.reduce((a, b) => a + b, 0);
    return natural.map((n, i) => n + (spare * weights[i]) / total);
  }
  const share = (available - sumMin) / (sumNatural - sumMin);
  return minimum.map((m, i) => m + (natural[i] - m) * share);
}

/**
 * How wide a word needs its column: its whole width, except a hyphenated word wider than a fair share of the
 * table (a file name such as `certificat-revue-acces-…-2026-12-01.pdf`), which breaks at its own hyphens and
 * needs only its longest part. Otherwise one such word would squeeze every other column.
 */
function unbreakableWidth(word: string, width: number, measure: Measure, fairShare: number): number {
  if (width <= fairShare || !word.includes('-')) return width;
  const parts = word.split(/(?<=-)/);
  return Math.max(...parts.map((part) => measure(part)));
}

/**
 * Widths `min(w, cap)` summing to `available`: narrow columns keep their width, only the widest ones shrink
 * (their longest words are then hyphenated).
 */
function capped(widths: number[], available: number): number[] {
  const sorted = [...widths].sort((a, b) => a - b);
  let used = 0;
  let cap = available / widths.length;
  for (let i = 0; i < sorted.length; i += 1) {
    const candidate = (available - used) / (sorted.length - i);
    if (sorted[i] > candidate) {
      cap = candidate;
      break;
    }
    used += sorted[i];
  }
  return widths.map((w) => Math.min(w, cap));
}
