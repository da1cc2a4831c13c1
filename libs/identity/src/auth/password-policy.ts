import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as commonPackage from '@zxcvbn-ts/language-common';
import * as frenchPackage from '@zxcvbn-ts/language-fr';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable: moderate protection from offline attacks". */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * The strength estimator, built on first use: zxcvbn with the packaged lists of common and breached passwords
 * and of common words (English and French), French feedback.
 */
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonPackage.dictionary, ...frenchPackage.dictionary },
    graphs: commonPackage.adjacencyGraphs,
    translations: frenchPackage.translations,
  });
  return estimator;
}

/**
 * Why a password is refused, in French, or undefined when it is acceptable: at least 12 characters, not only
 * spaces or control characters, no control character at all, and hard enough to guess (not a common or
 * breached password, not built from the person's own name or address).
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): string | undefined {
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    return `Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Le mot de passe doit compter au plus ${PASSWORD_MAX_LENGTH} caractères`;
  }
  if (/\p{Cc}/u.test(password)) return 'Le mot de passe ne peut pas contenir de caractère de contrôle';
  if (/^\s*$/u.test(password)) return "Le mot de passe ne peut pas être fait que d'espaces";
  const inputs = userInputs
    .flatMap((input) => [input, ...input.split(/[@.\s_-]+/)])
    .filter((i) => i.length > 2);
  const result = strength().check(password, inputs);
  // Mostly made of the person's own name or address: guessable by anyone who knows them.
  const personal = result.sequence
    .filter((match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs')
    .reduce((length, match) => length + match.token.length, 0);
  if (personal * 2 >= password.length)
    return 'Le mot de passe ne doit pas reprendre votre nom ni votre adresse électronique';
  if (result.score >= MIN_SCORE) return undefined;
  const hint = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `Mot de passe trop facile à deviner${hint ? ` : ${hint}` : ''}. Choisissez par exemple plusieurs mots sans lien entre eux.`;
}

/** The person's own details in the object being validated: a password must not be made of them. */
function personalInputs(object: object): string[] {
  const { email, displayName } = object as { email?: unknown; displayName?: unknown };
  return [email, displayName].filter((value): value is string => typeof value === 'string');
}

/** class-validator: the field holds an acceptable password ({@link passwordProblem}). */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          typeof value === 'string' && passwordProblem(value, personalInputs(args.object)) === undefined,
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string'
            ? (passwordProblem(args.value, personalInputs(args.object)) ?? '')
            : 'Le mot de passe doit être une chaîne de caractères',
      },
    });
}
