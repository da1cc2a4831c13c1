import { applyDecorators, createParamDecorator, ExecutionContext, HttpCode } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ValidationException } from '../errors/domain.exception';

/** Documents a route and sets its success status: one decorator per route, beside the HTTP verb. */
export function Endpoint(
  summary: string,
  status = 200,
  options: { produces?: string } = {},
): MethodDecorator {
  const decorators = [ApiOperation({ summary }), HttpCode(status)];
  if (options.produces) decorators.push(ApiProduces(options.produces));
  return applyDecorators(...decorators);
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
