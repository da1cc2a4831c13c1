import type { Action, Subject } from '@vigie/authz';
import type { RouteInfo } from '../../support/routes';
import type { RouteExpectation } from './expectations';
import type { MatrixFixtures } from './fixtures';
import { may, maySomewhere, MatrixRole, Outcome, Side } from './model';

/** The permission a route declares on itself (`@Endpoint`), the one the derivation works from. */
export function permissionOf(route: RouteInfo): { action: Action; subject: Subject } {
  if (typeof route.access !== 'object') throw new Error(`${route.key} declares no permission`);
  return route.access as { action: Action; subject: Subject };
}

/**
 * The outcome the role table gives a caller on a route (before any explicit override), from the permission the route
 * declares: the caller must first reach the record (`reach`, by default the record itself, read) or get 404,
 * then hold the action on it or get 403; a list answers a page filtered to what the caller may read.
 */
export function derive(
  fx: MatrixFixtures,
  route: RouteInfo,
  spec: RouteExpectation,
  role: MatrixRole,
  side: Side,
): Outcome {
  if (route.isPublic) return 'allowed';
  if (role === 'anonymous') return 401;
  if (route.access === 'signed-in') return 'allowed';
  const { action, subject } = permissionOf(route);
  const ctx = fx.contexts[role];
  const s = side === '-' ? 'own' : side;
  if (spec.list) {
    // A list answers a page filtered to what the caller may read: empty without a grant on what it lists.
    const parent = spec.reach?.(fx, s, role);
    if (parent && !may(ctx, 'read', parent)) return 404;
    if (spec.record)
      return may(ctx, 'read', { subject: subject, record: spec.record(fx, s, role) }) ? 'allowed' : 'empty';
    return maySomewhere(ctx, 'read', subject) ? 'allowed' : 'empty';
  }
  const reach =
    spec.reach?.(fx, s, role) ??
    (spec.record ? { subject: subject, record: spec.record(fx, s, role) } : undefined);
  if (reach && !may(ctx, 'read', reach)) return 404;
  if (spec.record)
    return may(ctx, action, { subject: subject, record: spec.record(fx, s, role) }) ? 'allowed' : 403;
  return maySomewhere(ctx, action, subject) ? 'allowed' : 403;
}
