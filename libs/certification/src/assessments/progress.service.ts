import { Injectable } from '@nestjs/common';
import { scopedQuery, Subject } from '@vigie/authz';
import {
  AuditEvent,
  PageQuery,
  pageOffset,
  PARIS_TIME_ZONE,
  parisCalendarDay,
  RequestContext,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { addDays, EXPIRY_WARNING_DAYS, todayInParis } from '../dates';
import { Evidence } from '../evidence/evidence.entity';
import { FrameworkRequirement } from '../frameworks/framework-requirement.entity';
import { loadAssessment, loadAssessmentSummary } from './assessment-access';
import { Assessment, AssessmentScope } from './assessment.entity';
import { Framework } from '../frameworks/framework.entity';
import { ProgressHistoryView, progressHistory, StatusChange } from './progress-history';
import {
  REQUIREMENT_STATUSES,
  RequirementAssessment,
  RequirementStatus,
} from './requirement-assessment.entity';

/** Most items listed in the overdue and expiring lists (their counts are exact). */
export const PROGRESS_LIST_LIMIT = 100;

export type StatusCounts = Record<RequirementStatus, number>;

export interface ThemeProgress {
  /** French for the built-in frameworks. */
  theme: string;
  /** Its English name in the referential, null when it has none. */
  themeEn: string | null;
  total: number;
  applicable: number;
  byStatus: StatusCounts;
  /** Implemented among applicable (0 to 1), null when nothing applies. */
  implementedShare: number | null;
}

export interface ProgressCounts {
  total: number;
  applicable: number;
  byStatus: StatusCounts;
  implementedShare: number | null;
  byTheme: ThemeProgress[];
  overdueCount: number;
}

export interface ProgressView extends ProgressCounts {
  assessmentId: string;
  frameworkCode: string;
  /** The date "overdue" and "expiring" were computed for (Paris). */
  asOf: string;
  overdue: { count: number; items: OverdueItem[] };
  evidence: {
    total: number;
    expired: number;
    expiringWithinDays: number;
    expiringSoon: { count: number; items: ExpiringEvidence[] };
  };
}

export interface OverdueItem {
  id: string;
  ref: string;
  title: string;
  status: RequirementStatus;
  dueDate: string;
  ownerId: string | null;
}

export interface ExpiringEvidence {
  id: string;
  fileName: string;
  expiresAt: string;
  requirementRefs: string[];
}

/** What members read: progress only, no evidence, no notes, no names of owners. */
export interface AssessmentSummaryView {
  id: string;
  name: string;
  frameworkCode: string;
  frameworkName: string;
  frameworkEdition: string;
  scope: AssessmentScope;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
  progress: ProgressCounts;
}

const emptyCounts = (): StatusCounts => ({
  'not-started': 0,
  'in-progress': 0,
  implemented: 0,
  'not-applicable': 0,
});

const share = (implemented: number, applicable: number) => (applicable > 0 ? implemented / applicable : null);

/**
 * Progress of an assessment, computed by aggregates in SQL (never by loading the requirements or evidence),
 * each query restricted to what the caller may read through the scoped-query helper.
 */
@Injectable()
export class ProgressService {
  constructor(private readonly tx: Transactions) {}

  async progress(ctx: RequestContext, assessmentId: string): Promise<ProgressView> {
    const manager = this.tx.reader;
    const { assessment, framework } = await loadAssessment(manager, ctx, assessmentId);
    const today = todayInParis();
    const [counts, overdue, evidence] = [
      await this.counts(manager, ctx, 'Assessment', assessment.id, today),
      await this.overdue(manager, ctx, assessment.id, today),
      await this.evidence(manager, ctx, assessment.id, today),
    ];
    return {
      assessmentId: assessment.id,
      frameworkCode: framework.code,
      asOf: today,
      ...counts,
      overdue,
      evidence,
    };
  }

  /**
   * Progress at the end of each day a status changed, computed from the audit trail (each status change of a
   * requirement assessment is an audit event with its before and after values), replayed backwards from the
   * current statuses. The requirement rows and their events are read through the scoped query.
   */
  async history(ctx: RequestContext, assessmentId: string): Promise<ProgressHistoryView> {
    const manager = this.tx.reader;
    const { assessment } = await loadAssessment(manager, ctx, assessmentId);
    const today = todayInParis();
    const rows = await scopedQuery(manager, ctx, 'read', 'Assessment', RequirementAssessment, 'ra')
      .andWhere('ra.assessmentId = :assessmentId', { assessmentId })
      .select('ra.id', 'id')
      .addSelect('ra.status', 'status')
      .getRawMany<{ id: string; status: RequirementStatus }>();
    const changes = await scopedQuery(manager, ctx, 'read', 'Assessment', RequirementAssessment, 'ra')
      .innerJoin(
        AuditEvent,
        'ae',
        `ae.entityId = ra.id AND ae.entity = 'requirement-assessment' AND ae.changes -> 'status' IS NOT NULL`,
      )
      .andWhere('ra.assessmentId = :assessmentId', { assessmentId })
      .select('ra.id', 'requirementAssessmentId')
      .addSelect(`to_char(ae.at AT TIME ZONE '${PARIS_TIME_ZONE}', 'YYYY-MM-DD')`, 'day')
      .addSelect(`ae.changes -> 'status' ->> 'before'`, 'before')
      .orderBy('ae.seq', 'DESC')
      .getRawMany<StatusChange>();
    const openedOn = parisCalendarDay(assessment.createdAt);
    const { points, truncated } = progressHistory(
      new Map(rows.map((row) => [row.id, row.status])),
      changes.filter((change) => (REQUIREMENT_STATUSES as readonly string[]).includes(change.before)),
      openedOn,
      today,
    );
    return { assessmentId: assessment.id, openedOn, asOf: today, points, truncated };
  }

  async summary(ctx: RequestContext, assessmentId: string): Promise<AssessmentSummaryView> {
    const manager = this.tx.reader;
    const { assessment, framework } = await loadAssessmentSummary(manager, ctx, assessmentId);
    return this.toSummary(manager, ctx, assessment, framework);
  }

  /** Summaries of every assessment the caller may read in summary form, current ones first. */
  async summaries(ctx: RequestContext, query: PageQuery) {
    const manager = this.tx.reader;
    const [rows, total] = await scopedQuery(manager, ctx, 'read', 'AssessmentSummary', Assessment, 'a')
      .innerJoinAndMapOne('a.framework', Framework, 'f', 'f.id = a.frameworkId')
      .orderBy('a.archived', 'ASC')
      .addOrderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
    const items: AssessmentSummaryView[] = [];
    for (const row of rows as (Assessment & { framework: Framework })[]) {
      items.push(await this.toSummary(manager, ctx, row, row.framework));
    }
    return { items, total };
  }

  private async toSummary(
    manager: EntityManager,
    ctx: RequestContext,
    assessment: Assessment,
    framework: Framework,
  ): Promise<AssessmentSummaryView> {
    return {
      id: assessment.id,
      name: assessment.name,
      frameworkCode: framework.code,
      frameworkName: framework.name,
      frameworkEdition: framework.edition,
      scope: assessment.scope,
      archived: assessment.archived,
      createdAt: assessment.createdAt,
      updatedAt: assessment.updatedAt,
      progress: await this.counts(manager, ctx, 'AssessmentSummary', assessment.id, todayInParis()),
    };
  }

  /** Counts by theme and status in one GROUP BY; totals are the sums of the (few) theme rows. */
  async counts(
    manager: EntityManager,
    ctx: RequestContext,
    subject: Subject,
    assessmentId: string,
    today: string,
  ): Promise<ProgressCounts> {
    const qb = scopedQuery(manager, ctx, 'read', subject, RequirementAssessment, 'ra')
      .innerJoin(FrameworkRequirement, 'fr', 'fr.id = ra.requirementId')
      .andWhere('ra.assessmentId = :assessmentId', { assessmentId })
      .select('fr.group', 'theme')
      .addSelect('fr.groupEn', 'themeEn')
      .addSelect('min(fr.position)', 'position')
      .addSelect(
        `count(*) FILTER (WHERE ra.dueDate < :today AND ra.applicable AND ra.status <> 'implemented')::int`,
        'overdue',
      )
      .setParameter('today', today);
    for (const [index, status] of REQUIREMENT_STATUSES.entries()) {
      qb.addSelect(`count(*) FILTER (WHERE ra.status = :status_${index})::int`, `s${index}`).setParameter(
        `status_${index}`,
        status,
      );
    }
    const rows = await qb
      .groupBy('fr.group')
      .addGroupBy('fr.groupEn')
      .orderBy('position', 'ASC')
      .getRawMany<Record<string, number | string>>();
    const byStatus = emptyCounts();
    let overdueCount = 0;
    const byTheme = rows.map((row): ThemeProgress => {
      const themeCounts = emptyCounts();
      REQUIREMENT_STATUSES.forEach((status, index) => {
        themeCounts[status] = Number(row[`s${index}`]);
        byStatus[status] += themeCounts[status];
      });
      overdueCount += Number(row.overdue);
      const total = REQUIREMENT_STATUSES.reduce((sum, status) => sum + themeCounts[status], 0);
      const applicable = total - themeCounts['not-applicable'];
      return {
        theme: String(row.theme),
        themeEn: row.themeEn === null ? null : String(row.themeEn),
        total,
        applicable,
        byStatus: themeCounts,
        implementedShare: share(themeCounts.implemented, applicable),
      };
    });
    const total = byTheme.reduce((sum, theme) => sum + theme.total, 0);
    const applicable = total - byStatus['not-applicable'];
    return {
      total,
      applicable,
      byStatus,
      implementedShare: share(byStatus.implemented, applicable),
      byTheme,
      overdueCount,
    };
  }

  private async overdue(
    manager: EntityManager,
    ctx: RequestContext,
    assessmentId: string,
    today: string,
  ): Promise<ProgressView['overdue']> {
    const rows = await scopedQuery(manager, ctx, 'read', 'Assessment', RequirementAssessment, 'ra')
      .innerJoin(FrameworkRequirement, 'fr', 'fr.id = ra.requirementId')
      .andWhere('ra.assessmentId = :assessmentId', { assessmentId })
      .andWhere(`ra.dueDate < :today AND ra.applicable AND ra.status <> 'implemented'`, { today })
      .select('ra.id', 'id')
      .addSelect('fr.ref', 'ref')
      .addSelect('fr.title', 'title')
      .addSelect('ra.status', 'status')
      .addSelect(`to_char(ra.dueDate, 'YYYY-MM-DD')`, 'dueDate')
      .addSelect('ra.ownerId', 'ownerId')
      .addSelect('count(*) OVER ()::int', 'total')
      .orderBy('ra.dueDate', 'ASC')
      .addOrderBy('fr.position', 'ASC')
      .limit(PROGRESS_LIST_LIMIT)
      .getRawMany<OverdueItem & { total: number }>();
    return {
      count: rows[0]?.total ?? 0,
      items: rows.map(({ total: _total, ...item }) => item),
    };
  }

  private async evidence(
    manager: EntityManager,
    ctx: RequestContext,
    assessmentId: string,
    today: string,
  ): Promise<ProgressView['evidence']> {
    const limit = addDays(today, EXPIRY_WARNING_DAYS);
    const ofAssessment = (alias: string) =>
      `EXISTS (SELECT 1 FROM evidence_link l JOIN requirement_assessment lra ON lra.id = l.requirement_assessment_id
               WHERE l.evidence_id = ${alias}.id AND lra.assessment_id = :assessmentId)`;
    const totals = await scopedQuery(manager, ctx, 'read', 'Evidence', Evidence, 'e')
      .andWhere(ofAssessment('e'), { assessmentId })
      .select('count(*)::int', 'total')
      .addSelect('count(*) FILTER (WHERE e.expiresAt < :today)::int', 'expired')
      .addSelect('count(*) FILTER (WHERE e.expiresAt >= :today AND e.expiresAt <= :limit)::int', 'expiring')
      .setParameters({ today, limit })
      .getRawOne<{ total: number; expired: number; expiring: number }>();
    const items = await scopedQuery(manager, ctx, 'read', 'Evidence', Evidence, 'e')
      .andWhere(ofAssessment('e'), { assessmentId })
      .andWhere('e.expiresAt >= :today AND e.expiresAt <= :limit', { today, limit })
      .select('e.id', 'id')
      .addSelect('e.fileName', 'fileName')
      .addSelect(`to_char(e.expiresAt, 'YYYY-MM-DD')`, 'expiresAt')
      .addSelect(
        `ARRAY(SELECT fr2.ref FROM evidence_link l2
               JOIN requirement_assessment ra2 ON ra2.id = l2.requirement_assessment_id
               JOIN framework_requirement fr2 ON fr2.id = ra2.requirement_id
               WHERE l2.evidence_id = e.id AND ra2.assessment_id = :assessmentId ORDER BY fr2.position)`,
        'requirementRefs',
      )
      .orderBy('e.expiresAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(PROGRESS_LIST_LIMIT)
      .getRawMany<ExpiringEvidence>();
    return {
      total: totals?.total ?? 0,
      expired: totals?.expired ?? 0,
      expiringWithinDays: EXPIRY_WARNING_DAYS,
      expiringSoon: { count: totals?.expiring ?? 0, items },
    };
  }
}
