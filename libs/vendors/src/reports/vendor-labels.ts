import type { ClauseStatus } from '../contracts/contract.entity';
import type { CertificationKind } from '../profiles/vendor-profile.entity';
import type { QuestionnaireStatus } from '../questionnaires/questionnaire.entity';
import type { QuestionType } from '../templates/template-definition';

export const CLAUSE_STATUS_FR: Record<ClauseStatus, string> = {
  present: 'Présente',
  partial: 'Partielle',
  missing: 'Absente',
  'not-applicable': 'Non applicable',
};

export const QUESTIONNAIRE_STATUS_FR: Record<QuestionnaireStatus, string> = {
  sent: 'Envoyé',
  'in-progress': 'En cours de réponse',
  submitted: 'Soumis, en revue',
  'changes-requested': 'Compléments demandés',
  accepted: 'Accepté',
};

export const QUESTION_TYPE_FR: Record<QuestionType, string> = {
  'yes-no': 'Oui / non',
  'single-choice': 'Choix unique',
  'multiple-choice': 'Choix multiple',
  text: 'Texte',
  number: 'Nombre',
  date: 'Date',
};

export const CERTIFICATION_KIND_FR: Record<CertificationKind, string> = {
  hds: 'HDS',
  iso27001: 'ISO/IEC 27001',
  other: 'Autre',
};
