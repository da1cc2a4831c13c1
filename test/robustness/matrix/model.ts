import { subject as asSubject } from '@casl/ability';
import {
  abilityFor,
  Action,
  ANY_ORGANISATION,
  Subject,
  SUBJECT_TENANT_FIELD,
  tenantScope,
} from '@vigie/authz';
import { RequestContext } from '@vigie/core';

/** The callers of the matrix: the seven roles of the role table, and nobody signed in. */
export const MATRIX_ROLES = [
  'admin',
  'security-officer',
  'auditor',
  'dpo',
  'editor',
  'reader',
  'vendor-contact',
  'anonymous',
] as const;
export type MatrixRole = (typeof MATRIX_ROLES)[number];

/**
 * Which of the two resources of a kind the call targets. `own` is the resource of the caller's side of the
 * world (member A for member-owned resources, the test vendor for vendor-owned ones, the caller's own
 * organisation for organisation-level routes), `other` the one of an organisation the caller does not belong
 * to (member B, a second vendor). Each route documents what they are for it; a route that reaches no
 * particular organisation (lists, reference data, the single operator's assessments) has a single case, `-`.
 */
export type Side = 'own' | 'other' | '-';

/**
 * An outcome class: an allowed call may answer any 2xx, or a domain 400/409 caused by the state; `empty` is
 * a list answered but filtered to nothing (a caller with no grant on what it lists), and an `allowed` list
 * must hold something (the fixtures give every caller with a grant at least one row).
 */
export type Outcome = 401 | 403 | 404 | 'allowed' | 'empty';

/** A record of a subject, as CASL and the tenant filter see it (tenant field, assigned user…). */
export interface Target {
  subject: Subject;
  record: Record<string, unknown>;
}

/**
 * Whether the caller may `action` this record by both filters of `libs/authz`: the tenant scope computed from
 * the role table (the record's tenant field must name an organisation in it, unless the scope is `any`) and
 * the CASL ability (grants' conditions, e.g. the assigned reviewer).
 */
export function may(ctx: RequestContext, action: Action, target: Target): boolean {
  const field = SUBJECT_TENANT_FIELD[target.subject];
  const scope = tenantScope(ctx, action, target.subject);
  if (scope !== ANY_ORGANISATION) {
    if (!field) return false;
    const values = [target.record[field]].flat() as string[];
    if (!values.some((value) => scope.includes(value))) return false;
  }
  return abilityFor(ctx).can(action, asSubject(target.subject, { ...target.record }));
}

/** Whether the caller holds `action` on `subject` anywhere (what a route acting on no record checks). */
export function maySomewhere(ctx: RequestContext, action: Action, subject: Subject): boolean {
  return abilityFor(ctx).can(action, subject);
}
