import { DomainException, ErrorCode, FieldError, ValidationException } from '@vigie/core';
import { DATA_CATEGORY_LABELS, labelOf } from '../data/register-labels';
import { ActivityContent } from './activity-content';

/**
 * What Art. 30.1 still needs before the DPO validates an entry (a draft may be partial): at least one purpose,
 * each with its legal basis; the data subjects; the data categories, each with its retention and final fate;
 * the NIR's legal ground when the NIR is used.
 */
export function missingForValidation(content: ActivityContent): FieldError[] {
  const missing: FieldError[] = [];
  if (content.purposes.length === 0) {
    missing.push({
      field: 'purposes',
      message: 'Art. 30.1.b du RGPD : indiquez au moins une finalité du traitement, avec sa base légale',
    });
  }
  content.purposes.forEach((purpose, index) => {
    if (!purpose.legalBasis) {
      missing.push({
        field: `purposes.${index}.legalBasis`,
        message: `Art. 6.1 et 30.1.b du RGPD : indiquez la base légale de la finalité « ${purpose.description} »`,
      });
    }
  });
  if (content.dataSubjects.length === 0) {
    missing.push({
      field: 'dataSubjects',
      message: 'Art. 30.1.c du RGPD : indiquez les catégories de personnes concernées',
    });
  }
  if (content.dataCategories.length === 0) {
    missing.push({
      field: 'dataCategories',
      message:
        'Art. 30.1.c du RGPD : indiquez les catégories de données, avec leur durée de conservation et leur sort final',
    });
  }
  content.dataCategories.forEach((item, index) => {
    const category = { ...item, category: labelOf(DATA_CATEGORY_LABELS, item.category) };
    if (!category.retention?.trim()) {
      missing.push({
        field: `dataCategories.${index}.retention`,
        message: `Art. 30.1.f du RGPD : indiquez la durée de conservation de « ${category.category} »`,
      });
    }
    if (!category.finalFate) {
      missing.push({
        field: `dataCategories.${index}.finalFate`,
        message: `indiquez le sort final de « ${category.category} » au terme de sa conservation (destruction, versement aux archives publiques ou tri ; code du patrimoine, art. L. 212-2 et L. 212-3)`,
      });
    }
  });
  if (content.nir?.used && !content.nir.legalGround) {
    missing.push({
      field: 'nir.legalGround',
      message:
        "Art. 30 de la loi n° 78-17 : indiquez le fondement de l'usage du NIR (décret n° 2019-341 et l'item utilisé, ou le texte qui l'autorise)",
    });
  }
  return missing;
}

/** A year after `date` (YYYY-MM-DD), 29 February giving 28 February. */
export function oneYearAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  const next = new Date(Date.UTC(year + 1, month - 1, day));
  if (next.getUTCMonth() !== month - 1) next.setUTCDate(0);
  return next.toISOString().slice(0, 10);
}

/** The 409 of a validation refused, with what is missing. */
export function notValidatable(errors: FieldError[]): DomainException {
  const detail =
    errors.length === 1 && errors[0].field === 'dpiaAssessment'
      ? errors[0].message
      : `La fiche ne peut pas être validée : ${errors
          .slice(0, 3)
          .map((e) => e.message)
          .join(' ; ')}${errors.length > 3 ? ` (et ${errors.length - 3} autre(s) point(s))` : ''}`;
  return new DomainException(ErrorCode.Conflict, detail, errors);
}

/** The 400 of register rules broken. */
export function invalid(errors: FieldError[]): ValidationException {
  return new ValidationException(
    errors
      .slice(0, 3)
      .map((e) => `${e.field} : ${e.message}`)
      .join(' ; '),
    errors,
  );
}
