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

/** The four themes of ISO/IEC 27001:2022 Annex A, as the French edition (NF EN ISO/IEC 27001) names them. */
export const THEME_FR: Record<string, string> = {
  'Organizational controls': 'Mesures organisationnelles',
  'People controls': 'Mesures applicables aux personnes',
  'Physical controls': 'Mesures physiques',
  'Technological controls': 'Mesures technologiques',
};

/** HDS v2 chapters. */
export const HDS_CHAPTER_FR: Record<string, string> = {
  '1. Conditions': '1. Conditions de certification',
  '5. ISMS extensions': '5. Extensions du SMSI',
  '6. Contract clauses': '6. Clauses contractuelles',
  '7. Sovereignty': '7. Souveraineté',
};

/** The six hosting activities of article R.1111-9 of the Code de la santé publique. */
export const HDS_ACTIVITY_FR: Record<number, string> = {
  1: "Mise à disposition et maintien en condition opérationnelle des sites physiques permettant d'héberger l'infrastructure matérielle du système d'information utilisé pour le traitement des données de santé",
  2: "Mise à disposition et maintien en condition opérationnelle de l'infrastructure matérielle du système d'information utilisé pour le traitement des données de santé",
  3: "Mise à disposition et maintien en condition opérationnelle de la plateforme d'hébergement d'applications du système d'information",
  4: "Mise à disposition et maintien en condition opérationnelle de l'infrastructure virtuelle du système d'information utilisé pour le traitement des données de santé",
  5: "Administration et exploitation du système d'information contenant les données de santé",
  6: 'Sauvegarde des données de santé',
};

export const yesNo = (value: boolean) => (value ? 'Oui' : 'Non');
