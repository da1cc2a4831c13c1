import { getMetadataStorage, IsInt, IsOptional, IsString, MaxLength, validate } from 'class-validator';
import { ValidationException } from '../errors/domain.exception';
import { assertNoNulls, memoizeValidationMetadata } from './validation';

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

describe('memoizeValidationMetadata', () => {
  class Base {
    @IsString()
    name!: string;
  }
  class Derived extends Base {
    @IsOptional()
    @IsInt()
    count?: number;
  }

  it('keeps the same rules, inherited ones included, and sees a rule declared after a look-up', async () => {
    memoizeValidationMetadata();
    memoizeValidationMetadata(); // idempotent
    const storage = getMetadataStorage();
    const before = storage.getTargetValidationMetadatas(Derived, '', true, false);
    expect(before.map((m) => m.propertyName).sort()).toEqual(['count', 'count', 'name']);
    expect(storage.getTargetValidationMetadatas(Derived, '', true, false)).toBe(before);
    expect((await validate(Object.assign(new Derived(), { name: 1 }))).map((e) => e.property)).toEqual([
      'name',
    ]);

    MaxLength(3)(Derived.prototype, 'name');
    const after = storage.getTargetValidationMetadatas(Derived, '', true, false);
    // Declared on the subclass, the property's rules now replace the inherited ones (class-validator's rule).
    expect(after).not.toBe(before);
    expect(after.filter((m) => m.propertyName === 'name').map((m) => m.name)).toEqual(['maxLength']);
    expect(
      (await validate(Object.assign(new Derived(), { name: 'trop long' }))).map((e) => e.property),
    ).toEqual(['name']);
  });
});
