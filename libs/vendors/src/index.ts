export * from './vendors.module';
export { VendorAssuranceService } from './assurance/vendor-assurance.service';
export type { ApplicationAssurance, AssuranceAlert } from './assurance/vendor-assurance.service';
export { checklistFor, clauseDefinition } from './contracts/clause-catalog';
export type { ClauseDefinition, ClauseFamily } from './contracts/clause-catalog';
export { coverageOf } from './contracts/coverage';
export { answerPoints, checkAnswer, questionnaireScore } from './questionnaires/answer-rules';
export { BUILTIN_TEMPLATE } from './templates/builtin-template';
export { templateErrors } from './templates/template-definition';
