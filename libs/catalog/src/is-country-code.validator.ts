import { isCountryCode } from '@vigie/reference-data';
import { registerDecorator, ValidationOptions } from 'class-validator';

/** An assigned ISO 3166-1 alpha-2 country code, upper case ("FR", "DE", "US"). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCountryCode',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} doit être un code pays ISO 3166-1 alpha-2 (par exemple FR)`,
        ...options,
      },
      validator: { validate: (value: unknown) => isCountryCode(value) },
    });
}
