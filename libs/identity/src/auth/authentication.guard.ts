import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { CONTEXT_KEY } from '@vigie/authz';
import {
  ForbiddenActionException,
  RequestContext,
  routeAccessOf,
  UnauthenticatedException,
} from '@vigie/core';
import type { Request } from 'express';
import { ActorLoader } from './actor.loader';
import { TokenService } from './token.service';
import { ActiveSession, CSRF_HEADER, SESSION_COOKIE, WebSessions } from './web-sessions';

/** The web session that carried a request, left on it by the guard. */
export const SESSION_KEY = 'vigieSession';
export type SessionRequest = Request & {
  id?: string;
  [CONTEXT_KEY]?: RequestContext;
  [SESSION_KEY]?: ActiveSession;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie of the request, if sent. */
export function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/** True when the browser says the request comes from another site (`Origin` of another host). */
export function isCrossSite(request: Request): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

/**
 * Global guard: every route needs a valid bearer token of an enabled user, or a live web session (cookie),
 * except those declared `@Endpoint(summary, 'public')`. A mutation carried by the session cookie also needs the session's CSRF token
 * in `X-CSRF-Token` and no foreign `Origin`. It leaves the request's {@link RequestContext} on the request for
 * `@Ctx()`. The permission guard (`@vigie/authz`) runs after it.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
    private readonly sessions: WebSessions,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution.switchToHttp().getRequest<SessionRequest>();
    const requestId = String(request.id ?? 'unknown');
    if (routeAccessOf(execution.getHandler()) === 'public') {
      request[CONTEXT_KEY] = new RequestContext(requestId, null);
      return true;
    }
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    let userId: string;
    // A bearer token carries the session version it was issued at; a web session is ended in its own table.
    let sessionVersion: number | undefined;
    if (match) {
      ({ userId, sessionVersion } = this.tokens.verify(match[1]));
    } else {
      const secret = cookieValue(request, SESSION_COOKIE);
      if (!secret)
        throw new UnauthenticatedException(
          'Un jeton d’accès (en-tête Authorization: Bearer) ou une session est requis',
        );
      const session = await this.sessions.resolve(secret);
      if (!session) throw new UnauthenticatedException('La session est terminée : reconnectez-vous');
      if (!SAFE_METHODS.has(request.method)) {
        if (isCrossSite(request))
          throw new ForbiddenActionException('Requête venant d’un autre site refusée');
        const token = request.headers[CSRF_HEADER];
        if (!this.sessions.csrfMatches(session, typeof token === 'string' ? token : undefined)) {
          throw new ForbiddenActionException('Un en-tête X-CSRF-Token valide est requis');
        }
      }
      request[SESSION_KEY] = session;
      userId = session.userId;
    }
    const actor = await this.actors.load(userId, sessionVersion);
    if (!actor) throw new UnauthenticatedException('Jeton invalide ou expiré');
    request[CONTEXT_KEY] = new RequestContext(requestId, actor);
    return true;
  }
}
