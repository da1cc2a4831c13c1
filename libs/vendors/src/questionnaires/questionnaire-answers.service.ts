import { notifyQuestionnaireSubmitted } from './questionnaire-notices';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import { assertCan, scopedQuery, unscoped } from '@vigie/authz';
import {
  ConflictException,
  FieldError,
  NotFoundException,
  recordAudit,
  RequestContext,
  UnsupportedMediaTypeException,
  ValidationException,
} from '@vigie/core';
import { assertVersion, Transactions } from '@vigie/db';
import { DownloadableFile, sniffEvidence } from '@vigie/documents';
import { EntityManager } from 'typeorm';
import { QuestionDefinition, questionsOf } from '../templates/template-definition';
import { cleanText } from '../vendor-support';
import { AnswerValue, checkAnswer, questionnaireScore } from './answer-rules';
import { SaveAnswersDto } from './questionnaire.dto';
import {
  Questionnaire,
  QuestionnaireAnswer,
  QuestionnaireAttachment,
  QuestionnaireStatus,
} from './questionnaire.entity';
import {
  AttachmentView,
  detail,
  QuestionnaireDetail,
  templateOf,
  toAttachmentView,
  visibleQuestionnaire,
} from './questionnaire-views';

/** One answer to write (`value: null` clears it). */
interface AnswerChange {
  key: string;
  value: AnswerValue | null;
  comment: string | null;
}

/** States in which the vendor may still change its answers. */
const EDITABLE: readonly QuestionnaireStatus[] = ['sent', 'in-progress', 'changes-requested'];

/** A file sent with an answer (multer's in-memory file). */
export interface UploadedAnswerFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** What the vendor's contacts do: save draft answers, attach files, submit. */
@Injectable()
export class QuestionnaireAnswersService {
  constructor(private readonly tx: Transactions) {}

  async save(ctx: RequestContext, id: string, dto: SaveAnswersDto): Promise<QuestionnaireDetail> {
    return this.tx.run(async (manager) => {
      const { questionnaire, questions } = await this.loadForAnswering(manager, ctx, id, {
        required: true,
        sent: dto.version,
      });
      const byKey = new Map(questions.map((question) => [question.key, question]));
      const errors: FieldError[] = [];
      const seen = new Set<string>();
      const changes = dto.answers.flatMap((answer, index): AnswerChange[] => {
        const question = byKey.get(answer.questionKey);
        if (!question) {
          errors.push({
            field: `answers[${index}].questionKey`,
            message: 'ce questionnaire ne contient pas cette question',
          });
          return [];
        }
        if (seen.has(answer.questionKey)) {
          errors.push({
            field: `answers[${index}].questionKey`,
            message: 'question répondue deux fois dans cette requête',
          });
          return [];
        }
        seen.add(answer.questionKey);
        if (answer.value === null) return [{ key: question.key, value: null, comment: null }];
        const checked = checkAnswer(question, answer.value);
        if ('error' in checked) {
          errors.push({ field: `answers[${index}].value`, message: checked.error });
          return [];
        }
        return [{ key: question.key, value: checked.value, comment: cleanText(answer.comment) }];
      });
      if (errors.length) throw new ValidationException('Certaines réponses ne conviennent pas', errors);

      for (const change of changes) {
        if (change.value === null) {
          await manager.delete(QuestionnaireAnswer, { questionnaireId: id, questionKey: change.key });
          continue;
        }
        await unscoped(manager, 'the upsert of an answer on a questionnaire just found visible')
          .createQueryBuilder()
          .insert()
          .into(QuestionnaireAnswer)
          .values({
            questionnaireId: id,
            vendorId: questionnaire.vendorId,
            questionKey: change.key,
            value: change.value as never,
            comment: change.comment,
            updatedBy: ctx.userId,
          })
          .orUpdate(['value', 'comment', 'updated_by', 'updated_at'], ['questionnaire_id', 'question_key'])
          .execute();
      }
      const before = { status: questionnaire.status, score: questionnaire.score };
      await this.rescore(manager, questionnaire, questions);
      questionnaire.status = 'in-progress';
      await manager.save(questionnaire);
      await recordAudit(manager, ctx, {
        action: 'questionnaire.answer',
        entity: 'questionnaire',
        entityId: id,
        organisationId: questionnaire.vendorId,
        changes: {
          status: { before: before.status, after: questionnaire.status },
          score: { before: before.score, after: questionnaire.score },
          answers: { before: null, after: changes.map((change) => change.key) },
        },
      });
      return detail(manager, ctx, questionnaire);
    });
  }

