import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { RouteAccess, routeAccessOf } from '@vigie/core';

const BODY = 3;
const UNPREFIXED = new Set(['/health/live', '/health/ready']);
/** Routes served at the site root under this prefix (the public register). */
const UNPREFIXED_PREFIX = '/public/';

/** One HTTP route of the running application, read from Nest's own metadata. */
export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Full path with `:param` placeholders, e.g. `/api/v1/organisations/:id`. */
  path: string;
  /** `METHOD path`, the key of expectation tables. */
  key: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  /** What the route declares with `@Endpoint`: a permission, `'signed-in'` or `'public'` (none: a bug). */
  access: RouteAccess | undefined;
  /** Class of the `@Body()` DTO, when the route takes a validated JSON body. */
  bodyType?: new () => object;
  pathParams: string[];
}

function joinPath(...parts: string[]): string {
  const path = `/${parts.filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return path || '/';
}

/** Every route of every controller of the application: the route table the robustness tests iterate. */
export function discoverRoutes(app: INestApplication, prefix = 'api/v1'): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!controller) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat()[0] as string;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || subPath === undefined) continue;
        const unprefixed = joinPath(base, [subPath].flat()[0]);
        const path =
          UNPREFIXED.has(unprefixed) || unprefixed.startsWith(UNPREFIXED_PREFIX)
            ? unprefixed
            : joinPath(prefix, unprefixed);
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
          string,
          { index: number; data?: unknown }
        >;
        const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ??
          []) as unknown[];
        const bodyArg = Object.entries(args).find(
          ([key, arg]) => key.split(':')[0] === String(BODY) && arg.data === undefined,
        );
        const bodyType = bodyArg ? paramTypes[bodyArg[1].index] : undefined;
        const verb = RequestMethod[method] as RouteInfo['method'];
        routes.push({
          method: verb,
          path,
          key: `${verb} ${path}`,
          controller: controller.name,
          handler: name,
          isPublic: routeAccessOf(handler) === 'public',
          access: routeAccessOf(handler),
          bodyType:
            typeof bodyType === 'function' && bodyType !== Object
              ? (bodyType as new () => object)
              : undefined,
          pathParams: [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]),
        });
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** The route's path with each parameter replaced. */
export function fillPath(
  route: RouteInfo,
  values: Record<string, string> | ((param: string) => string),
): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, param: string) =>
    typeof values === 'function' ? values(param) : (values[param] ?? `missing-${param}`),
  );
}
