import { ValidationError, ValidationPipe } from '@nestjs/common';
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

/** The one validation pipe of the application: unknown fields are refused, values transformed to their types. */
export function createValidationPipe(): ValidationPipe {
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
