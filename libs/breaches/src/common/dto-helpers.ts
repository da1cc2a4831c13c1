import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches, ValidateIf, ValidationOptions } from 'class-validator';

/** Trims a string field before validation. */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

/** Optional in a PATCH, but not nullable: absent leaves the field alone, null is refused. */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/**
 * An instant with its offset (`2026-03-28T10:00:00+01:00` or `…Z`): a local time without offset would be
 * ambiguous around the daylight-saving changes, so it is refused.
 */
export function IsInstant(options: ValidationOptions = {}): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }, options),
    Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: ({ property }) =>
        `${property} doit être une date et heure avec son décalage horaire (par exemple 2026-03-28T10:00:00+01:00 ou …Z)`,
      ...options,
    }),
  );
}

/** An ISO string (already validated) as a Date; undefined and null pass through. */
export function toDate(value: string | null | undefined): Date | null | undefined {
  return value === undefined || value === null ? value : new Date(value);
}

export { Transform };
