import type { FieldError } from '@vigie/core';
import { isInEea } from '@vigie/reference-data';
import { ART10_CONDITION, ART9_CONDITIONS, CRIMINAL_DATA } from '../data/register-labels';
import type { SpecialCategory, Transfer } from './activity-content';

/** What the rules read of an entry (or a template). */
export interface RuleInput {
  specialCategories?: SpecialCategory[];
  transfers?: Transfer[];
}

/**
 * The register's rules beyond the shape of each field: each special category needs a condition that lifts
 * the Art. 9 prohibition (Art. 10 for criminal data) and appears once; a transfer outside the European
 * Economic Area needs a safeguard (adequacy decision, standard contractual clauses, binding corporate rules…).
 */
export function checkRegisterRules(input: RuleInput): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (input.specialCategories ?? []).forEach((special, index) => {
    const allowed =
      special.category === CRIMINAL_DATA ? [...ART9_CONDITIONS, ART10_CONDITION] : ART9_CONDITIONS;
    if (!allowed.includes(special.condition)) {
      errors.push({
        field: `specialCategories.${index}.condition`,
        message: `la condition doit être l'une de ${allowed.join(', ')} (la condition de l'article 9.2 qui permet de traiter « ${special.category} »)`,
      });
    }
    if (seen.has(special.category)) {
      errors.push({
        field: `specialCategories.${index}.category`,
        message: `« ${special.category} » figure deux fois`,
      });
    }
    seen.add(special.category);
  });
  (input.transfers ?? []).forEach((transfer, index) => {
    if (!isInEea(transfer.country) && !transfer.safeguard?.trim()) {
      errors.push({
        field: `transfers.${index}.safeguard`,
        message: `un transfert hors de l'Espace économique européen (${transfer.country}) exige une garantie (art. 45 à 49 du RGPD)`,
      });
    }
  });
  return errors;
}
