import type { FieldError } from '@vigie/core';
import { DPIA_ASSESSMENT_STATUSES, DPIA_RESIDUAL_RISKS, ruleListLabel } from '@vigie/reference-data';
import type { DpiaScreening } from '../dpia/dpia-screening';

/** A DPIA carried out for an entry (Art. 35): its progress, its conclusion and the prior consultation (Art. 36). */
export interface DpiaAssessment {
  status: 'in-progress' | 'done';
  /** YYYY-MM-DD. */
  startedAt?: string;
  /** YYYY-MM-DD; set to the day it was recorded as done when not given. */
  completedAt?: string;
  /** Where the DPIA document is (its reference or file name). */
  reference?: string;
  residualRisk?: 'low' | 'medium' | 'high';
  /** The CNIL was consulted before the processing (Art. 36.1). */
  priorConsultation?: boolean;
  conclusion?: string;
  recordedAt: string;
  recordedBy: string | null;
  recordedByName?: string | null;
}

export const DPIA_REQUIRED_MESSAGE =
  "Une AIPD est requise : enregistrez l'AIPD réalisée ou la décision motivée de ne pas la mener";

/** Checks of an assessment beyond each field's shape: dates in order, none in the future, done means done. */
export function checkDpiaAssessment(
  assessment: Pick<DpiaAssessment, 'status' | 'startedAt' | 'completedAt'>,
  today: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (assessment.status === 'in-progress' && assessment.completedAt) {
    errors.push({
      field: 'completedAt',
      message: "une AIPD en cours n'a pas encore de date d'achèvement (statut « done » une fois terminée)",
    });
  }
  if (assessment.startedAt && assessment.startedAt > today) {
    errors.push({ field: 'startedAt', message: 'la date de début ne peut pas être dans le futur' });
  }
  if (assessment.completedAt && assessment.completedAt > today) {
    errors.push({ field: 'completedAt', message: "la date d'achèvement ne peut pas être dans le futur" });
  }
  if (assessment.startedAt && assessment.completedAt && assessment.completedAt < assessment.startedAt) {
    errors.push({ field: 'completedAt', message: "la date d'achèvement précède la date de début" });
  }
  return errors;
}

/** Art. 36.1: a DPIA concluding on a high residual risk calls for the CNIL's prior consultation. */
export function dpiaAssessmentWarnings(assessment: DpiaAssessment | null | undefined): FieldError[] {
  if (assessment?.residualRisk === 'high' && assessment.priorConsultation !== true) {
    return [
      {
        field: 'dpiaAssessment.priorConsultation',
        message:
          "Art. 36 du RGPD : l'AIPD conclut à un risque résiduel élevé ; la CNIL doit être consultée avant la mise " +
          'en œuvre du traitement',
      },
    ];
  }
  return [];
}

/**
 * Whether the DPIA the screening requires blocks the validation: it does until a DPIA is done or the DPO
 * recorded a reasoned decision not to carry one out that still holds (the criteria have not changed since).
 */
export function dpiaValidationError(
  screening: DpiaScreening,
  assessment: DpiaAssessment | null | undefined,
): FieldError | null {
  if (!screening.required) return null;
  if (assessment?.status === 'done') return null;
  if (screening.decision && !screening.decision.stale) return null;
  const why = screening.decision?.stale
    ? " (la décision de ne pas mener d'AIPD date d'avant un changement des critères : elle doit être réexaminée)"
    : assessment?.status === 'in-progress'
      ? " (l'AIPD est en cours)"
      : '';
  return { field: 'dpiaAssessment', message: `${DPIA_REQUIRED_MESSAGE}${why}` };
}

/** The assessment in French lines, for the sheet. */
export function dpiaAssessmentFields(
  assessment: DpiaAssessment,
  formatDate: (ymd: string) => string,
): [string, string][] {
  const date = (value?: string) => (value ? formatDate(value) : '—');
  const fields: [string, string][] = [
    ['AIPD menée', ruleListLabel(DPIA_ASSESSMENT_STATUSES, assessment.status)],
    ['Début', date(assessment.startedAt)],
  ];
  if (assessment.status === 'done') fields.push(['Achèvement', date(assessment.completedAt)]);
  if (assessment.reference) fields.push(['Référence du document', assessment.reference]);
  if (assessment.residualRisk)
    fields.push(['Risque résiduel', ruleListLabel(DPIA_RESIDUAL_RISKS, assessment.residualRisk)]);
  if (assessment.priorConsultation !== undefined)
    fields.push([
      'Consultation préalable de la CNIL (art. 36)',
      assessment.priorConsultation ? 'Oui' : 'Non',
    ]);
  if (assessment.conclusion) fields.push(['Conclusion', assessment.conclusion]);
  return fields;
}
