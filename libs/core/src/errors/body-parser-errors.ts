import {
  DomainException,
  ErrorCode,
  PayloadTooLargeException,
  UnsupportedMediaTypeException,
  ValidationException,
} from './domain.exception';

/**
 * The domain error for a failure of Express's body parsers (they run before any route, and Nest would turn
 * their raw messages into the answer), or undefined for any other error.
 */
export function domainErrorFromBodyParser(error: unknown): DomainException | undefined {
  if (typeof error !== 'object' || error === null || !('type' in error)) return undefined;
  const { type, status } = error as { type: unknown; status?: number };
  switch (type) {
    case 'entity.parse.failed':
      return new ValidationException('Le corps de la requête n’est pas du JSON valide');
    case 'entity.too.large':
      return new PayloadTooLargeException('Le corps de la requête est trop volumineux');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException('Encodage du corps de la requête non pris en charge');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new DomainException(ErrorCode.Validation, 'Corps de la requête mal formé');
    default:
      return typeof status === 'number' && status >= 400 && status < 500
        ? new DomainException(ErrorCode.Validation, 'Requête mal formée')
        : undefined;
  }
}

/** Express error middleware placed right after the body parsers: hands their errors on as domain errors. */
export function bodyParserErrorMiddleware(
  error: unknown,
  _request: unknown,
  _response: unknown,
  next: (error: unknown) => void,
): void {
  next(domainErrorFromBodyParser(error) ?? error);
}
