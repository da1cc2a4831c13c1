import { FieldError, ValidationException } from '../errors/domain.exception';

/** Deepest nesting of objects and arrays a request may carry; the richest DTO (a register entry) needs 4. */
export const MAX_INPUT_DEPTH = 32;

// A high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored (PostgreSQL text and jsonb refuse both), or undefined when it can. */
export function unstorableStringReason(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contient un caractère nul (U+0000), refusé';
  if (LONE_SURROGATE.test(value))
    return 'contient un caractère Unicode invalide (demi-paire de substitution)';
  return undefined;
}

/**
 * The first problem of a parsed request part (JSON body or query string): a string PostgreSQL would refuse,
 * in a value or a key, or nesting deeper than {@link MAX_INPUT_DEPTH}. Walks iteratively, so that a hostile
 * depth cannot exhaust the stack.
 */
export function findHostileInput(root: unknown, rootField: string): FieldError | undefined {
  const stack: { value: unknown; field: string; depth: number }[] = [
    { value: root, field: rootField, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, field, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableStringReason(value);
      if (reason) return { field, message: `Le champ ${field} ${reason}` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      return {
        field,
        message: `Le champ ${field} est imbriqué trop profondément (${MAX_INPUT_DEPTH} niveaux au plus)`,
      };
    }
    for (const [key, child] of Object.entries(value)) {
      const childField = Array.isArray(value) ? `${field}[${key}]` : field ? `${field}.${key}` : key;
      const keyReason = unstorableStringReason(key);
      if (keyReason) return { field: childField, message: `Le nom de champ ${childField} ${keyReason}` };
      stack.push({ value: child, field: childField, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * Express middleware placed after the body parsers: a 400 naming the field, before any DTO transformation or
 * SQL, for input that would otherwise fail deep inside (a 500 at the database or a stack overflow).
 */
export function hostileInputMiddleware(
  request: { body?: unknown; query?: unknown },
  _response: unknown,
  next: (error?: unknown) => void,
): void {
  const problem =
    findHostileInput(request.query, '') ??
    (typeof request.body === 'object' && !Buffer.isBuffer(request.body)
      ? findHostileInput(request.body, '')
      : undefined);
  if (!problem) return next();
  next(new ValidationException(problem.message, [{ ...problem, field: problem.field || 'corps' }]));
}
