import { canSomewhere, findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { Organisation } from '@vigie/identity';
import { inSequence } from '../vendor-support';
import { EntityManager, In } from 'typeorm';
import { QuestionnaireTemplate } from '../templates/questionnaire-template.entity';
import { choicesOf, QuestionChoice, QuestionDefinition, questionsOf } from '../templates/template-definition';
import { AnswerValue } from './answer-rules';
import {
  Questionnaire,
  QuestionnaireAnswer,
  QuestionnaireAttachment,
  QuestionnaireComment,
  QuestionnaireStatus,
} from './questionnaire.entity';

export interface QuestionnaireSummary {
  id: string;
  vendorId: string;
  vendorName: string;
  templateId: string;
  templateName: string;
  status: QuestionnaireStatus;
  dueDate: string;
  /** The operator's assessment: absent for a vendor contact (see {@link scoresVisible}). */
  score?: number | null;
  sentAt: Date;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  previousQuestionnaireId: string | null;
  version: number;
}

export interface CommentView {
  id: string;
  questionKey: string;
  internal: boolean;
  body: string;
  authorId: string | null;
  createdAt: Date;
}

export interface AttachmentView {
  id: string;
  questionKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

/** A choice as the caller sees it: without its score for a vendor contact. */
export type ChoiceView = Omit<QuestionChoice, 'score'> & { score?: number };

export interface QuestionView extends Omit<QuestionDefinition, 'choices' | 'weight'> {
  /** Absent for a vendor contact. */
  weight?: number;
  choices: ChoiceView[];
  answer: { value: AnswerValue; comment: string | null; updatedAt: Date } | null;
  attachments: AttachmentView[];
  comments: CommentView[];
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  progress: { questions: number; answered: number; required: number; requiredAnswered: number };
  sections: { key: string; title: string; questions: QuestionView[] }[];
}

/**
 * Whether the caller may see how the operator scores a vendor: the questionnaire's score, each question's
 * weight and each choice's points. Vendor contacts may not (they hold no grant on `QuestionnaireScore`): what
 * they read never carries a `score` or `weight` key.
 */
export function scoresVisible(ctx: RequestContext): boolean {
  return canSomewhere(ctx, 'read', 'QuestionnaireScore');
}

/** One questionnaire the caller may read (404 otherwise); its changes lock it through `auditedChange()`. */
export function visibleQuestionnaire(
  manager: EntityManager,
  ctx: RequestContext,
  id: string,
): Promise<Questionnaire> {
  return findVisibleOrFail(manager, ctx, 'Questionnaire', Questionnaire, id, { label: 'Questionnaire' });
}

export async function templateOf(manager: EntityManager, questionnaire: Questionnaire) {
  return unscoped(
    manager,
    'the template of a questionnaire read scoped: templates are a global catalogue with no tenant, and vendor contacts answering hold no grant on it',
  ).findOneByOrFail(QuestionnaireTemplate, {
    id: questionnaire.templateId,
  });
}

/** Summaries of questionnaires, with vendor and template names (two queries for the whole page). */
export async function summaries(
  manager: EntityManager,
  ctx: RequestContext,
  questionnaires: Questionnaire[],
): Promise<QuestionnaireSummary[]> {
  const withScores = scoresVisible(ctx);
  if (questionnaires.length === 0) return [];
  const names = unscoped(
    manager,
    'the vendor and template names of questionnaires read scoped: shown whatever the caller reaches of organisations (an auditor only its own) and of the global template catalogue (vendor contacts none)',
  );
  const [vendors, templates] = await inSequence([
    () =>
      names.find(Organisation, {
        select: { id: true, name: true },
        where: { id: In([...new Set(questionnaires.map((q) => q.vendorId))]) },
      }),
    () =>
      names.find(QuestionnaireTemplate, {
        select: { id: true, name: true },
        where: { id: In([...new Set(questionnaires.map((q) => q.templateId))]) },
      }),
  ]);
  const vendorNames = new Map(vendors.map((vendor) => [vendor.id, vendor.name]));
  const templateNames = new Map(templates.map((template) => [template.id, template.name]));
  return questionnaires.map((q) => ({
    id: q.id,
    vendorId: q.vendorId,
    vendorName: vendorNames.get(q.vendorId) ?? '',
    templateId: q.templateId,
    templateName: templateNames.get(q.templateId) ?? '',
    status: q.status,
    dueDate: q.dueDate,
    ...(withScores ? { score: q.score } : {}),
    sentAt: q.sentAt,
    submittedAt: q.submittedAt,
    reviewedAt: q.reviewedAt,
    reviewComment: q.reviewComment,
    previousQuestionnaireId: q.previousQuestionnaireId,
    version: q.version,
  }));
}

/**
 * The comments on a questionnaire the caller may read: shared ones through `QuestionnaireComment`, internal
 * ones through `QuestionnaireInternalComment` (a subject vendor contacts do not hold, so the SQL returns them
 * no internal comment at all).
 */
export async function visibleComments(
  manager: EntityManager,
  ctx: RequestContext,
  questionnaireId: string,
): Promise<CommentView[]> {
  const [shared, internal] = await inSequence([
    () =>
      scopedQuery(manager, ctx, 'read', 'QuestionnaireComment', QuestionnaireComment, 'c')
        .andWhere('c.questionnaireId = :questionnaireId AND c.internal = false', { questionnaireId })
        .getMany(),
    () =>
      scopedQuery(manager, ctx, 'read', 'QuestionnaireInternalComment', QuestionnaireComment, 'c')
        .andWhere('c.questionnaireId = :questionnaireId AND c.internal = true', { questionnaireId })
        .getMany(),
  ]);
  return [...shared, ...internal]
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map(({ id, questionKey, internal: isInternal, body, authorId, createdAt }) => ({
      id,
      questionKey,
      internal: isInternal,
      body,
      authorId,
      createdAt,
    }));
}

export function toAttachmentView(attachment: QuestionnaireAttachment): AttachmentView {
  const { id, questionKey, fileName, contentType, size, sha256, uploadedAt } = attachment;
  return { id, questionKey, fileName, contentType, size, sha256, uploadedAt };
}

/** The whole questionnaire: every question with its answer, attachments and the comments the caller may read. */
export async function detail(
  manager: EntityManager,
  ctx: RequestContext,
  questionnaire: Questionnaire,
): Promise<QuestionnaireDetail> {
  const [[summary], template, answers, attachments, comments] = await inSequence([
    () => summaries(manager, ctx, [questionnaire]),
    () => templateOf(manager, questionnaire),
    () =>
      scopedQuery(manager, ctx, 'read', 'Questionnaire', QuestionnaireAnswer, 'a')
        .andWhere('a.questionnaireId = :id', { id: questionnaire.id })
        .getMany(),
    () =>
      scopedQuery(manager, ctx, 'read', 'Questionnaire', QuestionnaireAttachment, 'f')
        .andWhere('f.questionnaireId = :id', { id: questionnaire.id })
        .orderBy('f.uploadedAt', 'ASC')
        .addOrderBy('f.id', 'ASC')
        .getMany(),
    () => visibleComments(manager, ctx, questionnaire.id),
  ]);
  const answerOf = new Map(answers.map((answer) => [answer.questionKey, answer]));
  const questions = questionsOf(template.sections);
  const answered = questions.filter((q) => answerOf.has(q.key));
  const withScores = scoresVisible(ctx);
  return {
    ...summary,
    progress: {
      questions: questions.length,
      answered: answered.length,
      required: questions.filter((q) => q.required).length,
      requiredAnswered: answered.filter((q) => q.required).length,
    },
    sections: template.sections.map((section) => ({
      key: section.key,
      title: section.title,
      questions: section.questions.map((question) => {
        const answer = answerOf.get(question.key);
        const { weight, choices: _choices, ...shown } = question;
        return {
          ...shown,
          ...(withScores ? { weight } : {}),
          choices: choicesOf(question).map(({ value, label, score }) =>
            withScores ? { value, label, score } : { value, label },
          ),
          answer: answer
            ? { value: answer.value, comment: answer.comment, updatedAt: answer.updatedAt }
            : null,
          attachments: attachments.filter((a) => a.questionKey === question.key).map(toAttachmentView),
          comments: comments.filter((c) => c.questionKey === question.key),
        };
      }),
    })),
  };
}
