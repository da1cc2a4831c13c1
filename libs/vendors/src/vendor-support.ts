import { unscoped } from '@vigie/authz';
import { ValidationException } from '@vigie/core';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';

/** The vendor organisation `id` names, or a 400 on `field` (a member or an unknown id is no vendor). */
export async function vendorOrFail(
  manager: EntityManager,
  id: string,
  field = 'vendorId',
): Promise<Organisation> {
  const vendor = await unscoped(manager, 'checks that a referenced id is a vendor organisation').findOneBy(
    Organisation,
    { id, kind: 'vendor' },
  );
  if (!vendor)
    throw ValidationException.field(
      field,
      'doit être l’identifiant d’une organisation de type fournisseur (vendor)',
    );
  return vendor;
}

/** The operator organisation (owner of contracts, sender of questionnaires, owner of their reports). */
export async function operatorOf(manager: EntityManager): Promise<Organisation> {
  return unscoped(manager, 'the operator organisation, one per installation').findOneByOrFail(Organisation, {
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
