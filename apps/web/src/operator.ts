import { ApiError } from './api/client';
import { useSession } from './session';

/** What the person may do on the operator's side, from the role table's operator rules. */
export function useOperatorRights() {
  const { workspaces } = useSession();
  const operatorRoles = workspaces.filter((w) => w.kind === 'operator').flatMap((w) => w.roles);
  return {
    /** Reads the certification (security officer, administrator, auditor). */
    readsCertification: operatorRoles.length > 0,
    /** Changes assessments, evidence, access-review campaigns (security officer only). */
    isSecurityOfficer: operatorRoles.includes('security-officer'),
    /** Reads access reviews: every operator role but the auditor, and members' DPOs (their own). */
    readsAccessReviews:
      operatorRoles.some((r) => r === 'security-officer' || r === 'admin') ||
      workspaces.some((w) => w.kind === 'member' && w.roles.includes('dpo')),
  };
}

/** A 404 (or a malformed id, 400): the record does not exist for this person. */
export const isNotFound = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

/** A 403 on a read: the record exists, the person's role does not read it in this form. */
export const isReserved = (error: unknown) => error instanceof ApiError && error.status === 403;

/** The French message of a refused change. */
export function refusal(
  error: unknown,
  fallback = "L'enregistrement a échoué. Réessayez dans un instant.",
): string {
  if (error instanceof ApiError) {
    if (error.status === 409)
      return `Refusé : ${error.problem.detail ?? "l'élément a changé entre-temps, rechargez la page."}`;
    if (error.status === 400 || error.status === 403 || error.status === 413 || error.status === 415) {
      const fields = error.problem.errors?.map((e) => e.message).join(' ; ');
      return `Refusé : ${fields || error.problem.detail || 'la demande est invalide.'}`;
    }
  }
  return fallback;
}

/** « 3 exigences », « 1 exigence », « aucune exigence »: {@link plural} for a feminine noun. */
export function pluralF(count: number, singular: string, pluralForm = `${singular}s`): string {
  if (count === 0) return `aucune ${singular}`;
  return `${count.toLocaleString('fr-FR')} ${count === 1 ? singular : pluralForm}`;
}
