import { scoped, unscoped } from '@vigie/authz';
import { RequestContext, ValidationException } from '@vigie/core';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';

/**
 * The vendor organisation `id` names, if the caller reads it, or a 400 on `field` (a member, an unknown or an
 * invisible id is no vendor).
 */
export async function vendorOrFail(
  manager: EntityManager,
  ctx: RequestContext,
  id: string,
  field = 'vendorId',
): Promise<Organisation> {
  const vendor = await scoped(manager, ctx).findOneBy('Organisation', Organisation, { id, kind: 'vendor' });
  if (!vendor)
    throw ValidationException.field(
      field,
      'doit être l’identifiant d’une organisation de type fournisseur (vendor)',
    );
  return vendor;
}

/** The operator organisation (owner of contracts, sender of questionnaires, owner of their reports). */
export async function operatorOf(manager: EntityManager): Promise<Organisation> {
  return unscoped(
    manager,
    'the operator organisation, the one owner of contracts, questionnaires and reports in the installation: read for whoever the caller (a vendor contact reaches only its own organisation)',
  ).findOneByOrFail(Organisation, {
    kind: 'operator',
  });
}

/** Today's calendar date in Paris (`YYYY-MM-DD`): validity and due dates are the operator's dates. */
export { todayInParis } from '@vigie/core';

/** Trims a text; an empty one becomes null. */
export function cleanText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * Runs queries one after the other and returns their results like `Promise.all`: the queries of one request
 * share a connection (a transaction's, or PGlite's only one), which must not be sent a query while busy.
 */
export async function inSequence<T extends readonly (() => unknown)[]>(
  tasks: [...T],
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
