import { Injectable } from '@nestjs/common';
import { auditedChange, canSomewhere, findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import {
  assertNoNulls,
  ForbiddenActionException,
  recordAudit,
  RequestContext,
  ValidationException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import { User } from '@vigie/identity';
import { EntityManager, In } from 'typeorm';
import {
  ActivityContent,
  changedFields,
  contentOf,
  TEMPLATE_FIELDS,
  TemplateContent,
  templateContentOf,
  TemplateField,
} from '../activities/activity-content';
import { detailedView, ProcessingActivityView } from '../activities/activity-view';
import { ActivityChanges } from '../activities/activity-changes.service';
import { normaliseContent } from '../activities/activity-normalise';
import {
  ApplyTemplateDto,
  CreateProcessingActivityDto,
  FromTemplateDto,
  RegisterTemplateContentDto,
  UpdateRegisterTemplateDto,
} from '../activities/processing-activity.dto';
import { checkRegisterRules } from '../activities/register-rules';
import { RegisterTemplate, RegisterTemplateVersion } from './register-template.entity';
import { templateContents } from './template-update';
import { RegisterTemplateVersionsView, versionChanges } from './template-versions';

const LABEL = 'Register template';

function templateContentFrom(dto: RegisterTemplateContentDto): TemplateContent {
  return templateContentOf(normaliseContent(dto as CreateProcessingActivityDto));
}

/**
 * Model entries the operator publishes per application (each change a new version), that a member adopts to
 * create its own entry and later compares with the template's newer versions.
 */
@Injectable()
export class RegisterTemplatesService {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
  ) {}

  async create(
    ctx: RequestContext,
    applicationId: string,
    dto: RegisterTemplateContentDto,
  ): Promise<RegisterTemplate> {
    return this.tx.run(async (manager) => {
      await findVisibleOrFail(manager, ctx, 'Application', Application, applicationId, {
        label: 'Application',
      });
      if (!canSomewhere(ctx, 'create', 'RegisterTemplate')) throw new ForbiddenActionException();
      const content = templateContentFrom(dto);
      assertRules(content);
      const template = manager.create(RegisterTemplate, {
        applicationId,
        name: content.name,
        content,
        createdBy: ctx.userId,
      });
      await manager.save(template);
      await this.publish(manager, ctx, template);
      await recordAudit(manager, ctx, {
        action: 'register-template.create',
        entity: 'register-template',
        entityId: template.id,
        organisationId: null,
        before: null,
        after: template,
      });
      return template;
    });
  }

  async list(ctx: RequestContext, applicationId: string): Promise<{ items: RegisterTemplate[] }> {
    await findVisibleOrFail(this.tx.reader, ctx, 'Application', Application, applicationId, {
      label: 'Application',
    });
    const items = await scopedQuery(this.tx.reader, ctx, 'read', 'RegisterTemplate', RegisterTemplate, 't')
      .andWhere('t.applicationId = :applicationId', { applicationId })
      .orderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getMany();
    return { items };
  }

  get(ctx: RequestContext, id: string, manager: EntityManager = this.tx.reader): Promise<RegisterTemplate> {
    return findVisibleOrFail(manager, ctx, 'RegisterTemplate', RegisterTemplate, id, { label: LABEL });
  }

  /**
   * Every published version of a visible template, newest first: when, by whom, and the fields it changed from
   * the version before (field by field, before and after), with its whole content.
   */
  async versions(ctx: RequestContext, id: string): Promise<RegisterTemplateVersionsView> {
    const manager = this.tx.reader;
    const template = await this.get(ctx, id, manager);
    const history = unscoped(
      manager,
      'the published versions of a template just found visible, and their publishers’ names',
    );
    const rows = await history.find(RegisterTemplateVersion, {
      where: { templateId: template.id },
      order: { version: 'ASC' },
    });
    const publishers = [...new Set(rows.map((row) => row.publishedBy).filter((p): p is string => !!p))];
    const users = publishers.length
      ? await history.find(User, {
          select: { id: true, displayName: true },
          where: { id: In(publishers) },
        })
      : [];
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    const items = rows.map((row, index) => ({
      version: row.version,
      publishedAt: row.publishedAt,
      publishedBy: row.publishedBy,
      publishedByName: row.publishedBy ? (names.get(row.publishedBy) ?? null) : null,
      changes: index === 0 ? [] : versionChanges(rows[index - 1].content, row.content),
      content: row.content,
    }));
    return {
      templateId: template.id,
      applicationId: template.applicationId,
      name: template.name,
      version: template.version,
      items: items.reverse(),
    };
  }

  /** A new version of the template: entries made from it will show the differences. */
  async update(ctx: RequestContext, id: string, dto: UpdateRegisterTemplateDto): Promise<RegisterTemplate> {
    assertNoNulls(dto, ['description', 'nir']);
    return this.tx.run((manager) =>
      auditedChange(manager, ctx, {
        subject: 'RegisterTemplate',
        entity: RegisterTemplate,
        id,
        label: LABEL,
        action: 'update',
        version: dto.version,
        audit: { action: 'register-template.update', entity: 'register-template' },
        apply: (template) => {
          const { version: _version, ...fields } = dto;
          const patch = templateContentOf(
            normaliseContent({
              purposes: [],
              dataSubjects: [],
              dataCategories: [],
              ...fields,
            } as CreateProcessingActivityDto),
          );
          const next: TemplateContent = { ...template.content };
          for (const field of TEMPLATE_FIELDS) {
            if ((fields as Record<string, unknown>)[field] !== undefined)
              (next as Record<string, unknown>)[field] = patch[field];
          }
          // An older payload's special category `nir` sets the NIR when the field itself is not sent.
          if (fields.nir === undefined && fields.specialCategories !== undefined && patch.nir)
            next.nir = patch.nir;
          if (changedFields(template.content, next, TEMPLATE_FIELDS).length === 0) return false;
          assertRules(next);
          template.content = next;
          template.name = next.name;
        },
        // Each version of a template is published: entries made from it show the differences.
        history: (m, template) => this.publish(m, ctx, template),
      }),
    );
  }

  /** A member's entry made from a template it may see, for an application deployed for the member. */
  async createEntry(
    ctx: RequestContext,
    organisationId: string,
    templateId: string,
    dto: FromTemplateDto,
  ): Promise<ProcessingActivityView> {
    this.changes.assertRegister(ctx, organisationId, 'create');
    return this.tx.run(async (manager) => {
      const template = await this.get(ctx, templateId, manager);
      const content: ActivityContent = {
        ...template.content,
        name: dto.name ?? template.content.name,
        applicationIds: [template.applicationId],
        cnilExemptionItem: null,
        reviewDate: null,
      };
      const activity = await this.changes.insert(manager, ctx, organisationId, content, {
        templateId: template.id,
        templateVersion: template.version,
        note: `Créée à partir du modèle « ${template.name} » (version ${template.version}).`,
      });
      return detailedView(manager, activity);
    });
  }

  /** Takes over the chosen fields of the template's latest version; the entry then follows that version. */
  async applyToEntry(
    ctx: RequestContext,
    activityId: string,
    dto: ApplyTemplateDto,
  ): Promise<ProcessingActivityView> {
    const unknown = dto.fields.filter((field) => !(TEMPLATE_FIELDS as string[]).includes(field));
    if (unknown.length > 0) {
      throw ValidationException.field(
        'fields',
        `champs hors modèle : ${unknown.join(', ')} (valeurs admises : ${TEMPLATE_FIELDS.join(', ')})`,
      );
    }
    return this.tx.run(async (manager) => {
      const { activity } = await this.changes.change(manager, ctx, {
        id: activityId,
        action: 'update',
        version: dto.version,
        versionAction: 'apply-template',
        apply: async (row) => {
          if (!row.templateId)
            throw ValidationException.field(
              'templateId',
              'cette fiche n’a pas été créée à partir d’un modèle',
            );
          const template = await unscoped(
            manager,
            'the template a visible entry was created from',
          ).findOneByOrFail(RegisterTemplate, { id: row.templateId });
          const latest =
            (await templateContents(manager, template.id, [template.version])).get(template.version) ??
            template.content;
          const next = contentOf(row);
          for (const field of dto.fields as TemplateField[])
            (next as unknown as Record<string, unknown>)[field] = latest[field];
          return this.changes.newContent(manager, ctx, row, next, {
            note:
              `Modèle « ${template.name} » : passage de la version ${row.templateVersion} à la version ${template.version}` +
              (dto.fields.length ? `, champs repris : ${dto.fields.join(', ')}.` : ', aucun champ repris.'),
            fields: { templateVersion: template.version },
          });
        },
      });
      return detailedView(manager, activity);
    });
  }

  private async publish(
    manager: EntityManager,
    ctx: RequestContext,
    template: RegisterTemplate,
  ): Promise<void> {
    await manager.insert(RegisterTemplateVersion, {
      templateId: template.id,
      version: template.version,
      content: template.content as never,
      publishedAt: new Date(),
      publishedBy: ctx.userId,
    });
  }
}

function assertRules(content: TemplateContent): void {
  const errors = checkRegisterRules(content);
  if (errors.length > 0) throw new ValidationException(errors[0].message, errors);
}
