import { notifyQuestionnaireChangesRequested } from './questionnaire-notices';
import { Injectable } from '@nestjs/common';
import { assertCan, auditedChange } from '@vigie/authz';
import { ConflictException, recordAudit, RequestContext, ValidationException } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { questionsOf } from '../templates/template-definition';
import { cleanText } from '../vendor-support';
import { CommentDto, ReviewDto } from './questionnaire.dto';
import { Questionnaire, QuestionnaireComment } from './questionnaire.entity';
import {
  CommentView,
  detail,
  QuestionnaireDetail,
  templateOf,
  visibleComments,
  visibleQuestionnaire,
} from './questionnaire-views';

/** What the security officer does: comment on answers (shared or internal) and decide on a submission. */
@Injectable()
export class QuestionnaireReviewsService {
  constructor(private readonly tx: Transactions) {}

  async review(ctx: RequestContext, id: string, dto: ReviewDto): Promise<QuestionnaireDetail> {
    return this.tx.run(async (manager) => {
      const comment = cleanText(dto.comment);
      const questionnaire = await auditedChange(manager, ctx, {
        subject: 'Questionnaire',
        entity: Questionnaire,
        id,
        label: 'Questionnaire',
        action: 'validate',
        version: dto.version,
        audit: {
          action: 'questionnaire.review',
          entity: 'questionnaire',
          changes: () => ({
            status: { before: 'submitted', after: dto.decision },
            reviewComment: { before: null, after: comment },
          }),
        },
        auditOrganisation: (row) => row.vendorId,
        apply: (row) => {
          if (dto.decision === 'changes-requested' && !comment)
            throw ValidationException.field('comment', 'indiquez ce que le fournisseur doit modifier');
          if (row.status !== 'submitted')
            throw new ConflictException(
              `Seul un questionnaire soumis peut être revu (statut actuel : ${row.status})`,
              'state',
            );
          row.status = dto.decision;
          row.reviewedAt = new Date();
          row.reviewedBy = ctx.userId;
          row.reviewComment = comment;
        },
      });
      if (dto.decision === 'changes-requested')
        await notifyQuestionnaireChangesRequested(manager, questionnaire);
      return detail(manager, ctx, questionnaire);
    });
  }

  async comment(ctx: RequestContext, id: string, dto: CommentDto): Promise<CommentView> {
    return this.tx.run(async (manager) => {
      const questionnaire = await visibleQuestionnaire(manager, ctx, id);
      const internal = dto.internal ?? false;
      assertCan(ctx, 'create', internal ? 'QuestionnaireInternalComment' : 'QuestionnaireComment', {
        vendorId: questionnaire.vendorId,
      });
      const template = await templateOf(manager, questionnaire);
      if (!questionsOf(template.sections).some((question) => question.key === dto.questionKey))
        throw ValidationException.field('questionKey', 'ce questionnaire ne contient pas cette question');
      const comment = manager.create(QuestionnaireComment, {
        questionnaireId: id,
        vendorId: questionnaire.vendorId,
        questionKey: dto.questionKey,
        internal,
        body: dto.body,
        authorId: ctx.userId,
      });
      await manager.insert(QuestionnaireComment, comment);
      await recordAudit(manager, ctx, {
        action: 'questionnaire.comment',
        entity: 'questionnaire',
        entityId: id,
        organisationId: questionnaire.vendorId,
        before: null,
        after: { questionKey: comment.questionKey, internal },
      });
      const { id: commentId, questionKey, body, authorId, createdAt } = comment;
      return { id: commentId, questionKey, internal, body, authorId, createdAt };
    });
  }

  async comments(ctx: RequestContext, id: string): Promise<{ items: CommentView[] }> {
    await visibleQuestionnaire(this.tx.reader, ctx, id);
    return { items: await visibleComments(this.tx.reader, ctx, id) };
  }
}
