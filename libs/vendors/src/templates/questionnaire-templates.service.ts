import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { canSomewhere, findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import {
  ForbiddenActionException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { BUILTIN_TEMPLATE } from './builtin-template';
import { CreateQuestionnaireTemplateDto } from './questionnaire-template.dto';
import { QuestionnaireTemplate } from './questionnaire-template.entity';
import { questionsOf, SectionDefinition, templateErrors } from './template-definition';

export interface TemplateView {
  id: string;
  code: string | null;
  name: string;
  description: string | null;
  builtin: boolean;
  questionCount: number;
  sections: SectionDefinition[];
  createdAt: Date;
}

/** Questionnaire templates: the built-in security template and those the security officer writes. */
@Injectable()
export class QuestionnaireTemplatesService implements OnModuleInit {
  private readonly logger = new Logger('QuestionnaireTemplates');

  constructor(private readonly tx: Transactions) {}

  /** Creates the built-in template once (idempotent; safe with several instances starting together). */
  async onModuleInit(): Promise<void> {
    const errors = templateErrors(BUILTIN_TEMPLATE.sections);
    if (errors.length)
      throw new Error(`Built-in questionnaire template is invalid: ${JSON.stringify(errors)}`);
    const inserted = await this.tx.run((manager) =>
      unscoped(
        manager,
        'an INSERT … ON CONFLICT DO NOTHING of the built-in template into the global template catalogue (no tenant), at start-up',
      )
        .createQueryBuilder()
        .insert()
        .into(QuestionnaireTemplate)
        .values({
          code: BUILTIN_TEMPLATE.code,
          name: BUILTIN_TEMPLATE.name,
          description: BUILTIN_TEMPLATE.description,
          builtin: true,
          sections: BUILTIN_TEMPLATE.sections as never,
        })
        .orIgnore()
        .execute(),
    );
    if (inserted.identifiers.some((identifier) => identifier?.id))
      this.logger.log(`Built-in questionnaire template created: ${BUILTIN_TEMPLATE.name}`);
  }

  async list(ctx: RequestContext, query: PageQuery): Promise<Page<TemplateView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'QuestionnaireTemplate', QuestionnaireTemplate, 't')
      .orderBy('t.builtin', 'DESC')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC');
    const { items, total } = await findPage(qb, query);
    return toPage(items.map(toTemplateView), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<TemplateView> {
    return toTemplateView(await this.visible(this.tx.reader, ctx, id));
  }

  async create(ctx: RequestContext, dto: CreateQuestionnaireTemplateDto): Promise<TemplateView> {
    if (!canSomewhere(ctx, 'create', 'QuestionnaireTemplate')) throw new ForbiddenActionException();
    const errors = templateErrors(dto.sections);
    if (errors.length) throw new ValidationException('Le modèle de questionnaire n’est pas valide', errors);
    return this.tx.run(async (manager) => {
      const template = manager.create(QuestionnaireTemplate, {
        code: null,
        name: dto.name,
        description: dto.description ?? null,
        builtin: false,
        sections: normalise(dto.sections),
        createdBy: ctx.userId,
      });
      await manager.save(template);
      await recordAudit(manager, ctx, {
        action: 'questionnaire-template.create',
        entity: 'questionnaire-template',
        entityId: template.id,
        organisationId: null,
        before: null,
        after: { name: template.name, questions: questionsOf(template.sections).length },
      });
      return toTemplateView(template);
    });
  }

  visible(manager: EntityManager, ctx: RequestContext, id: string): Promise<QuestionnaireTemplate> {
    return findVisibleOrFail(manager, ctx, 'QuestionnaireTemplate', QuestionnaireTemplate, id, {
      label: 'Questionnaire template',
    });
  }
}

/** Keeps only the known fields, texts trimmed (the structure has been checked). */
function normalise(sections: SectionDefinition[]): SectionDefinition[] {
  return sections.map((section) => ({
    key: section.key,
    title: section.title.trim(),
    questions: section.questions.map((question) => ({
      key: question.key,
      text: question.text.trim(),
      ...(question.help ? { help: question.help.trim() } : {}),
      type: question.type,
      required: question.required,
      weight: question.weight,
      ...(question.choices
        ? {
            choices: question.choices.map(({ value, label, score }) => ({
              value,
              label: label.trim(),
              score,
            })),
          }
        : {}),
      evidenceRequested: question.evidenceRequested,
    })),
  }));
}

export function toTemplateView(template: QuestionnaireTemplate): TemplateView {
  return {
    id: template.id,
    code: template.code,
    name: template.name,
    description: template.description,
    builtin: template.builtin,
    questionCount: questionsOf(template.sections).length,
    sections: template.sections,
    createdAt: template.createdAt,
  };
}
