import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { sentVersion, VersionedActionDto } from './versioned';

describe('the version of a mutation', () => {
  const errorsOf = (body: object) =>
    validateSync(plainToInstance(VersionedActionDto, body)).map((e) => e.property);

  it('takes the body version first, then If-Match', () => {
    expect(sentVersion({ version: 3 }, 2)).toBe(3);
    expect(sentVersion({}, 2)).toBe(2);
    expect(sentVersion(undefined, undefined)).toBeUndefined();
  });

  it('accepts a positive integer and refuses anything else', () => {
    expect(errorsOf({ version: 1 })).toEqual([]);
    expect(errorsOf({})).toEqual([]);
    expect(errorsOf({ version: 0 })).toEqual(['version']);
    expect(errorsOf({ version: '2' })).toEqual(['version']);
  });
});
