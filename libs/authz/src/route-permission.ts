import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { ForbiddenActionException, RequestContext, RouteAccess, routeAccessOf } from '@vigie/core';
import { abilityFor } from './ability';
import { CONTEXT_KEY } from './request-context.decorator';
import { Action, ACTIONS, Subject, SUBJECT_TENANT_FIELD } from './role-table';

declare module '@vigie/core' {
  /** `@Endpoint`'s permissions are written in the role table's words. */
  interface PermissionVocabulary {
    action: Action;
    subject: Subject;
  }
}

/** One route handler of the application, as the boot check sees it. */
export interface DeclaredRoute {
  /** `Controller.handler`, for messages. */
  name: string;
  /** The route's path as written on the controller and the handler (`:param` placeholders). */
  path: string;
  access: RouteAccess | undefined;
  handler: object;
}

/** What is wrong with a route's declaration, or `undefined` when it is sound. */
export function declarationProblem(access: RouteAccess | undefined): string | undefined {
  if (access === undefined) return 'no access declared';
  if (access === 'public' || access === 'signed-in') return undefined;
  if (!(ACTIONS as readonly string[]).includes(access.action)) return `unknown action "${access.action}"`;
  if (!(access.subject in SUBJECT_TENANT_FIELD)) return `unknown subject "${access.subject}"`;
  return undefined;
}

/**
 * Whether the guard may refuse a caller before the service runs: on a route that names no record (no path
 * parameter: a creation, an action on a collection), a caller whose roles hold no rule at all for the action
 * on the subject gets 403, as the service would answer. Reads are left to the service (lists answer a filtered
 * page, even an empty one), and so is every route naming a record: a caller who cannot see the record must
 * get 404, which only the scoped read can tell.
 */
export function refusesEarly(route: { path: string; access: RouteAccess | undefined }): boolean {
  const access = route.access;
  return typeof access === 'object' && access.action !== 'read' && !route.path.includes(':');
}

/**
 * The second global guard, after authentication: reads the access each route declares with `@Endpoint`
 * (`@vigie/core`). At start it checks every route of every controller, and stops the application on a route
 * that declares none (or an action or subject the role table does not know): the permission cannot be
 * forgotten. At each request it refuses an undeclared route (500, fail closed) and refuses early what
 * {@link refusesEarly} allows; everything else is decided by the service's scoped reads (404 for the
 * invisible, 403 for an action on a visible record).
 */
@Injectable()
export class PermissionGuard implements CanActivate, OnModuleInit {
  private readonly earlyRefusals = new WeakSet<object>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onModuleInit(): void {
    const routes = this.routes();
    for (const route of routes.filter(refusesEarly)) this.earlyRefusals.add(route.handler);
    const problems = routes
      .map((route) => ({ route, problem: declarationProblem(route.access) }))
      .filter((item) => item.problem)
      .map(({ route, problem }) => `${route.name} (${route.path}): ${problem}`);
    if (problems.length > 0)
      throw new Error(
        `Every route declares who may call it, with @Endpoint(summary, { action, subject } | 'signed-in' | 'public'):\n  ${problems.join('\n  ')}`,
      );
  }

  /** Every route handler of every controller, with its path and declared access. */
  routes(): DeclaredRoute[] {
    const routes: DeclaredRoute[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => object) | undefined;
      if (!controller?.prototype) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat()[0] as string;
      for (const name of this.scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, object>)[name];
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const subPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (method === undefined || subPath === undefined) continue;
        routes.push({
          name: `${controller.name}.${name}`,
          path: `/${base}/${[subPath].flat()[0]}`.replace(/\/+/g, '/'),
          access: routeAccessOf(handler),
          handler,
        });
      }
    }
    return routes;
  }

  canActivate(execution: ExecutionContext): boolean {
    const handler = execution.getHandler();
    const access = routeAccessOf(handler);
    if (declarationProblem(access)) throw new Error(`Route without a declared access: ${handler.name}`);
    if (access === 'public' || access === 'signed-in' || !this.earlyRefusals.has(handler)) return true;
    const ctx = execution.switchToHttp().getRequest<Record<string, unknown>>()[CONTEXT_KEY];
    // The authentication guard runs first and leaves the caller's context: without one, fail closed.
    if (!(ctx instanceof RequestContext))
      throw new Error('Permission guard reached without a request context');
    const { action, subject } = access as { action: Action; subject: Subject };
    if (!abilityFor(ctx).can(action, subject)) throw new ForbiddenActionException();
    return true;
  }
}
