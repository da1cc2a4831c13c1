import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CONTEXT_KEY, IS_PUBLIC } from '@vigie/authz';
import { RequestContext, UnauthenticatedException } from '@vigie/core';
import type { Request } from 'express';
import { ActorLoader } from './actor.loader';
import { TokenService } from './token.service';

/**
 * Global guard: every route needs a valid bearer token of an enabled user, except those marked `@Public()`.
 * It leaves the request's {@link RequestContext} on the request for `@Ctx()`.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly actors: ActorLoader,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution
      .switchToHttp()
      .getRequest<Request & { id?: string; [CONTEXT_KEY]?: RequestContext }>();
    const requestId = String(request.id ?? 'unknown');
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      execution.getHandler(),
      execution.getClass(),
    ]);
    if (isPublic) {
      request[CONTEXT_KEY] = new RequestContext(requestId, null);
      return true;
    }
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match)
      throw new UnauthenticatedException('Un jeton d’accès (en-tête Authorization: Bearer) est requis');
    const { userId, sessionVersion } = this.tokens.verify(match[1]);
    const actor = await this.actors.load(userId, sessionVersion);
    if (!actor) throw new UnauthenticatedException('Jeton invalide ou expiré');
    request[CONTEXT_KEY] = new RequestContext(requestId, actor);
    return true;
  }
}
