/** The French text of `key` in a table of French labels; a missing one is a defect of the reference data. */
export function frenchOf(table: Record<string, string>, key: string | number, what: string): string {
  const text = table[String(key)];
  if (!text || !text.trim()) throw new Error(`Reference data: no French title for ${what} "${key}"`);
  return text;
}
