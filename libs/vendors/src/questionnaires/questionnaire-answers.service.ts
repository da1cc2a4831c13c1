import { notifyQuestionnaireSubmitted } from './questionnaire-notices';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import { auditedChange, scoped, scopedQuery, unscoped } from '@vigie/authz';
import {
  AuditChanges,
  ConflictException,
  diffFields,
  FieldError,
  NotFoundException,
  RequestContext,
  UnsupportedMediaTypeException,
  ValidationException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
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
      let changes: AnswerChange[] = [];
      const questionnaire = await this.answeringChange(manager, ctx, id, dto.version, {
        action: 'questionnaire.answer',
        changes: (row, before) => ({
          status: { before: before.status, after: row.status },
          score: { before: before.score, after: row.score },
          answers: { before: null, after: changes.map((change) => change.key) },
        }),
        apply: async (row, questions) => {
          changes = checkedChanges(questions, dto);
          await this.writeAnswers(manager, ctx, row, changes);
          await this.rescore(manager, ctx, row, questions);
          row.status = 'in-progress';
        },
      });
      return detail(manager, ctx, questionnaire);
    });
  }

  async submit(ctx: RequestContext, id: string, version: number | undefined): Promise<QuestionnaireDetail> {
    return this.tx.run(async (manager) => {
      const questionnaire = await this.answeringChange(manager, ctx, id, version, {
        action: 'questionnaire.submit',
        changes: (_row, before) => ({ status: { before: before.status, after: 'submitted' } }),
        apply: async (row, questions) => {
          const answered = new Set(
            (
              await scoped(manager, ctx).find('Questionnaire', QuestionnaireAnswer, {
                select: { questionKey: true },
                where: { questionnaireId: id },
              })
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
          row.status = 'submitted';
          row.submittedAt = new Date();
        },
      });
      await notifyQuestionnaireSubmitted(manager, questionnaire);
      return detail(manager, ctx, questionnaire);
    });
  }

  /**
   * Attaches a file to an answer, at the questionnaire's version the vendor read last (`If-Match`: 400
   * without, 409 stale); the first attachment starts the questionnaire (`in-progress`).
   */
  async attach(
    ctx: RequestContext,
    id: string,
    questionKey: string,
    file: UploadedAnswerFile | undefined,
    version: number | undefined,
  ): Promise<AttachmentView> {
    return this.tx.run(async (manager) => {
      let attachment: QuestionnaireAttachment | undefined;
      await this.answeringChange(manager, ctx, id, version, {
        action: 'questionnaire.attach',
        changes: () =>
          diffFields(null, {
            questionKey,
            fileName: attachment!.fileName,
            sha256: attachment!.sha256,
            size: attachment!.size,
          }),
        apply: async (row, questions) => {
          if (!questions.some((question) => question.key === questionKey))
            throw new NotFoundException('Question');
          attachment = await storeAttachment(manager, ctx, row, questionKey, file);
          if (row.status === 'sent') row.status = 'in-progress';
        },
      });
      return toAttachmentView(attachment!);
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
   * A change of a questionnaire its vendor's contact answers, through `auditedChange()`: locked if the caller
   * may answer it (404 / 403), at the version they read (400 without, 409 stale), still open (409), then
   * `apply` with the template's questions; the audit event records `changes`.
   */
  private answeringChange(
    manager: EntityManager,
    ctx: RequestContext,
    id: string,
    version: number | undefined,
    change: {
      action: string;
      changes: (row: Questionnaire, before: Questionnaire) => AuditChanges;
      apply: (row: Questionnaire, questions: QuestionDefinition[]) => Promise<void>;
    },
  ): Promise<Questionnaire> {
    return auditedChange(manager, ctx, {
      subject: 'Questionnaire',
      entity: Questionnaire,
      id,
      label: 'Questionnaire',
      action: 'update',
      version,
      audit: { action: change.action, entity: 'questionnaire', changes: change.changes },
      auditOrganisation: (row) => row.vendorId,
      apply: async (row) => {
        assertOpen(row);
        await change.apply(row, questionsOf((await templateOf(manager, row)).sections));
      },
    });
  }

  /** Deletes the cleared answers and upserts the others, on the questionnaire locked by the change. */
  private async writeAnswers(
    manager: EntityManager,
    ctx: RequestContext,
    questionnaire: Questionnaire,
    changes: AnswerChange[],
  ): Promise<void> {
    for (const change of changes) {
      if (change.value === null) {
        await manager.delete(QuestionnaireAnswer, {
          questionnaireId: questionnaire.id,
          questionKey: change.key,
        });
        continue;
      }
      await unscoped(
        manager,
        'an INSERT … ON CONFLICT of an answer of the questionnaire read scoped and locked by the change: a write, no read to scope',
      )
        .createQueryBuilder()
        .insert()
        .into(QuestionnaireAnswer)
        .values({
          questionnaireId: questionnaire.id,
          vendorId: questionnaire.vendorId,
          questionKey: change.key,
          value: change.value as never,
          comment: change.comment,
          updatedBy: ctx.userId,
        })
        .orUpdate(['value', 'comment', 'updated_by', 'updated_at'], ['questionnaire_id', 'question_key'])
        .execute();
    }
  }

  private async rescore(
    manager: EntityManager,
    ctx: RequestContext,
    questionnaire: Questionnaire,
    questions: QuestionDefinition[],
  ): Promise<void> {
    const answers = await scoped(manager, ctx).find('Questionnaire', QuestionnaireAnswer, {
      where: { questionnaireId: questionnaire.id },
    });
    const values = new Map<string, AnswerValue>(answers.map((answer) => [answer.questionKey, answer.value]));
    questionnaire.score = questionnaireScore(questions, values);
  }
}

/** 409 unless the vendor may still change its answers (accepted, or waiting for the reviewer's decision). */
function assertOpen(questionnaire: Questionnaire): void {
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
}

/** The answers of a save, each checked against its question (400 listing every answer refused). */
function checkedChanges(questions: QuestionDefinition[], dto: SaveAnswersDto): AnswerChange[] {
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
  return changes;
}

/** Checks the uploaded file (present, not empty, of an accepted type) and stores it with the answer. */
async function storeAttachment(
  manager: EntityManager,
  ctx: RequestContext,
  questionnaire: Questionnaire,
  questionKey: string,
  file: UploadedAnswerFile | undefined,
): Promise<QuestionnaireAttachment> {
  if (!file) throw ValidationException.field('file', 'un fichier est attendu (champ multipart « file »)');
  if (file.buffer.length === 0) throw ValidationException.field('file', 'le fichier est vide');
  const sniffed = await sniffEvidence(file.buffer);
  if ('refused' in sniffed) throw new UnsupportedMediaTypeException(`fichier refusé : ${sniffed.reason}`);
  const attachment = manager.create(QuestionnaireAttachment, {
    questionnaireId: questionnaire.id,
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
  return attachment;
}

/** The name part of a client's file name, without control characters, at most 255 characters. */
function cleanFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (cleaned || 'piece-jointe').slice(-255);
}
