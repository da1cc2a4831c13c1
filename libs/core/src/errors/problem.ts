import { ErrorCode, FieldError } from './domain.exception';

/** RFC 9457 problem details, the body of every error answer. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The single place where a domain error code becomes an HTTP status and title. */
export const ERROR_HTTP: Record<ErrorCode, { status: number; title: string }> = {
  [ErrorCode.Validation]: { status: 400, title: 'Invalid request' },
  [ErrorCode.Unauthenticated]: { status: 401, title: 'Unauthenticated' },
  [ErrorCode.Forbidden]: { status: 403, title: 'Forbidden' },
  [ErrorCode.NotFound]: { status: 404, title: 'Not found' },
  [ErrorCode.Conflict]: { status: 409, title: 'Conflict' },
  [ErrorCode.StaleVersion]: { status: 409, title: 'Stale version' },
  [ErrorCode.PayloadTooLarge]: { status: 413, title: 'Payload too large' },
  [ErrorCode.UnsupportedMediaType]: { status: 415, title: 'Unsupported media type' },
  [ErrorCode.TooManyRequests]: { status: 429, title: 'Too many requests' },
  [ErrorCode.ServiceUnavailable]: { status: 503, title: 'Service unavailable' },
};

export function problemType(code: string): string {
  return `https://vigie.dev/problems/${code}`;
}
