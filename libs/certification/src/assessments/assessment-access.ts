import { scoped, scopedQuery } from '@vigie/authz';
import { ForbiddenActionException, NotFoundException, RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { Framework } from '../frameworks/framework.entity';
import { Assessment } from './assessment.entity';

/** An assessment with its framework, as loaded for a caller. */
export interface LoadedAssessment {
  assessment: Assessment;
  framework: Framework;
}

/**
 * Loads an assessment the caller may read in full. A caller who may only read its summary (member roles) gets
 * 403 (the assessment is visible to them, this form of it is not); anyone else 404, as for an unknown id.
 */
export async function loadAssessment(
  manager: EntityManager,
  ctx: RequestContext,
  id: string,
  options: { lock?: boolean } = {},
): Promise<LoadedAssessment> {
  const qb = scopedQuery(manager, ctx, 'read', 'Assessment', Assessment, 'a').andWhere('a.id = :id', { id });
  if (options.lock) qb.setLock('pessimistic_write');
  const assessment = await qb.getOne();
  if (!assessment) {
    const summaryOnly = await scopedQuery(manager, ctx, 'read', 'AssessmentSummary', Assessment, 'a')
      .andWhere('a.id = :id', { id })
      .getExists();
    if (summaryOnly) {
      throw new ForbiddenActionException(
        'Votre rôle ne lit que la synthèse d’une évaluation (GET /assessments/:id/summary)',
      );
    }
    throw new NotFoundException('Assessment');
  }
  return { assessment, framework: await frameworkOf(manager, ctx, assessment) };
}

/** Loads an assessment the caller may read as a summary (404 otherwise). */
export async function loadAssessmentSummary(
  manager: EntityManager,
  ctx: RequestContext,
  id: string,
): Promise<LoadedAssessment> {
  const assessment = await scopedQuery(manager, ctx, 'read', 'AssessmentSummary', Assessment, 'a')
    .andWhere('a.id = :id', { id })
    .getOne();
  if (!assessment) throw new NotFoundException('Assessment');
  return { assessment, framework: await frameworkOf(manager, ctx, assessment) };
}

/**
 * The framework of an assessment just found visible, read through the caller's scope: every role that reads an
 * assessment (or its summary) reads the frameworks, which are reference data of nobody.
 */
export async function frameworkOf(
  manager: EntityManager,
  ctx: RequestContext,
  assessment: Assessment,
): Promise<Framework> {
  const framework = await scoped(manager, ctx).findOneBy('Framework', Framework, {
    id: assessment.frameworkId,
  });
  if (!framework) throw new NotFoundException('Assessment');
  return framework;
}
