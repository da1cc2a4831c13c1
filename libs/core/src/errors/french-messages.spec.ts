import { HttpException, NotFoundException as NestNotFound } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  validateSync,
} from 'class-validator';
import { Type } from 'class-transformer';
import { toValidationException } from '../http/validation';
import { NotFoundException, StaleVersionException } from './domain.exception';
import { frenchConstraintMessage, frenchHttpDetail, looksEnglish, recordLabelFr } from './french-messages';

class Purpose {
  @IsString()
  @Length(3, 500)
  description!: string;
}

class Sample {
  @IsString() @Length(1, 200) name!: string;
  @IsIn(['draft', 'validated']) status!: string;
  @IsUUID('4', { each: true }) @IsArray() @ArrayMaxSize(2) @ArrayUnique() ids!: string[];
  @IsInt() @Min(1) @Max(10) level!: number;
  @IsBoolean() flag!: boolean;
  @IsISO8601({ strict: true }) date!: string;
  @Matches(/^[A-Z]{2}$/) code!: string;
  @IsOptional() @ValidateNested({ each: true }) @Type(() => Purpose) purposes?: Purpose[];
}

function messagesFor(input: object): { field: string; message: string }[] {
  const errors = validateSync(plainToInstance(Sample, input), {
    whitelist: true,
    forbidNonWhitelisted: true,
    validationError: { target: false, value: false },
  });
  return toValidationException(errors).errors ?? [];
}

describe('French validation messages', () => {
  it('translates every default class-validator message, naming the field and keeping the numbers', () => {
    const messages = messagesFor({
      name: '',
      status: 'done',
      ids: ['x', 'x', 'y'],
      level: 11,
      flag: 'yes',
      date: '31/12/2027',
      code: 'fra',
      purposes: [{ description: 'ab' }],
      extra: 1,
    });
    const byField = (field: string) => messages.filter((m) => m.field === field).map((m) => m.message);
    expect(byField('name')).toEqual(['name doit compter au moins 1 caractère']);
    expect(byField('status')).toEqual(["status doit valoir l'une des valeurs suivantes : draft, validated"]);
    expect(byField('ids')).toEqual(
      expect.arrayContaining([
        'ids doit contenir au plus 2 éléments',
        'ids ne doit pas contenir deux fois la même valeur',
        'chaque élément de ids doit être un identifiant (UUID)',
      ]),
    );
    expect(byField('level')).toEqual(['level doit valoir au plus 10']);
    expect(byField('flag')).toEqual(['flag doit valoir true ou false']);
    expect(byField('date')[0]).toMatch(/^date doit être une date au format ISO 8601/);
    expect(byField('code')).toEqual(["code n'a pas le format attendu"]);
    expect(byField('purposes.0.description')).toEqual([
      'purposes.0.description doit compter au moins 3 caractères',
    ]);
    expect(byField('extra')).toEqual(['extra est un champ inconnu : retirez-le de la requête']);
    for (const { message } of messages) expect(looksEnglish(message)).toBe(false);
  });

  it('keeps a message the DTO wrote in French and replaces an English one it does not know', () => {
    expect(frenchConstraintMessage('siren', 'isSiren', 'siren doit compter 9 chiffres')).toBe(
      'siren doit compter 9 chiffres',
    );
    expect(frenchConstraintMessage('x', 'someCustomRule', 'x must be nice')).toBe("x n'est pas valide");
    expect(frenchConstraintMessage('n', 'min', 'n must not be less than 1')).toBe('n doit valoir au moins 1');
    expect(frenchConstraintMessage('s', 'isLength', 's must be longer than or equal to 1 characters')).toBe(
      's doit compter au moins 1 caractère',
    );
  });

  it('words the summary detail from the first messages', () => {
    const errors = validateSync(plainToInstance(Sample, {}), { validationError: { target: false } });
    expect(looksEnglish(toValidationException(errors).message)).toBe(false);
  });
});

describe('French framework and domain messages', () => {
  it('translates the router, pipes and generic HTTP errors', () => {
    expect(frenchHttpDetail(404, 'Cannot GET /api/v1/nothing')).toBe(
      "Aucune route GET /api/v1/nothing dans l'API",
    );
    expect(frenchHttpDetail(400, 'Validation failed (uuid is expected)')).toBe(
      'Identifiant invalide : un UUID est attendu',
    );
    expect(frenchHttpDetail(403, 'Forbidden resource')).toBe('Votre rôle ne permet pas cette action');
    expect(frenchHttpDetail(413, 'Payload Too Large')).toBe('Le corps de la requête est trop volumineux');
    const nest = new NestNotFound('Cannot DELETE /x') as HttpException;
    expect(frenchHttpDetail(nest.getStatus(), nest.message)).toBe("Aucune route DELETE /x dans l'API");
  });

  it('names records in French in "introuvable" and version conflicts', () => {
    expect(new NotFoundException('Contract clause').message).toBe('Clause du contrat introuvable');
    expect(new NotFoundException('Fiche').message).toBe('Fiche introuvable');
    expect(recordLabelFr('Evidence')).toBe('Preuve');
    expect(new StaleVersionException('Breach', 4).message).toMatch(/^Violation : .*version actuelle 4/);
  });
});
