import type { InclusionReason, RequirementStatus } from '../assessments/requirement-assessment.entity';

/** The state of a requirement or an Annex A measure: agreed with « exigence » and « mesure » (feminine). */
export const STATUS_FR: Record<RequirementStatus, string> = {
  'not-started': 'Non commencée',
  'in-progress': 'En cours',
  implemented: 'Mise en œuvre',
  'not-applicable': 'Non applicable',
};

export const INCLUSION_REASON_FR: Record<InclusionReason, string> = {
  legal: 'Obligation légale ou réglementaire',
  contractual: 'Exigence contractuelle',
  'risk-treatment': 'Traitement du risque',
  'best-practice': 'Bonne pratique',
};

export const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');
