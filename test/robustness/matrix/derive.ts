import type { RouteInfo } from '../../support/routes';
import type { RouteExpectation } from './expectations';
import type { MatrixFixtures } from './fixtures';
import { may, maySomewhere, MatrixRole, Outcome, Side } from './model';

/** The outcome the role table gives a caller on a route (before any explicit override). */
export function derive(
  fx: MatrixFixtures,
  route: RouteInfo,
  spec: RouteExpectation,
  role: MatrixRole,
  side: Side,
): Outcome {
  if (route.isPublic) return 'allowed';
  if (role === 'anonymous') return 401;
  const ctx = fx.contexts[role];
  const s = side === '-' ? 'own' : side;
  if (spec.list) {
    // A list answers a page filtered to what the caller may read: empty without a grant on what it lists.
    const parent = spec.reach?.(fx, s, role);
    if (parent && !may(ctx, 'read', parent)) return 404;
    if (spec.record)
      return may(ctx, 'read', { subject: spec.subject, record: spec.record(fx, s, role) })
        ? 'allowed'
        : 'empty';
    return maySomewhere(ctx, 'read', spec.subject) ? 'allowed' : 'empty';
  }
  const reach =
    spec.reach?.(fx, s, role) ??
    (spec.record ? { subject: spec.subject, record: spec.record(fx, s, role) } : undefined);
  if (reach && !may(ctx, 'read', reach)) return 404;
  if (spec.record)
    return may(ctx, spec.action, { subject: spec.subject, record: spec.record(fx, s, role) })
      ? 'allowed'
      : 403;
  return maySomewhere(ctx, spec.action, spec.subject) ? 'allowed' : 403;
}
