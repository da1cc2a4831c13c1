import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
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

/** The one validation pipe of the application: unknown fields are refused, values transformed to their types. */
export function createValidationPipe(): ValidationPipe {
  memoizeValidationMetadata();
  return new ValidationPipe({
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
