import { registerDecorator, ValidationOptions } from 'class-validator';
import { isValidSiren, isValidSiret } from './siren';

/** A SIREN of nine digits with a valid Luhn key. */
export function IsSiren(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSiren',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} doit être un numéro SIREN de 9 chiffres dont la clé est valide`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSiren(value) },
    });
}

/** A SIRET of fourteen digits (a valid SIREN and a valid Luhn key). */
export function IsSiret(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSiret',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} doit être un numéro SIRET de 14 chiffres dont la clé est valide`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidSiret(value) },
    });
}
