import { recordLabelFr } from './french-messages';

/** Codes of the domain errors; each maps to one HTTP status in `problem.filter.ts`. */
export enum ErrorCode {
  NotFound = 'not-found',
  Forbidden = 'forbidden',
  Unauthenticated = 'unauthenticated',
  Validation = 'validation-failed',
  Conflict = 'conflict',
  StaleVersion = 'stale-version',
  TooManyRequests = 'too-many-requests',
  PayloadTooLarge = 'payload-too-large',
  UnsupportedMediaType = 'unsupported-media-type',
  ServiceUnavailable = 'service-unavailable',
}

/**
 * One invalid field of a request, as shown in problem+json `errors`. For an uploaded file (CSV, XLSX), `line`
 * (1 = the header row) and `column` (its header) locate the cell.
 */
export interface FieldError {
  field: string;
  message: string;
  line?: number;
  column?: string;
}

/**
 * Base of every error the domain raises on purpose. The message is written for the API client (it reaches
 * them as `detail`), so it never holds SQL, stack traces or secrets.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    /** A problem type more specific than the code's (`type` of the problem+json), e.g. `conflict-duplicate`. */
    readonly problem?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The resource does not exist, or the caller may not see it: both answer the same. */
export class NotFoundException extends DomainException {
  constructor(entity: string) {
    super(ErrorCode.NotFound, `${recordLabelFr(entity)} introuvable`);
  }
}

export class ForbiddenActionException extends DomainException {
  constructor(message = 'Votre rôle ne permet pas cette action') {
    super(ErrorCode.Forbidden, message);
  }
}

export class UnauthenticatedException extends DomainException {
  constructor(message = 'Authentification requise') {
    super(ErrorCode.Unauthenticated, message);
  }
}

export class ValidationException extends DomainException {
  constructor(message: string, errors?: FieldError[]) {
    super(ErrorCode.Validation, message, errors);
  }

  /** Shortcut for a single invalid field. */
  static field(field: string, message: string): ValidationException {
    return new ValidationException(`${field} : ${message}`, [{ field, message }]);
  }
}

/**
 * What a conflict is about, each with its own problem type (`https://vigie.dev/problems/conflict-<kind>`):
 * `duplicate` (a record with this name, reference or pair already exists), `state` (the record's state forbids
 * the change: archived, closed, validated, accepted, done) and `rule` (a business rule: the last administrator,
 * one's own account, accounts to import before opening). Without a kind, the generic `conflict` type.
 */
export type ConflictKind = 'duplicate' | 'state' | 'rule';

export class ConflictException extends DomainException {
  constructor(
    message: string,
    readonly kind?: ConflictKind,
  ) {
    super(ErrorCode.Conflict, message, undefined, kind ? `conflict-${kind}` : undefined);
  }
}

/** The `version` sent with an update is not the stored one: someone else changed the resource meanwhile. */
export class StaleVersionException extends DomainException {
  constructor(entity: string, current: number) {
    super(
      ErrorCode.StaleVersion,
      `${recordLabelFr(entity)} : modification faite entre-temps par quelqu'un d'autre (version actuelle ${current}) ; rechargez puis recommencez`,
    );
  }
}

export class TooManyRequestsException extends DomainException {
  constructor(
    message = 'Trop de tentatives ; réessayez plus tard',
    /** Sent as `Retry-After` (seconds) when known. */
    readonly retryAfterSeconds?: number,
  ) {
    super(ErrorCode.TooManyRequests, message);
  }
}

export class PayloadTooLargeException extends DomainException {
  constructor(message = 'Le corps de la requête est trop volumineux') {
    super(ErrorCode.PayloadTooLarge, message);
  }
}

export class UnsupportedMediaTypeException extends DomainException {
  constructor(message: string) {
    super(ErrorCode.UnsupportedMediaType, message);
  }
}
