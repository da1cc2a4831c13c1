/** Whether two field values differ (dates by instant, arrays and objects by content). */
export function differs(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    const left = a ? new Date(a as Date).getTime() : null;
    const right = b ? new Date(b as Date).getTime() : null;
    return left !== right;
  }
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) !== JSON.stringify(b);
  return a !== b;
}

/** The keys of `patch` (defined ones) whose value differs from `current`. */
export function changedKeys<T extends object>(current: T, patch: Partial<T>): (keyof T)[] {
  return (Object.keys(patch) as (keyof T)[]).filter(
    (key) => patch[key] !== undefined && differs(current[key], patch[key]),
  );
}
