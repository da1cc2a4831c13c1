import { Injectable } from '@nestjs/common';
import { scopedQuery } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { dpiaOf } from './activity-view';
import { ProcessingActivity } from './processing-activity.entity';
import { ProcessingActivityVersion } from './processing-activity-version.entity';

/** A year of a member's register, as the DPO's annual report tells it. */
export interface RegisterFigures {
  /** Entries by status, on the day of the report. */
  byStatus: { draft: number; validated: number; archived: number };
  createdInYear: number;
  /** Entries validated at least once in the year. */
  validatedInYear: number;
  /** Of those, entries that had been validated before: reviewed and validated again. */
  reviewedInYear: number;
  /** Validated entries whose review date has passed, by name. */
  overdueReviews: { name: string; reviewDate: string }[];
}

export interface DpiaFigures {
  /** Current entries (drafts and validated), each screened by the rules of Art. 35, WP248 and the CNIL lists. */
  screened: number;
  required: number;
  /** A DPIA recorded as done. */
  carriedOut: number;
  /** A DPIA recorded as in progress. */
  inProgress: number;
  /** Required, not carried out, no reasoned decision of the DPO: the DPIAs still to carry out. */
  pending: { name: string }[];
  /** The DPO decided, with reasons, not to carry out the DPIA the screening found required. */
  decidedNotCarriedOut: number;
}

/**
 * The state of an entry's DPIA as recorded by the DPO (`dpiaAssessment: {status: "in-progress" | "done"}` on
 * register entries, API.md « DPIA carried out »), when the entry carries it; null otherwise. THE one place
 * that reads it.
 */
export function dpiaAssessmentStatus(activity: ProcessingActivity): 'in-progress' | 'done' | null {
  const assessment = (activity as ProcessingActivity & { dpiaAssessment?: { status?: unknown } | null })
    .dpiaAssessment;
  const status = assessment?.status;
  return status === 'in-progress' || status === 'done' ? status : null;
}

/**
 * The register's figures of a year for the annual report (publication reads them here, never the register's
 * tables): entries by status, created, validated and reviewed in the year, overdue reviews and the DPIAs, all
 * in the caller's scope and for one member.
 */
@Injectable()
export class RegisterYearFigures {
  async of(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    start: Date,
    end: Date,
    today: string,
  ): Promise<{ register: RegisterFigures; dpia: DpiaFigures }> {
    const entries = () =>
      scopedQuery(manager, ctx, 'read', 'ProcessingActivity', ProcessingActivity, 'p').andWhere(
        'p.organisationId = :organisationId',
        { organisationId },
      );
    const statuses = await entries()
      .select('p.status', 'status')
      .addSelect('count(*)::int', 'n')
      .groupBy('p.status')
      .getRawMany<{ status: keyof RegisterFigures['byStatus']; n: number }>();
    const byStatus = { draft: 0, validated: 0, archived: 0 };
    for (const row of statuses) byStatus[row.status] = Number(row.n);
    const createdInYear = await entries()
      .andWhere('p.createdAt >= :start AND p.createdAt < :end', { start, end })
      .getCount();
    // Validations of the year, from the entries' history: a validation after an earlier one is a review.
    const validations = await entries()
      .innerJoin(ProcessingActivityVersion, 'v', "v.activityId = p.id AND v.action = 'validate'")
      .select('p.id', 'id')
      .addSelect('bool_or(v.at >= :start AND v.at < :end)', 'inYear')
      .addSelect('bool_or(v.at < :start)', 'before')
      .addSelect('count(*) FILTER (WHERE v.at >= :start AND v.at < :end)::int', 'countInYear')
      .setParameters({ start, end })
      .groupBy('p.id')
      .getRawMany<{ id: string; inYear: boolean; before: boolean; countInYear: number }>();
    const validatedInYear = validations.filter((v) => v.inYear);
    const overdue = await entries()
      .select(['p.id', 'p.name', 'p.reviewDate'])
      .andWhere("p.status = 'validated'")
      .andWhere('p.reviewDate < :today', { today })
      .orderBy('p.reviewDate', 'ASC')
      .addOrderBy('p.name', 'ASC')
      .getMany();
    const current = await entries().andWhere("p.status <> 'archived'").orderBy('p.name', 'ASC').getMany();
    const dpia: DpiaFigures = {
      screened: current.length,
      required: 0,
      carriedOut: 0,
      inProgress: 0,
      pending: [],
      decidedNotCarriedOut: 0,
    };
    for (const activity of current) {
      const screening = dpiaOf(activity);
      const assessment = dpiaAssessmentStatus(activity);
      if (assessment === 'done') dpia.carriedOut += 1;
      if (assessment === 'in-progress') dpia.inProgress += 1;
      if (!screening.required) continue;
      dpia.required += 1;
      const decided = !!screening.decision && !screening.decision.stale;
      if (decided) dpia.decidedNotCarriedOut += 1;
      else if (assessment !== 'done') dpia.pending.push({ name: activity.name });
    }
    return {
      register: {
        byStatus,
        createdInYear,
        validatedInYear: validatedInYear.length,
        // Validated again in the year: after a validation of an earlier year, or twice in the year.
        reviewedInYear: validatedInYear.filter((v) => v.before || Number(v.countInYear) > 1).length,
        overdueReviews: overdue.map((p) => ({ name: p.name, reviewDate: p.reviewDate! })),
      },
      dpia,
    };
  }
}
