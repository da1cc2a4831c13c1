import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches, ValidateIf, ValidationOptions } from 'class-validator';
import { parisCalendarDay } from '../dates/french-working-days';

/**
 * The one validation module of the DTOs: how text is trimmed, what optional and nullable mean, the null-on-PATCH
 * rule and the calendar dates of Paris. Every DTO takes these from `@vigie/core` rather than declaring its own.
 *
 * The null-on-PATCH rule: in an update, an absent field is left alone; `null` clears a field that may be empty
 * ({@link OptionalNullable}) and is refused for a field that may not ({@link OptionalNotNull}).
 */

/** Trims a string field before validation (use with `@Transform(trim)` or {@link Trim}). */
export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Trims each string of an array field before validation. */
export const trimAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim() : item)) : value;

/** The field's text, trimmed before validation. */
export function Trim(): PropertyDecorator {
  return Transform(trim);
}

/** Optional in a PATCH, but not nullable: absent leaves the field alone, null is refused. */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Optional and nullable: absent leaves the field alone, null clears it, any other value is validated. */
export function OptionalNullable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== null && value !== undefined);
}

/** Required but nullable: null is accepted (an empty value), anything else is validated. */
export function Nullable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== null);
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

/** The operator's time zone: due dates, validity and review dates are calendar dates in Paris. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

/**
 * A moment's calendar date in Paris (`YYYY-MM-DD`), today's by default (with `todayInParis` and
 * `parisCalendarDay` of the French calendar, the one "today in Paris" of the code).
 */
export function parisDay(moment: Date = new Date()): string {
  return parisCalendarDay(moment);
}
