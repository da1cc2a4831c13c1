import { Injectable } from '@nestjs/common';
import { assertNoNulls, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { ActivityContent, contentOf } from './activity-content';
import { ActivityChanges } from './activity-changes.service';
import { normaliseContent, normalisePatch, rawRuleInput } from './activity-normalise';
import { invalid } from './activity-validation';
import { detailedView, ProcessingActivityView } from './activity-view';
import { CreateProcessingActivityDto, UpdateProcessingActivityDto } from './processing-activity.dto';
import { checkRegisterRules } from './register-rules';

export { ACTIVITY_LABEL, ActivityChanges, BACK_TO_DRAFT_NOTE } from './activity-changes.service';
export type { ActivityChange, InsertOptions, RecordedChange } from './activity-changes.service';
export { normaliseContent, normaliseTransfer } from './activity-normalise';
export { missingForValidation, oneYearAfter } from './activity-validation';
export { ACTIVITY_DPIA_FILTERS, ACTIVITY_SORTS, ProcessingActivityQueries } from './activity-queries.service';
export type { ActivityDpiaFilter, ActivityListQuery, ActivitySort } from './activity-queries.service';
export { ActivityWorkflow } from './activity-workflow.service';
export { ActivityDpia } from './activity-dpia.service';

/**
 * A member's register of processing activities: editors write drafts, readers read, the DPO validates and
 * archives (`ActivityWorkflow`) and records the DPIA (`ActivityDpia`); operator roles and vendor contacts see
 * nothing of it (404). Every change is a new version. This service writes an entry's content.
 */
@Injectable()
export class ProcessingActivitiesService {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
  ) {}

  async create(
    ctx: RequestContext,
    organisationId: string,
    dto: CreateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    this.changes.assertRegister(ctx, organisationId, 'create');
    return this.tx.run(async (manager) => {
      const context = await this.changes.ruleContext(manager, ctx, organisationId);
      const errors = checkRegisterRules(rawRuleInput(dto), context);
      if (errors.length > 0) throw invalid(errors);
      return detailedView(
        manager,
        await this.changes.insert(manager, ctx, organisationId, normaliseContent(dto)),
      );
    });
  }

  /** A partial update with the version last read; a validated entry goes back to draft. */
  async update(
    ctx: RequestContext,
    id: string,
    dto: UpdateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    assertNoNulls(dto, ['description', 'reviewDate', 'cnilExemptionItem', 'nir']);
    return this.tx.run(async (manager) => {
      const { activity } = await this.changes.change(manager, ctx, {
        id,
        action: 'update',
        version: dto.version,
        versionAction: 'update',
        apply: async (row) => {
          const errors = checkRegisterRules(
            rawRuleInput(dto),
            await this.changes.ruleContext(manager, ctx, row.organisationId),
          );
          if (errors.length > 0) throw invalid(errors);
          const next: ActivityContent = { ...contentOf(row), ...normalisePatch(dto) };
          return this.changes.newContent(manager, ctx, row, next);
        },
      });
      return detailedView(manager, activity);
    });
  }
}
