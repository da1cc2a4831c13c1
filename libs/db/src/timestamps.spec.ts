import fc from 'fast-check';
import { types } from 'pg';
import { parseTimestamptz, plainRowTypes, TIMESTAMPTZ_OID } from './timestamps';

const pgParser = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => unknown;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** A timestamptz as PostgreSQL writes it: microseconds without their trailing zeros, none when zero. */
function pgText(date: Date, micros: number, zone: string): string {
  const fraction = micros === 0 ? '' : `.${pad(micros, 6).replace(/0+$/, '')}`;
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)} ` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}${fraction}${zone}`
  );
}

const comparable = (value: unknown) => (value instanceof Date ? ['date', value.getTime()] : ['other', value]);

describe('parseTimestamptz', () => {
  it('gives the Date of pg’s own parser for every UTC timestamp of years 1–9999, to the millisecond', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999_999 }),
        (date, micros) => {
          const whole = new Date(Math.floor(date.getTime() / 1000) * 1000);
          const text = pgText(whole, micros, '+00');
          expect(comparable(parseTimestamptz(text))).toEqual(comparable(pgParser(text)));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('leaves every other form to pg’s parser (offsets, BC, infinity, short years), with the same answer', () => {
    const texts = [
      '2026-12-01 19:02:01.291+00',
      '2026-12-01 19:02:01+00',
      '2026-12-01 20:02:01.5+01',
      '2026-12-01 14:32:01.123456-04:30',
      '0044-03-15 12:00:00+00',
      '0001-01-01 00:00:00+00 BC',
      'infinity',
      '-infinity',
      '12026-01-01 00:00:00+00',
    ];
    for (const text of texts) expect(comparable(parseTimestamptz(text))).toEqual(comparable(pgParser(text)));
  });

  it('is the parser of the plain queries for timestamptz only, unless another was set for it', () => {
    expect(plainRowTypes.getTypeParser(TIMESTAMPTZ_OID, 'text')).toBe(parseTimestamptz);
    expect(plainRowTypes.getTypeParser(25, 'text')).toBe(types.getTypeParser(25, 'text'));
    expect(plainRowTypes.getTypeParser(3802, 'text')).toBe(types.getTypeParser(3802, 'text'));
    const own = (text: string) => text;
    types.setTypeParser(TIMESTAMPTZ_OID, own);
    try {
      expect(plainRowTypes.getTypeParser(TIMESTAMPTZ_OID, 'text')).toBe(own);
    } finally {
      types.setTypeParser(TIMESTAMPTZ_OID, pgParser);
    }
  });
});
