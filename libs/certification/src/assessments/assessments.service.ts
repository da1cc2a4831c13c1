import { Injectable } from '@nestjs/common';
import { auditedChange, canSomewhere, scoped, scopedQuery, tenantScope, unscoped } from '@vigie/authz';
import {
  assertNoNulls,
  ConflictException,
  diffFields,
  ForbiddenActionException,
  NotFoundException,
  Page,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
  pageOffset,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import { Membership, User } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { Framework } from '../frameworks/framework.entity';
import { Assessment, AssessmentScope } from './assessment.entity';
import { frameworkOf, loadAssessment } from './assessment-access';
import {
  AssessmentListQuery,
  AssessmentScopeDto,
  CreateAssessmentDto,
  RequirementListQuery,
  UpdateAssessmentDto,
  UpdateRequirementAssessmentDto,
} from './assessment.dto';
import { AssessmentView, RequirementAssessmentView, toAssessmentView } from './assessment.view';
import { justificationProblem } from './justification';
import { RequirementAssessment } from './requirement-assessment.entity';
import { requirementRows } from './requirement-rows';

/** Operator roles that may own a requirement (the auditor may not: an auditor checks, never implements). */
const OWNER_ROLES = ['admin', 'security-officer'];

@Injectable()
export class AssessmentsService {
  constructor(private readonly tx: Transactions) {}

  async create(ctx: RequestContext, dto: CreateAssessmentDto): Promise<AssessmentView> {
    if (!canSomewhere(ctx, 'create', 'Assessment')) throw new ForbiddenActionException();
    const scope = tenantScope(ctx, 'create', 'Assessment');
    // Assessments are held by the organisation where the role is held: the operator.
    const organisationId = scope === 'any' ? undefined : scope[0];
    if (!organisationId) throw new ForbiddenActionException();
    return this.tx.run(async (manager) => {
      const framework = await scopedQuery(manager, ctx, 'read', 'Framework', Framework, 'f')
        .andWhere('f.code = :code', { code: dto.frameworkCode })
        .getOne();
      if (!framework)
        throw ValidationException.field('frameworkCode', `aucun référentiel « ${dto.frameworkCode} »`);
      const assessment = manager.create(Assessment, {
        organisationId,
        frameworkId: framework.id,
        name: dto.name,
        scope: this.checkScope(framework, dto.scope, true),
        archived: false,
        createdBy: ctx.userId,
      });
      await manager.save(assessment);
      const inserted: unknown[] = await unscoped(
        manager,
        'a write: the requirement rows of the assessment being created, from its framework’s catalogue (global)',
      ).query(
        `INSERT INTO requirement_assessment (organisation_id, assessment_id, requirement_id)
         SELECT $1, $2, r.id FROM framework_requirement r WHERE r.framework_id = $3 AND r.assessable
         RETURNING id`,
        [organisationId, assessment.id, framework.id],
      );
      await recordAudit(manager, ctx, {
        action: 'assessment.create',
        entity: 'assessment',
        entityId: assessment.id,
        organisationId,
        before: null,
        after: {
          frameworkCode: framework.code,
          name: assessment.name,
          scope: assessment.scope,
          requirementAssessments: inserted.length,
        },
      });
      return toAssessmentView(assessment, framework, inserted.length);
    });
  }

  async list(ctx: RequestContext, query: AssessmentListQuery): Promise<Page<AssessmentView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Assessment', Assessment, 'a')
      .innerJoinAndMapOne('a.framework', Framework, 'f', 'f.id = a.frameworkId')
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(pageOffset(query))
      .take(query.pageSize);
    return this.page(ctx, qb, query);
  }

  async get(ctx: RequestContext, id: string): Promise<AssessmentView> {
    const { assessment, framework } = await loadAssessment(this.tx.reader, ctx, id);
    return toAssessmentView(assessment, framework, await this.requirementCount(this.tx.reader, ctx, id));
  }

  async update(ctx: RequestContext, id: string, dto: UpdateAssessmentDto): Promise<AssessmentView> {
    assertNoNulls(dto);
    return this.tx.run(async (manager) => {
      // Loaded first as before (403 for a summary-only reader), then changed through the one audited change.
      await loadAssessment(manager, ctx, id, { lock: true });
      let framework!: Framework;
      const assessment = await auditedChange(manager, ctx, {
        subject: 'Assessment',
        entity: Assessment,
        id,
        label: 'Assessment',
        action: 'update',
        version: dto.version,
        audit: {
          action: 'assessment.update',
          entity: 'assessment',
          changes: (row, before) => diffFields(auditedAssessment(before), auditedAssessment(row)),
        },
        apply: async (row) => {
          framework = await frameworkOf(manager, ctx, row);
          if (dto.name !== undefined) row.name = dto.name;
          if (dto.scope !== undefined) row.scope = this.checkScope(framework, dto.scope, false);
          if (dto.archived !== undefined) row.archived = dto.archived;
        },
      });
      return toAssessmentView(assessment, framework, await this.requirementCount(manager, ctx, id));
    });
  }

  async requirements(
    ctx: RequestContext,
    assessmentId: string,
    query: RequirementListQuery,
  ): Promise<Page<RequirementAssessmentView>> {
    await loadAssessment(this.tx.reader, ctx, assessmentId);
    const { items, total } = await requirementRows(
      this.tx.reader,
      ctx,
      assessmentId,
      { status: query.status, theme: query.theme, kind: query.kind },
      { offset: pageOffset(query), limit: query.pageSize },
    );
    return toPage(items, total, query);
  }

  async requirement(
    ctx: RequestContext,
    assessmentId: string,
    raId: string,
    manager: EntityManager = this.tx.reader,
  ): Promise<RequirementAssessmentView> {
    await loadAssessment(manager, ctx, assessmentId);
    const { items } = await requirementRows(manager, ctx, assessmentId, { id: raId });
    if (items.length === 0) throw new NotFoundException('Requirement assessment');
    return items[0];
  }

  /**
   * Updates applicability, justification, inclusion reasons, status, owner, due date or notes. A requirement
   * that is not applicable has status `not-applicable` and needs a justification of at least 20 characters that
   * is not a placeholder (« N/A », « sans objet »…, see {@link justificationProblem}); setting a working status
   * makes it applicable again.
   */
  async updateRequirement(
    ctx: RequestContext,
    assessmentId: string,
    raId: string,
    dto: UpdateRequirementAssessmentDto,
  ): Promise<RequirementAssessmentView> {
    return this.tx.run(async (manager) => {
      const { assessment } = await loadAssessment(manager, ctx, assessmentId);
      const ofAssessment = await scoped(manager, ctx).exists('Assessment', RequirementAssessment, {
        id: raId,
        assessmentId,
      });
      if (!ofAssessment) throw new NotFoundException('Requirement assessment');
      await auditedChange(manager, ctx, {
        subject: 'Assessment',
        entity: RequirementAssessment,
        id: raId,
        label: 'Requirement assessment',
        action: 'update',
        version: dto.version,
        audit: {
          action: 'requirement-assessment.update',
          entity: 'requirement-assessment',
          changes: (row, before) => diffFields(pickAudited(before), pickAudited(row)),
        },
        precondition: () => {
          if (assessment.archived)
            throw new ConflictException('Cette évaluation est archivée et en lecture seule', 'state');
        },
        apply: async (row) => {
          Object.assign(row, this.nextState(row, dto));
          if (dto.ownerId) await this.checkOwner(manager, assessment.organisationId, dto.ownerId);
        },
      });
      return this.requirement(ctx, assessmentId, raId, manager);
    });
  }

  private nextState(
    ra: RequirementAssessment,
    dto: UpdateRequirementAssessmentDto,
  ): Partial<RequirementAssessment> {
    let applicable = dto.applicable ?? ra.applicable;
    if (dto.status === 'not-applicable') {
      if (dto.applicable === true) {
        throw ValidationException.field('status', 'not-applicable contredit applicable: true');
      }
      applicable = false;
    } else if (dto.status !== undefined) {
      if (dto.applicable === false) {
        throw ValidationException.field('status', `${dto.status} contredit applicable: false`);
      }
      applicable = true;
    }
    const justification = dto.justification !== undefined ? dto.justification || null : ra.justification;
    // Checked when an exclusion is made or its justification rewritten (a stored one is not re-judged).
    if (!applicable && (dto.justification !== undefined || ra.applicable || !justification)) {
      const problem = justificationProblem(justification);
      if (problem) throw new ValidationException(problem, [{ field: 'justification', message: problem }]);
    }
    if (!applicable && dto.inclusionReasons?.length) {
      const message = 'Une exigence non applicable n’a pas de motif d’inclusion.';
      throw new ValidationException(message, [{ field: 'inclusionReasons', message }]);
    }
    const status = !applicable
      ? 'not-applicable'
      : (dto.status ?? (ra.status === 'not-applicable' ? 'not-started' : ra.status));
    return {
      applicable,
      justification,
      status,
      inclusionReasons: applicable ? (dto.inclusionReasons ?? ra.inclusionReasons) : [],
      ownerId: dto.ownerId !== undefined ? dto.ownerId : ra.ownerId,
      dueDate: dto.dueDate !== undefined ? dto.dueDate : ra.dueDate,
      notes: dto.notes !== undefined ? dto.notes || null : ra.notes,
    };
  }

  private async checkOwner(manager: EntityManager, organisationId: string, ownerId: string): Promise<void> {
    const owner = await unscoped(
      manager,
      'a rule on the operator’s memberships (the owner is an active admin or security officer of the assessment’s organisation), not a read of the caller’s: the security officer reads no memberships',
    )
      .createQueryBuilder(Membership, 'm')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .where('m.userId = :ownerId AND m.organisationId = :organisationId', { ownerId, organisationId })
      .andWhere('m.role IN (:...roles)', { roles: OWNER_ROLES })
      .andWhere('NOT u.disabled')
      .getExists();
    if (!owner) {
      throw ValidationException.field(
        'ownerId',
        'le responsable doit être un administrateur ou un RSSI actif de l’opérateur',
      );
    }
  }

  private checkScope(
    framework: Framework,
    scope: AssessmentScopeDto | undefined,
    creating: boolean,
  ): AssessmentScope {
    const known = framework.activities.map((a) => a.number);
    if (scope?.hdsActivities === undefined) {
      // An HDS assessment covers every hosting activity unless told otherwise.
      return creating && known.length > 0 ? { hdsActivities: known } : {};
    }
    if (known.length === 0) {
      throw ValidationException.field(
        'scope.hdsActivities',
        `le référentiel ${framework.code} n’a pas d’activités d’hébergement`,
      );
    }
    const unknown = scope.hdsActivities.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      throw ValidationException.field(
        'scope.hdsActivities',
        `activités inconnues : ${unknown.join(', ')} (le référentiel ${framework.code} a les activités ${known.join(', ')})`,
      );
    }
    return { hdsActivities: [...scope.hdsActivities].sort((a, b) => a - b) };
  }

  private async requirementCount(
    manager: EntityManager,
    ctx: RequestContext,
    assessmentId: string,
  ): Promise<number> {
    return scoped(manager, ctx).count('Assessment', RequirementAssessment, { assessmentId });
  }

  private async page(
    ctx: RequestContext,
    qb: ReturnType<typeof scopedQuery<Assessment>>,
    query: AssessmentListQuery,
  ): Promise<Page<AssessmentView>> {
    if (query.frameworkCode) qb.andWhere('f.code = :code', { code: query.frameworkCode });
    if (query.archived) qb.andWhere('a.archived = :archived', { archived: query.archived === 'true' });
    const [rows, total] = await qb.getManyAndCount();
    const counts: { id: string; count: number }[] = rows.length
      ? await scoped(this.tx.reader, ctx)
          .query('Assessment', RequirementAssessment, 'ra')
          .select('ra.assessmentId', 'id')
          .addSelect('count(*)::int', 'count')
          .andWhere('ra.assessmentId IN (:...ids)', { ids: rows.map((row) => row.id) })
          .groupBy('ra.assessmentId')
          .getRawMany()
      : [];
    const countOf = new Map(counts.map((c) => [c.id, c.count]));
    return toPage(
      rows.map((row) => {
        const { framework } = row as Assessment & { framework: Framework };
        return toAssessmentView(row, framework, countOf.get(row.id) ?? 0);
      }),
      total,
      query,
    );
  }
}

/** The fields of an assessment its change's audit event records. */
function auditedAssessment({ name, scope, archived }: Assessment) {
  return { name, scope, archived };
}

/** The fields of a requirement assessment its change's audit event records. */
function pickAudited(ra: RequirementAssessment) {
  const { applicable, justification, inclusionReasons, status, ownerId, dueDate, notes } = ra;
  return { applicable, justification, inclusionReasons, status, ownerId, dueDate, notes };
}
