import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Me = Schemas['MeDto'];
export type Entry = Schemas['ProcessingActivityResponse'];
export type EntryPage = Schemas['ProcessingActivityPageResponse'];

/** A problem+json answer of the API. */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Raised for any answer that is not a success, with its problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

let csrfToken: string | undefined;
let onSessionEnded: (() => void) | undefined;

/** The CSRF token of the current session, sent with every mutation. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when the API answers 401 to a signed-in page: the session has ended. */
export function whenSessionEnds(callback: () => void): void {
  onSessionEnded = callback;
}

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !['GET', 'HEAD'].includes(request.method))
      request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
  onResponse({ response, request }) {
    if (
      response.status === 401 &&
      !request.url.endsWith('/auth/session') &&
      !request.url.endsWith('/auth/session/link') &&
      !request.url.endsWith('/auth/me')
    ) {
      onSessionEnded?.();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** The data of an openapi-fetch answer, or an {@link ApiError}. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = (error ?? {}) as Partial<Problem>;
    throw new ApiError({ ...body, status: response.status });
  }
  return data as T;
}
