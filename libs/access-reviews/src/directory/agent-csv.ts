import { parse } from 'csv-parse/sync';
import { FieldError, PayloadTooLargeException, ValidationException } from '@vigie/core';
import { AGENT_STATUSES, AgentStatus } from './agent.entity';

/** Most agents one directory may hold (lines after the header). */
export const MAX_AGENTS = 20_000;

/** The columns of the CSV; matched case-insensitively, in any order. */
export const AGENT_COLUMNS = ['email', 'displayName', 'status'] as const;
type Column = (typeof AGENT_COLUMNS)[number];

/** A valid line of the directory. */
export interface AgentLine {
  line: number;
  email: string;
  displayName: string | null;
  status: AgentStatus;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const LIMITS: Record<Column, number> = { email: 254, displayName: 200, status: 20 };

/** The status keys, and the French words a human-resources export may hold instead. */
const STATUS_WORDS: Record<string, AgentStatus> = {
  active: 'active',
  actif: 'active',
  left: 'left',
  parti: 'left',
  partie: 'left',
  sorti: 'left',
  sortie: 'left',
  suspended: 'suspended',
  suspendu: 'suspended',
  suspendue: 'suspended',
};

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
}

/** The status of a directory line: a key (`active`, `left`, `suspended`) or its French word (« actif »…). */
export function parseAgentStatus(text: string): AgentStatus | undefined {
  const word = normalise(text).replace(/\(e\)$/, '');
  return Object.hasOwn(STATUS_WORDS, word) ? STATUS_WORDS[word] : undefined;
}

function fileError(message: string, line = 1): ValidationException {
  return new ValidationException(message, [{ field: 'file', message, line }]);
}

/** The body as UTF-8 text, BOM removed; 400 in French when it is not UTF-8. */
export function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw fileError('Le fichier n’est pas un texte UTF-8 : enregistrez-le au format « CSV UTF-8 »');
  }
}

function headerColumns(fields: string[]): Column[] {
  const byName = new Map(AGENT_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = fields.map((f) => byName.get(f.trim().toLowerCase()));
  const unknown = fields.filter((_, i) => columns[i] === undefined).map((f) => `« ${f.trim()} »`);
  const missing = AGENT_COLUMNS.filter((c) => !columns.includes(c));
  const repeated = AGENT_COLUMNS.filter((c) => columns.filter((x) => x === c).length > 1);
  const problems = [
    ...(missing.length ? [`colonne(s) manquante(s) : ${missing.join(', ')}`] : []),
    ...(unknown.length ? [`colonne(s) inconnue(s) : ${unknown.join(', ')}`] : []),
    ...(repeated.length ? [`colonne(s) répétée(s) : ${repeated.join(', ')}`] : []),
  ];
  if (problems.length > 0) {
    throw fileError(`En-tête invalide (attendu : ${AGENT_COLUMNS.join(',')}) : ${problems.join(' ; ')}`);
  }
  return columns as Column[];
}

/** Checks one line of the directory: the problem in French, or the agent. */
export function checkAgentLine(
  line: number,
  record: string[],
  columns: Column[],
): { agent: AgentLine } | { error: string } {
  if (record.length !== columns.length) {
    return { error: `${columns.length} champs attendus, ${record.length} trouvés` };
  }
  const value = {} as Record<Column, string>;
  columns.forEach((column, i) => (value[column] = record[i].trim()));
  for (const column of AGENT_COLUMNS) {
    if (value[column].length > LIMITS[column]) {
      return { error: `${column} dépasse ${LIMITS[column]} caractères` };
    }
  }
  if (value.email === '') return { error: 'email manquant : chaque agent est identifié par son courriel' };
  if (!EMAIL.test(value.email)) return { error: `« ${value.email} » n’est pas une adresse électronique` };
  const status = parseAgentStatus(value.status);
  if (!status) {
    return {
      error: `statut « ${value.status} » inconnu (attendu : ${AGENT_STATUSES.join(', ')} ou actif, parti, suspendu)`,
    };
  }
  return {
    agent: {
      line,
      email: value.email.toLowerCase(),
      displayName: value.displayName || null,
      status,
    },
  };
}

/**
 * Reads a whole directory, all or nothing: UTF-8 (BOM allowed), `,` or `;` (from the header line), quoted
 * fields, CRLF or LF. Any bad line, a duplicate email, an empty file or one with more than `maxAgents` agents
 * refuses the whole file (400, or 413 beyond the limit), every bad line listed with its number in `errors`.
 */
export function readAgentDirectory(bytes: Buffer, maxAgents = MAX_AGENTS): AgentLine[] {
  const text = decodeUtf8(bytes);
  if (text.trim() === '') throw fileError('Le fichier est vide : une ligne d’en-tête est attendue');
  const delimiter = text.split(/\r?\n|\r/, 1)[0].includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      max_record_size: 64 * 1024,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const at = (error as { lines?: number }).lines ?? 1;
    throw fileError(`Le fichier n’est pas un CSV valide à la ligne ${at}`, at);
  }
  const [header, ...rows] = records;
  const columns = headerColumns(header.record);
  if (rows.length === 0) throw fileError('L’annuaire ne contient aucun agent');
  if (rows.length > maxAgents) {
    throw new PayloadTooLargeException(`L’annuaire contient plus de ${maxAgents} agents`);
  }
  const errors: FieldError[] = [];
  const agents: AgentLine[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of rows) {
    // `info.lines` is the line where the record ends: a quoted line break makes a record span several.
    const line = info.lines - (record.join(delimiter).match(/\r\n|\n|\r/g)?.length ?? 0);
    const checked = checkAgentLine(line, record, columns);
    if ('error' in checked) {
      errors.push({ field: 'file', line, message: `ligne ${line} : ${checked.error}` });
      continue;
    }
    const first = seen.get(checked.agent.email);
    if (first !== undefined) {
      errors.push({
        field: 'file',
        line,
        message: `ligne ${line} : le courriel ${checked.agent.email} figure déjà à la ligne ${first}`,
      });
      continue;
    }
    seen.set(checked.agent.email, line);
    agents.push(checked.agent);
  }
  if (errors.length) {
    throw new ValidationException(
      `L’annuaire n’a pas été importé : ${errors.length} ligne${errors.length > 1 ? 's' : ''} en erreur`,
      errors,
    );
  }
  return agents;
}
