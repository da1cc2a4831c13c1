import { plainToInstance } from 'class-transformer';
import { IsString, MaxLength, validateSync } from 'class-validator';
import { todayInParis } from '../dates/french-working-days';
import { OptionalNotNull, OptionalNullable, parisDay, Trim, trim, trimAll } from './fields';

class Patch {
  @Trim()
  @OptionalNotNull()
  @IsString()
  @MaxLength(5)
  name?: string;

  @Trim()
  @OptionalNullable()
  @IsString()
  notes?: string | null;
}

function errors(body: object): string[] {
  return validateSync(plainToInstance(Patch, body)).map((e) => e.property);
}

describe('DTO fields', () => {
  it('trims text before validating it', () => {
    expect(trim({ value: '  a  ' })).toBe('a');
    expect(trim({ value: 3 })).toBe(3);
    expect(trimAll({ value: [' a', 'b '] })).toEqual(['a', 'b']);
    expect(plainToInstance(Patch, { name: '  abcde  ' }).name).toBe('abcde');
    expect(errors({ name: '  abcde  ' })).toEqual([]);
  });

  it('applies the null-on-PATCH rule: absent is left alone, null clears only a nullable field', () => {
    expect(errors({})).toEqual([]);
    expect(errors({ notes: null })).toEqual([]);
    expect(errors({ name: null })).toEqual(['name']);
    expect(errors({ notes: 3 })).toEqual(['notes']);
  });

  it('tells the calendar date in Paris, across midnight UTC and the daylight-saving change', () => {
    expect(parisDay(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(parisDay(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
    expect(parisDay(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
    expect(todayInParis(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });
});
