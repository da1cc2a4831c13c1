import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { RequestContext } from '@vigie/core';

/** Property of the Express request where the authentication guard leaves the caller's context. */
export const CONTEXT_KEY = 'vigieContext';

/** Injects the {@link RequestContext} of the current request into a controller method. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  const request = execution.switchToHttp().getRequest<Record<string, unknown> & { id?: string }>();
  const ctx = request[CONTEXT_KEY];
  return ctx instanceof RequestContext ? ctx : new RequestContext(String(request.id ?? 'anonymous'), null);
});
