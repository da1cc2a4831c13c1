import type { ArgumentMetadata } from '@nestjs/common';
import { ValidationPipe } from '@nestjs/common';
import {
  getMetadataStorage,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ValidationException } from '../errors/domain.exception';
import { PageQuery } from './pagination';
import {
  assertNoNulls,
  createValidationPipe,
  memoizeValidationMetadata,
  toValidationException,
} from './validation';

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

describe('the validation pipe, empty query strings', () => {
  class ListQuery extends PageQuery {
    @IsOptional()
    @IsIn(['member', 'vendor'])
    kind?: string;
  }
  let limit = 50;
  /** A class whose default changes between calls (a value read when an instance is made). */
  class MovingDefault {
    @IsInt()
    @Min(1)
    @Max(100)
    size: number = limit;
  }
  let checks = 0;
  @ValidatorConstraint({ name: 'countedRule' })
  class CountedRule implements ValidatorConstraintInterface {
    validate(): boolean {
      checks += 1;
      return true;
    }
  }
  class WithOwnRule {
    @Validate(CountedRule)
    mark: string = 'x';
  }
  const query = (metatype: unknown): ArgumentMetadata => ({ type: 'query', metatype: metatype as never });
  /** The same pipe without the shortcut: what every answer must equal. */
  const reference = new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: toValidationException,
  });
  const outcome = async (pipe: ValidationPipe, value: unknown, metatype: unknown) => {
    try {
      const result = (await pipe.transform(value, query(metatype))) as object;
      return { ok: true, type: result.constructor, json: JSON.stringify(result), result };
    } catch (error) {
      const problem = error as ValidationException;
      return {
        ok: false,
        type: problem.constructor,
        json: JSON.stringify([problem.message, problem.errors]),
      };
    }
  };

  it('answers an empty query, again and again, exactly as the whole pipe: a fresh instance with its defaults', async () => {
    const pipe = createValidationPipe();
    const expected = await outcome(reference, {}, ListQuery);
    expect(expected).toMatchObject({ ok: true, type: ListQuery, json: '{"page":1,"pageSize":50}' });
    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await outcome(pipe, Object.create(null), ListQuery));
    for (const answer of answers)
      expect({ ...answer, result: undefined }).toEqual({ ...expected, result: undefined });
    // Each request gets its own instance: a handler changing its query changes no other request's.
    expect(answers[1].result).not.toBe(answers[2].result);
    (answers[1].result as ListQuery).page = 7;
    expect((await outcome(pipe, {}, ListQuery)).json).toBe('{"page":1,"pageSize":50}');
  });

  it('gives the same answers and the same 400s as the whole pipe for the queries that name parameters', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({}, query(ListQuery));
    const cases: unknown[] = [
      { page: '2' },
      { page: '2', pageSize: '10', kind: 'vendor' },
      { pageSize: '201' },
      { page: '0' },
      { page: 'x' },
      { kind: 'operator' },
      { offset: '1' },
      { page: ['1', '2'] },
      { kind: { $ne: 'x' } },
    ];
    for (const value of cases) {
      expect(await outcome(pipe, { ...(value as object) }, ListQuery)).toEqual(
        await outcome(reference, { ...(value as object) }, ListQuery),
      );
    }
  });

  it('checks an empty query again when its defaults changed, and refuses it when they no longer pass', async () => {
    const pipe = createValidationPipe();
    limit = 50;
    expect(await outcome(pipe, {}, MovingDefault)).toMatchObject({ ok: true, json: '{"size":50}' });
    expect(await outcome(pipe, {}, MovingDefault)).toMatchObject({ ok: true, json: '{"size":50}' });
    limit = 500;
    const refused = await outcome(pipe, {}, MovingDefault);
    expect(refused).toMatchObject({ ok: false, type: ValidationException });
    expect(refused).toEqual(await outcome(reference, {}, MovingDefault));
    expect((await outcome(pipe, {}, MovingDefault)).ok).toBe(false);
    limit = 50;
  });

  it('runs every rule other than the value-only ones of class-validator at each request', async () => {
    const pipe = createValidationPipe();
    checks = 0;
    for (let i = 0; i < 3; i += 1) await pipe.transform({}, query(WithOwnRule));
    expect(checks).toBe(3);
  });
});