  async submit(ctx: RequestContext, id: string, version: number | undefined): Promise<QuestionnaireDetail> {
    return this.tx.run(async (manager) => {
      const { questionnaire, questions } = await this.loadForAnswering(manager, ctx, id, {
        required: true,
        sent: version,
      });
      const answered = new Set(
        (
          await unscoped(manager, 'the answered keys of a questionnaire just found visible').find(
            QuestionnaireAnswer,
            {
              select: { questionKey: true },
              where: { questionnaireId: id },
            },
          )
        ).map((answer) => answer.questionKey),
      );
      const missing = questions.filter((question) => question.required && !answered.has(question.key));
      if (missing.length)
        throw new ValidationException(
          `${missing.length} question(s) obligatoire(s) sans réponse`,
          missing.map((question) => ({
            field: `answers.${question.key}`,
            message: 'question obligatoire sans réponse',
          })),
        );
      const before = questionnaire.status;
      questionnaire.status = 'submitted';
      questionnaire.submittedAt = new Date();
      await manager.save(questionnaire);
      await notifyQuestionnaireSubmitted(manager, questionnaire);
      await recordAudit(manager, ctx, {
        action: 'questionnaire.submit',
        entity: 'questionnaire',
        entityId: id,
        organisationId: questionnaire.vendorId,
        changes: { status: { before, after: 'submitted' } },
      });
      return detail(manager, ctx, questionnaire);
    });
  }

  async attach(
    ctx: RequestContext,
    id: string,
    questionKey: string,
    file: UploadedAnswerFile | undefined,
  ): Promise<AttachmentView> {
    return this.tx.run(async (manager) => {
      const { questionnaire, questions } = await this.loadForAnswering(manager, ctx, id);
      if (!questions.some((question) => question.key === questionKey))
        throw new NotFoundException('Question');
      if (!file) throw ValidationException.field('file', 'un fichier est attendu (champ multipart « file »)');
      if (file.buffer.length === 0) throw ValidationException.field('file', 'le fichier est vide');
      const sniffed = await sniffEvidence(file.buffer);
      if ('refused' in sniffed) throw new UnsupportedMediaTypeException(`fichier refusé : ${sniffed.reason}`);
      const attachment = manager.create(QuestionnaireAttachment, {
        questionnaireId: id,
        vendorId: questionnaire.vendorId,
        questionKey,
        fileName: cleanFileName(file.originalname),
        contentType: sniffed.contentType,
        size: file.buffer.length,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        uploadedBy: ctx.userId,
      });
      await manager.insert(QuestionnaireAttachment, attachment);
      if (questionnaire.status === 'sent') {
        questionnaire.status = 'in-progress';
        await manager.save(questionnaire);
      }
      await recordAudit(manager, ctx, {
        action: 'questionnaire.attach',
        entity: 'questionnaire',
        entityId: id,
        organisationId: questionnaire.vendorId,
        before: null,
        after: {
          questionKey,
          fileName: attachment.fileName,
          sha256: attachment.sha256,
          size: attachment.size,
        },
      });
      return toAttachmentView(attachment);
    });
  }

  /** The exact bytes of an attachment the caller may read. */
  async attachmentContent(ctx: RequestContext, id: string, attachmentId: string): Promise<DownloadableFile> {
    await visibleQuestionnaire(this.tx.reader, ctx, id);
    const attachment = await scopedQuery(
      this.tx.reader,
      ctx,
      'read',
      'Questionnaire',
      QuestionnaireAttachment,
      'f',
    )
      .addSelect('f.content')
      .andWhere('f.id = :attachmentId AND f.questionnaireId = :id', { attachmentId, id })
      .getOne();
    if (!attachment) throw new NotFoundException('Attachment');
    return {
      document: { id: attachment.id, sha256: attachment.sha256 },
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      bytes: attachment.content,
    };
  }

  /**
   * The questionnaire locked, if the caller may answer it (404 / 403), at the version they read when the change
   * requires it (`version.required`: 400 without, 409 stale), and still open (409).
   */
  private async loadForAnswering(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    version?: { required: true; sent: number | undefined },
  ): Promise<{ questionnaire: Questionnaire; questions: QuestionDefinition[] }> {
    const questionnaire = await visibleQuestionnaire(manager, ctx, id, true);
    assertCan(ctx, 'update', 'Questionnaire', questionnaire);
    if (version) assertVersion('Questionnaire', questionnaire.version, version.sent);
    if (questionnaire.status === 'accepted')
      throw new ConflictException(
        'Ce questionnaire a été accepté : ses réponses ne peuvent plus changer',
        'state',
      );
    if (!EDITABLE.includes(questionnaire.status))
      throw new ConflictException(
        'Ce questionnaire est en cours de revue : attendez la décision du relecteur',
        'state',
      );
    return { questionnaire, questions: questionsOf((await templateOf(manager, questionnaire)).sections) };
  }

  private async rescore(
    manager: EntityManager,
    questionnaire: Questionnaire,
    questions: QuestionDefinition[],
  ): Promise<void> {
    const answers = await unscoped(manager, 'the answers of a questionnaire just found visible').find(
      QuestionnaireAnswer,
      { where: { questionnaireId: questionnaire.id } },
    );
    const values = new Map<string, AnswerValue>(answers.map((answer) => [answer.questionKey, answer.value]));
    questionnaire.score = questionnaireScore(questions, values);
  }
}

/** The name part of a client's file name, without control characters, at most 255 characters. */
function cleanFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (cleaned || 'piece-jointe').slice(-255);
}
