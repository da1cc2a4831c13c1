import { notifyQuestionnaireSent } from './questionnaire-notices';
import { Injectable } from '@nestjs/common';
import { canSomewhere, scoped, scopedQuery } from '@vigie/authz';
import {
  ForbiddenActionException,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { QuestionnaireTemplate } from '../templates/questionnaire-template.entity';
import { questionsOf } from '../templates/template-definition';
import { operatorOf, todayInParis, vendorOrFail } from '../vendor-support';
import { AnswerValue, checkAnswer, questionnaireScore } from './answer-rules';
import { QuestionnaireListQuery, SendQuestionnaireDto } from './questionnaire.dto';
import { Questionnaire, QuestionnaireAnswer } from './questionnaire.entity';
import {
  detail,
  QuestionnaireDetail,
  QuestionnaireSummary,
  summaries,
  visibleQuestionnaire,
} from './questionnaire-views';

/** Sending questionnaires to vendors and reading them (each vendor contact reads only its own vendor's). */
@Injectable()
export class QuestionnairesService {
  constructor(private readonly tx: Transactions) {}

  async send(ctx: RequestContext, dto: SendQuestionnaireDto): Promise<QuestionnaireDetail> {
    if (!canSomewhere(ctx, 'create', 'Questionnaire')) throw new ForbiddenActionException();
    return this.tx.run(async (manager) => {
      await vendorOrFail(manager, ctx, dto.vendorId);
      const template = await scoped(manager, ctx).findOneBy('QuestionnaireTemplate', QuestionnaireTemplate, {
        id: dto.templateId,
      });
      if (!template) throw ValidationException.field('templateId', 'modèle de questionnaire inconnu');
      if (dto.dueDate < todayInParis())
        throw ValidationException.field('dueDate', 'doit être aujourd’hui ou plus tard');
      const previous = dto.previousQuestionnaireId
        ? await this.previousOf(manager, ctx, dto.previousQuestionnaireId, dto.vendorId)
        : null;
      const operator = await operatorOf(manager);
      const questionnaire = manager.create(Questionnaire, {
        organisationId: operator.id,
        vendorId: dto.vendorId,
        templateId: template.id,
        previousQuestionnaireId: previous?.id ?? null,
        status: 'sent',
        dueDate: dto.dueDate,
        score: null,
        sentAt: new Date(),
        sentBy: ctx.userId,
      });
      await manager.save(questionnaire);
      const carried = previous ? await this.carryAnswers(manager, ctx, previous, questionnaire, template) : 0;
      await notifyQuestionnaireSent(manager, questionnaire);
      await recordAudit(manager, ctx, {
        action: 'questionnaire.send',
        entity: 'questionnaire',
        entityId: questionnaire.id,
        organisationId: questionnaire.vendorId,
        before: null,
        after: {
          templateId: template.id,
          vendorId: questionnaire.vendorId,
          dueDate: questionnaire.dueDate,
          previousQuestionnaireId: questionnaire.previousQuestionnaireId,
          answersCarriedOver: carried,
        },
      });
      const sent = previous
        ? await scoped(manager, ctx).visibleOrFail('Questionnaire', Questionnaire, questionnaire.id, {
            label: 'Questionnaire',
          })
        : questionnaire;
      return detail(manager, ctx, sent);
    });
  }

  async list(ctx: RequestContext, query: QuestionnaireListQuery): Promise<Page<QuestionnaireSummary>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Questionnaire', Questionnaire, 'q')
      .orderBy('q.sentAt', 'DESC')
      .addOrderBy('q.id', 'ASC');
    if (query.vendorId) qb.andWhere('q.vendorId = :vendorId', { vendorId: query.vendorId });
    if (query.status) qb.andWhere('q.status = :status', { status: query.status });
    const { items, total } = await findPage(qb, query);
    return toPage(await summaries(this.tx.reader, ctx, items), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<QuestionnaireDetail> {
    return detail(this.tx.reader, ctx, await visibleQuestionnaire(this.tx.reader, ctx, id));
  }

  /** The questionnaire a re-assessment starts from: visible to the caller and sent to the same vendor. */
  private async previousOf(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    vendorId: string,
  ): Promise<Questionnaire> {
    const previous = await scoped(manager, ctx).findOneBy('Questionnaire', Questionnaire, { id });
    if (!previous || previous.vendorId !== vendorId)
      throw ValidationException.field(
        'previousQuestionnaireId',
        'doit être un questionnaire envoyé à ce fournisseur',
      );
    return previous;
  }

  /**
   * Copies the previous answers whose question still exists in the new template and whose value is still
   * valid for it (a re-assessment asks the vendor to confirm or update them), and scores the result.
   */
  private async carryAnswers(
    manager: EntityManager,
    ctx: RequestContext,
    previous: Questionnaire,
    questionnaire: Questionnaire,
    template: QuestionnaireTemplate,
  ): Promise<number> {
    const questions = new Map(questionsOf(template.sections).map((q) => [q.key, q]));
    const old = await scoped(manager, ctx).find('Questionnaire', QuestionnaireAnswer, {
      where: { questionnaireId: previous.id },
    });
    const values = new Map<string, AnswerValue>();
    const rows = old.flatMap((answer) => {
      const question = questions.get(answer.questionKey);
      const checked = question ? checkAnswer(question, answer.value) : null;
      if (!checked || 'error' in checked) return [];
      values.set(answer.questionKey, checked.value);
      return [
        {
          questionnaireId: questionnaire.id,
          vendorId: questionnaire.vendorId,
          questionKey: answer.questionKey,
          value: checked.value as never,
          comment: answer.comment,
          updatedBy: ctx.userId,
        },
      ];
    });
    if (rows.length) await manager.insert(QuestionnaireAnswer, rows);
    await manager.update(
      Questionnaire,
      { id: questionnaire.id },
      { score: questionnaireScore([...questions.values()], values) },
    );
    return rows.length;
  }
}
