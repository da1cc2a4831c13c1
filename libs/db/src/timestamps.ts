import { types } from 'pg';

/** PostgreSQL's type id of `timestamp with time zone`. */
export const TIMESTAMPTZ_OID = 1184;

// The text PostgreSQL sends for a timestamptz in a session whose time zone is UTC, years 1000–9999.
const UTC_TIMESTAMP = /^([1-9]\d{3})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?\+00$/;

/**
 * The `Date` of a timestamptz as PostgreSQL writes it: the same value as pg's own parser (postgres-date), which
 * it calls for anything but the usual form of a UTC session (`2026-12-01 19:02:01.657123+00`). That form is
 * read with one anchored pattern instead of postgres-date's several; the milliseconds are computed by the very
 * same expression (`1000 * parseFloat(fraction)`, truncated by `Date.UTC`), so both agree to the millisecond.
 */
export function parseTimestamptz(text: string): Date {
  const match = UTC_TIMESTAMP.exec(text);
  if (!match) return fallbackTimestamptz(text);
  const [, year, month, day, hour, minute, second, fraction] = match;
  return new Date(
    Date.UTC(
      Number(year),
      Number(month) - 1,
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      fraction ? 1000 * parseFloat(fraction) : 0,
    ),
  );
}

function fallbackTimestamptz(text: string): Date {
  return (types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (value: string) => Date)(text);
}

/**
 * The type parsers of the plain queries (`plain-rows.ts`): pg's own, except {@link parseTimestamptz} for
 * timestamptz while pg's parser for it is still its default one (a parser set with `types.setTypeParser` is
 * left in charge).
 */
export const plainRowTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): unknown {
    const own = types.getTypeParser(oid, format ?? 'text');
    if (oid === TIMESTAMPTZ_OID && format !== 'binary' && own === defaultTimestamptz) return parseTimestamptz;
    return own;
  },
};

const defaultTimestamptz = types.getTypeParser(TIMESTAMPTZ_OID, 'text');
