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
  [ErrorCode.Validation]: { status: 400, title: 'Requête invalide' },
  [ErrorCode.Unauthenticated]: { status: 401, title: 'Authentification requise' },
  [ErrorCode.Forbidden]: { status: 403, title: 'Action non autorisée' },
  [ErrorCode.NotFound]: { status: 404, title: 'Ressource introuvable' },
  [ErrorCode.Conflict]: { status: 409, title: 'Conflit' },
  [ErrorCode.StaleVersion]: { status: 409, title: 'Version périmée' },
  [ErrorCode.PayloadTooLarge]: { status: 413, title: 'Contenu trop volumineux' },
  [ErrorCode.UnsupportedMediaType]: { status: 415, title: 'Type de contenu non pris en charge' },
  [ErrorCode.TooManyRequests]: { status: 429, title: 'Trop de requêtes' },
  [ErrorCode.ServiceUnavailable]: { status: 503, title: 'Service indisponible' },
};

export function problemType(code: string): string {
  return `https://vigie.dev/problems/${code}`;
}
