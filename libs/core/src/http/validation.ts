import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { MetadataStorage as TransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { FieldError, ValidationException } from '../errors/domain.exception';
import { frenchConstraintMessage } from '../errors/french-messages';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: frenchConstraintMessage(field, constraint, message),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Turns class-validator errors into one 400 problem listing every invalid field, in French. */
export function toValidationException(errors: ValidationError[]): ValidationException {
  const fieldErrors = flatten(errors);
  const summary = fieldErrors
    .slice(0, 3)
    .map((e) => e.message)
    .join(' ; ');
  return new ValidationException(summary || 'Requête invalide', fieldErrors);
}

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
const MEMOIZED = Symbol('vigie.memoizedValidationMetadata');

/**
 * class-validator looks a class's rules up at every validation by scanning every decorated class of the
 * application (`instanceof` against each, for inherited rules): with all the DTOs of Vigie, a few percent of a
 * simple read. The answer only changes when a rule is declared, so it is kept per class and options until
 * then (any declaration clears it). The rules applied are the same.
 */
export function memoizeValidationMetadata(storage: MetadataStorage = getMetadataStorage()): void {
  const patched = storage as MetadataStorage & { [MEMOIZED]?: true };
  if (patched[MEMOIZED]) return;
  patched[MEMOIZED] = true;
  let memo = new WeakMap<object, Map<string, ReturnType<MetadataStorage['getTargetValidationMetadatas']>>>();
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const declare = storage.addValidationMetadata.bind(storage);
  storage.addValidationMetadata = (metadata) => {
    memo = new WeakMap();
    declare(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${typeof schema === 'string' ? schema : ''}|${always}|${strictGroups}|${(groups ?? []).join('\u0001')}`;
    let byOptions = memo.get(target);
    if (!byOptions) memo.set(target, (byOptions = new Map()));
    let found = byOptions.get(key);
    if (!found) byOptions.set(key, (found = lookUp(target, schema, always, strictGroups, groups)));
    return found;
  };
}

/**
 * The rules of class-validator whose answer depends on the value alone (no clock, no database, no other
 * field): a query class ruled by these only answers an empty query the same way for the same defaults.
 */
const VALUE_ONLY_RULES = new Set([
  'isOptional',
  'isDefined',
  'isIn',
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isEnum',
  'isUUID',
  'min',
  'max',
  'minLength',
  'maxLength',
  'matches',
  'isNotEmpty',
]);

type QueryClass = new () => object;

// class-transformer's own registry of decorated properties (not re-exported by its index).
/* eslint-disable @typescript-eslint/no-require-imports */
const transformerMetadata = (
  require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerMetadataStorage }
).defaultMetadataStorage;
/* eslint-enable @typescript-eslint/no-require-imports */

/** The own values of a fresh instance (its defaults) as one string, or undefined if one is not a primitive. */
function defaultsSignature(instance: object): string | undefined {
  const values = Object.entries(instance);
  for (const [, value] of values) if (value !== null && typeof value === 'object') return undefined;
  for (const [, value] of values)
    if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  return JSON.stringify(values.map(([key, value]) => [key, value === undefined ? '\u0000undefined' : value]));
}

/**
 * The validation pipe with one shortcut: a query string with no parameter at all (`GET /organisations`, the
 * most frequent request of a list) on a query class ruled by {@link VALUE_ONLY_RULES} only. Its outcome is
 * then a fresh instance of the class holding its defaults (class-transformer has no parameter to convert, and
 * no exposed property),
 * checked against rules that depend on those values alone: once that check has passed for given defaults,
 * the same fresh instance is answered without running it again. Anything else (a parameter sent, a failed
 * check, a default that is not a primitive value, another rule) goes through the whole pipe, every time.
 */
export class VigieValidationPipe extends ValidationPipe {
  private readonly passedEmptyQueries = new WeakMap<object, string>();
  private readonly valueOnlyClasses = new WeakMap<object, boolean>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype as QueryClass | undefined;
    if (metadata.type !== 'query' || !metatype || !isEmptyObject(value) || !this.isValueOnly(metatype))
      return super.transform(value, metadata);
    const fresh = new metatype();
    const signature = defaultsSignature(fresh);
    if (signature !== undefined && this.passedEmptyQueries.get(metatype) === signature) return fresh;
    const result = await super.transform(value, metadata);
    if (signature !== undefined && result instanceof metatype && defaultsSignature(result) === signature)
      this.passedEmptyQueries.set(metatype, signature);
    return result;
  }

  private isValueOnly(metatype: QueryClass): boolean {
    let known = this.valueOnlyClasses.get(metatype);
    if (known === undefined) {
      const rules = getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false);
      // An exposed property would be converted even when the query does not name it.
      known =
        transformerMetadata.getExposedMetadatas(metatype).length === 0 &&
        rules.every((rule) => rule.name !== undefined && VALUE_ONLY_RULES.has(rule.name));
      this.valueOnlyClasses.set(metatype, known);
    }
    return known;
  }
}

function isEmptyObject(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const key in value) if (Object.prototype.hasOwnProperty.call(value, key)) return false;
  return Object.getOwnPropertySymbols(value).length === 0;
}

/** The one validation pipe of the application: unknown fields are refused, values transformed to their types. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new VigieValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: toValidationException,
  });
}

/**
 * 400 when a partial update sends `null` for a field that cannot be empty. `@IsOptional()` (and the
 * `PartialType` of a create DTO) lets `null` through like `undefined`; for a PATCH, `null` would then erase a
 * required value instead of leaving it alone. `nullable` lists the fields where `null` means "remove".
 */
export function assertNoNulls(dto: object, nullable: readonly string[] = []): void {
  const errors = Object.entries(dto)
    .filter(([field, value]) => value === null && !nullable.includes(field))
    .map(([field]) => ({
      field,
      message: `${field} ne peut pas valoir null ; omettez-le pour garder sa valeur`,
    }));
  if (errors.length > 0) throw new ValidationException(errors.map((e) => e.message).join(' ; '), errors);
}
