import { Injectable } from '@nestjs/common';
import { ConflictException, nextWorkingDay, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { contentOf } from './activity-content';
import { ActivityChanges, RecordedChange } from './activity-changes.service';
import { missingForValidation, notValidatable, oneYearAfter } from './activity-validation';
import { detailedView, dpiaOf, ProcessingActivityView, todayInParis } from './activity-view';
import { dpiaValidationError } from './dpia-assessment';
import { ProcessingActivity } from './processing-activity.entity';
import { checkRegisterRules } from './register-rules';

/** The DPO's transitions of an entry: validation (checked against Art. 30.1 and the DPIA) and archiving. */
@Injectable()
export class ActivityWorkflow {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
  ) {}

  /** The DPO validates a draft; without a future review date, the review falls a year later. */
  async validate(
    ctx: RequestContext,
    id: string,
    version: number | undefined,
  ): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const { activity } = await this.changes.change(manager, ctx, {
        id,
        action: 'validate',
        version,
        versionAction: 'validate',
        apply: async (row) => {
          if (row.status === 'validated')
            throw new ConflictException('Cette fiche est déjà validée', 'state');
          const context = await this.changes.ruleContext(manager, ctx, row.organisationId);
          const content = contentOf(row);
          const errors = [...missingForValidation(content), ...checkRegisterRules(content, context)];
          const dpia = dpiaValidationError(dpiaOf(row), row.dpiaAssessment);
          if (dpia) errors.push(dpia);
          if (errors.length > 0) throw notValidatable(errors);
          return markValidated(row, ctx);
        },
      });
      return detailedView(manager, activity);
    });
  }

  /** Validates an entry the caller has just written, with no further check (demo data). */
  async validateSeeded(
    manager: EntityManager,
    ctx: RequestContext,
    activity: ProcessingActivity,
  ): Promise<void> {
    await this.changes.change(manager, ctx, {
      id: activity.id,
      action: 'validate',
      version: activity.version,
      versionAction: 'validate',
      apply: (row) => markValidated(row, ctx),
    });
  }

  /** DELETE archives: the entry stays readable, with its history, and leaves the list of current entries. */
  async archive(
    ctx: RequestContext,
    id: string,
    version: number | undefined,
  ): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const { activity } = await this.changes.change(manager, ctx, {
        id,
        action: 'delete',
        version,
        versionAction: 'archive',
        apply: (row) => {
          row.status = 'archived';
          row.archivedAt = new Date();
          return { fields: ['status'], note: 'Fiche archivée.' };
        },
      });
      return detailedView(manager, activity);
    });
  }
}

/** Marks a loaded draft validated; a review date not in the future moves a year later, to a working day. */
function markValidated(activity: ProcessingActivity, ctx: RequestContext): RecordedChange {
  const now = new Date();
  const today = todayInParis(now);
  const fields = ['status'];
  activity.status = 'validated';
  activity.validatedAt = now;
  activity.validatedBy = ctx.userId;
  if (!activity.reviewDate || activity.reviewDate <= today) {
    // A year later, moved to the next working day (Regulation 1182/71, art. 3.4).
    activity.reviewDate = nextWorkingDay(oneYearAfter(today));
    fields.push('reviewDate');
  }
  return { fields, note: 'Fiche validée par le DPO.' };
}
