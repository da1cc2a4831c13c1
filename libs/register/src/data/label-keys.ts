/**
 * Reading French labels as keys. A field that takes a key of a closed list (legal basis, final fate, WP248
 * criterion…) or a key or free text (data subjects, data categories) accepts the key itself or its French
 * label, written with any case, accents, apostrophe or spacing: « Enfants », « élèves », « DONNEES DE SANTE ».
 * The API and the spreadsheet import read them alike (the DTO transforms do it).
 */

/** The text folded for comparison: no accents, lower case, one kind of apostrophe, single spaces. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .replace(/[’‘`´]/g, "'")
    .replace(/[\u00a0\u202f\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** A list's keys with every name a value may be written under (the key, its label, other names). */
export type KeyNames = Record<string, readonly string[]>;

/** Names from one or more `key → label` tables, plus optional `key → other names`. */
export function namesOf(
  labels: readonly Record<string, string>[],
  aliases: Record<string, readonly string[]> = {},
): Map<string, string> {
  const names = new Map<string, string>();
  const put = (name: string, key: string) => {
    const folded = foldText(name);
    if (folded && !names.has(folded)) names.set(folded, key);
  };
  for (const table of labels) for (const key of Object.keys(table)) put(key, key);
  for (const table of labels) for (const [key, label] of Object.entries(table)) put(label, key);
  for (const [key, others] of Object.entries(aliases)) for (const other of others) put(other, key);
  return names;
}

/** The key a value names, or the value itself (trimmed) when it names none: free text or an unknown key. */
export function readKey(value: string, names: Map<string, string>): string {
  return names.get(foldText(value)) ?? value.trim();
}

/** A class-transformer function reading a string (or each string of an array) as a key. */
export function keyReader(names: Map<string, string>) {
  const read = (item: unknown) => (typeof item === 'string' ? readKey(item, names) : item);
  return ({ value }: { value: unknown }): unknown => (Array.isArray(value) ? value.map(read) : read(value));
}
