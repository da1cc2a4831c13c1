import { AbilityBuilder, createMongoAbility, ForcedSubject, MongoAbility, MongoQuery } from '@casl/ability';
import type { RequestContext } from '@vigie/core';
import { Action, ACTIONS, ROLE_TABLE, Subject, SUBJECT_TENANT_FIELD } from './role-table';
import type { Role } from './roles';

export type AppAbility = MongoAbility<[Action, Subject | ForcedSubject<Subject>]>;

/** Sentinel of an unrestricted tenant scope. */
export const ANY_ORGANISATION = 'any' as const;
export type TenantScope = typeof ANY_ORGANISATION | string[];

const abilities = new WeakMap<RequestContext, AppAbility>();

// Abilities depend only on the user id (grants on assigned records) and the memberships, and CASL abilities are
// immutable once built: a user's successive requests share one. Bounded: cleared past this many entries.
const MAX_SHARED_ABILITIES = 5000;
const sharedAbilities = new Map<string, AppAbility>();

const signatures = new WeakMap<RequestContext, string>();

/**
 * Everything the caller's CASL ability and tenant scopes are computed from: the reach, the user id (grants on
 * assigned records) and each membership's role and organisation. Two contexts with the same signature get
 * the same ability, the same {@link tenantScope} and so the same scoped SQL: what may be shared between a
 * caller's requests is keyed by it, and a role given or removed changes it at the next request.
 */
export function scopeSignature(ctx: RequestContext): string {
  const known = signatures.get(ctx);
  if (known !== undefined) return known;
  const signature = ctx.allOrganisations
    ? '*system*'
    : `${ctx.userId ?? ''}#${(ctx.actor?.memberships ?? [])
        .map((m) => `${m.role}@${m.organisationId}`)
        .sort()
        .join('|')}`;
  signatures.set(ctx, signature);
  return signature;
}

/** Builds the CASL ability of a caller from their memberships and the role table (cached). */
export function abilityFor(ctx: RequestContext): AppAbility {
  const cached = abilities.get(ctx);
  if (cached) return cached;
  if (ctx.allOrganisations) return systemAbility();
  const signature = scopeSignature(ctx);
  let ability = sharedAbilities.get(signature);
  if (!ability) {
    ability = buildAbility(ctx.userId, ctx.actor?.memberships ?? []);
    if (sharedAbilities.size >= MAX_SHARED_ABILITIES) sharedAbilities.clear();
    sharedAbilities.set(signature, ability);
  }
  abilities.set(ctx, ability);
  return ability;
}

let everything: AppAbility | null = null;

/** The ability of system work: every action on every subject, with no condition. */
function systemAbility(): AppAbility {
  if (!everything) {
    const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
    can([...ACTIONS], Object.keys(SUBJECT_TENANT_FIELD) as Subject[]);
    everything = build();
  }
  return everything;
}

function buildAbility(
  userId: string | null,
  memberships: readonly { organisationId: string; role: string }[],
): AppAbility {
  const { can, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  for (const membership of memberships) {
    for (const grant of ROLE_TABLE[membership.role as Role] ?? []) {
      const tenantField = SUBJECT_TENANT_FIELD[grant.subject];
      const only = Object.fromEntries(
        Object.entries(grant.only ?? {}).map(([field, values]) => [field, { $in: [...values] }]),
      );
      if (grant.scope === 'any') {
        if (grant.only) can([...grant.actions], grant.subject, only as MongoQuery<never>);
        else can([...grant.actions], grant.subject);
      } else if (tenantField) {
        const conditions: Record<string, unknown> = { [tenantField]: membership.organisationId, ...only };
        if (grant.userField) {
          // A grant on the records assigned to the caller: nothing for a caller without a user id.
          if (!userId) continue;
          conditions[grant.userField] = userId;
        }
        can([...grant.actions], grant.subject, conditions as MongoQuery<never>);
      }
    }
  }
  return build();
}

/**
 * The organisations in which the caller may perform `action` on `subject`, read from the memberships and the
 * role table without CASL: the second, independent filter that keeps a rule mistake inside the tenant.
 */
export function tenantScope(ctx: RequestContext, action: Action, subject: Subject): TenantScope {
  if (ctx.allOrganisations) return ANY_ORGANISATION;
  const organisations = new Set<string>();
  for (const membership of ctx.actor?.memberships ?? []) {
    for (const grant of ROLE_TABLE[membership.role as Role] ?? []) {
      if (grant.subject !== subject || !grant.actions.includes(action)) continue;
      if (grant.scope === 'any') return ANY_ORGANISATION;
      organisations.add(membership.organisationId);
    }
  }
  return [...organisations];
}

/** Whether the caller holds one of these roles in any organisation. */
export function hasRole(ctx: RequestContext, ...roles: Role[]): boolean {
  return (ctx.actor?.memberships ?? []).some((m) => roles.includes(m.role as Role));
}

/** Whether the caller holds one of these roles in the given organisation. */
export function hasRoleIn(ctx: RequestContext, organisationId: string, ...roles: Role[]): boolean {
  return (ctx.actor?.memberships ?? []).some(
    (m) => m.organisationId === organisationId && roles.includes(m.role as Role),
  );
}
