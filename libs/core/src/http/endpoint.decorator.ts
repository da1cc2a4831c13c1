import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  HttpCode,
  SetMetadata,
} from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ValidationException } from '../errors/domain.exception';

/**
 * The words of a permission, filled in by `@vigie/authz` (declaration merging: `action` is its `Action`,
 * `subject` its `Subject`), so that `@Endpoint` checks them at compile time although core does not depend on
 * authz. Left empty here on purpose.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface PermissionVocabulary {}

type Word<K extends string> = PermissionVocabulary extends Record<K, infer T> ? T : string;

/** The permission a route needs: `action` on `subject`, in the terms of the role table. */
export interface RoutePermission {
  action: Word<'action'>;
  subject: Word<'subject'>;
}

/**
 * Who may call a route: a permission of the role table, `'signed-in'` (any signed-in user, whatever their roles:
 * their own account, notices, reference lists) or `'public'` (no token: sign-in, health, the public register).
 */
export type RouteAccess = RoutePermission | 'signed-in' | 'public';

/** Metadata key of a route handler's {@link RouteAccess}, read by the guards and the authorisation matrix. */
export const ROUTE_ACCESS = 'vigie:route-access';

/**
 * Documents a route, declares who may call it and sets its success status: one decorator per route, beside the
 * HTTP verb. The access is the route's only declaration of its permission: the permission guard reads it (a
 * route without one stops the application at start), and so does the authorisation matrix.
 */
export function Endpoint(
  summary: string,
  access: RouteAccess,
  status = 200,
  options: { produces?: string } = {},
): MethodDecorator {
  const decorators = [ApiOperation({ summary }), HttpCode(status), SetMetadata(ROUTE_ACCESS, access)];
  if (options.produces) decorators.push(ApiProduces(options.produces));
  return applyDecorators(...decorators);
}

/** The access a route handler declares with {@link Endpoint}, if any. */
export function routeAccessOf(handler: object): RouteAccess | undefined {
  return Reflect.getMetadata(ROUTE_ACCESS, handler) as RouteAccess | undefined;
}

/** Reads a version from an `If-Match` header (`"3"`, `W/"3"` or `3`). */
export function versionFromIfMatch(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match) throw ValidationException.field('If-Match', 'doit contenir le numéro de version lu en dernier');
  return Number(match[1]);
}

const IfMatchParam = createParamDecorator((_data: unknown, execution: ExecutionContext): number | undefined =>
  versionFromIfMatch(
    execution.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>().headers[
      'if-match'
    ],
  ),
);

/** The version sent in `If-Match`, as an alternative to the body's `version` field. */
export function IfMatchVersion(): ParameterDecorator {
  return (target, key, index) => {
    IfMatchParam()(target, key, index);
    if (key !== undefined)
      ApiHeader({ name: 'If-Match', required: false, description: 'Version last read' })(
        target,
        key,
        Object.getOwnPropertyDescriptor(target, key)!,
      );
  };
}
