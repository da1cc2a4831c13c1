import type { OrganisationKind } from '@vigie/core';

/** Roles a user may hold in an organisation, by kind of organisation. */
export const ROLES_BY_KIND = {
  operator: ['admin', 'security-officer', 'auditor'],
  member: ['dpo', 'editor', 'reader'],
  vendor: ['vendor-contact'],
} as const satisfies Record<OrganisationKind, readonly string[]>;

export type Role = (typeof ROLES_BY_KIND)[OrganisationKind][number];

export const ALL_ROLES: readonly Role[] = Object.values(ROLES_BY_KIND).flat();

export function roleFitsKind(role: string, kind: OrganisationKind): boolean {
  return (ROLES_BY_KIND[kind] as readonly string[]).includes(role);
}

/** Roles held in the operator organisation. */
export const OPERATOR_ROLES: readonly Role[] = ROLES_BY_KIND.operator;
