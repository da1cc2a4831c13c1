import { ValidationException } from '../errors/domain.exception';
import { assertNoNulls } from './validation';

describe('assertNoNulls', () => {
  it('lets absent fields and nullable nulls through', () => {
    expect(() =>
      assertNoNulls({ name: 'X', description: null, other: undefined }, ['description']),
    ).not.toThrow();
  });

  it('refuses a null for a field that cannot be empty, naming every such field', () => {
    try {
      assertNoNulls({ name: null, purposes: null, description: null }, ['description']);
      throw new Error('should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationException);
      expect((error as ValidationException).errors?.map((e) => e.field)).toEqual(['name', 'purposes']);
    }
  });
});
