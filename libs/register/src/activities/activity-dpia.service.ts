import { Injectable } from '@nestjs/common';
import { ConflictException, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { changedFields } from './activity-content';
import { ActivityChanges } from './activity-changes.service';
import { invalid } from './activity-validation';
import { detailedView, dpiaOf, ProcessingActivityView, todayInParis } from './activity-view';
import { checkDpiaAssessment, DpiaAssessment } from './dpia-assessment';
import { DpiaAssessmentDto, DpiaDecisionDto } from './processing-activity.dto';

/** The DPO's records of the DPIA (Art. 35): a reasoned decision not to carry one out, or the DPIA carried out. */
@Injectable()
export class ActivityDpia {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
  ) {}

  /** The DPO records a reasoned decision not to carry out a DPIA the screening found required. */
  async recordDecision(
    ctx: RequestContext,
    id: string,
    dto: DpiaDecisionDto,
  ): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const { activity } = await this.changes.change(manager, ctx, {
        id,
        action: 'validate',
        version: dto.version,
        versionAction: 'dpia-decision',
        apply: (row) => {
          const screening = dpiaOf({ ...row, dpiaDecision: null });
          if (!screening.required) {
            throw new ConflictException(
              'L’analyse préalable ne requiert pas d’AIPD pour cette fiche : il n’y a rien à décider',
              'state',
            );
          }
          row.dpiaDecision = {
            outcome: 'not-carried-out',
            reason: dto.reason,
            decidedAt: new Date().toISOString(),
            decidedBy: ctx.userId,
            decidedByName: ctx.actor?.displayName ?? null,
            criteria: screening.criteria.map((c) => c.key),
          };
          return { fields: ['dpiaDecision'], note: "Décision motivée du DPO de ne pas mener d'AIPD." };
        },
      });
      return detailedView(manager, activity);
    });
  }

  /**
   * The DPO records the DPIA carried out (in progress or done), replacing the previous record. A DPIA done lifts
   * the block on validating an entry whose screening requires one. Nothing is written when nothing changed.
   */
  async recordAssessment(
    ctx: RequestContext,
    id: string,
    dto: DpiaAssessmentDto,
  ): Promise<ProcessingActivityView> {
    return this.tx.run(async (manager) => {
      const { activity } = await this.changes.change(manager, ctx, {
        id,
        action: 'validate',
        version: dto.version,
        versionAction: 'dpia-assessment',
        apply: (row) => {
          const today = todayInParis();
          const completedAt = dto.completedAt ?? (dto.status === 'done' ? today : undefined);
          const errors = checkDpiaAssessment({ ...dto, completedAt }, today);
          if (errors.length > 0) throw invalid(errors);
          const content = {
            status: dto.status,
            ...(dto.startedAt ? { startedAt: dto.startedAt } : {}),
            ...(completedAt ? { completedAt } : {}),
            ...(dto.reference ? { reference: dto.reference } : {}),
            ...(dto.residualRisk ? { residualRisk: dto.residualRisk } : {}),
            ...(typeof dto.priorConsultation === 'boolean'
              ? { priorConsultation: dto.priorConsultation }
              : {}),
            ...(dto.conclusion ? { conclusion: dto.conclusion } : {}),
          };
          if (row.dpiaAssessment) {
            const { recordedAt: _at, recordedBy: _by, recordedByName: _name, ...kept } = row.dpiaAssessment;
            if (changedFields({ a: kept }, { a: content }, ['a']).length === 0) return false;
          }
          const assessment: DpiaAssessment = {
            ...content,
            recordedAt: new Date().toISOString(),
            recordedBy: ctx.userId,
            recordedByName: ctx.actor?.displayName ?? null,
          };
          row.dpiaAssessment = assessment;
          return {
            fields: ['dpiaAssessment'],
            note: assessment.status === 'done' ? 'AIPD réalisée enregistrée.' : 'AIPD en cours enregistrée.',
          };
        },
      });
      return detailedView(manager, activity);
    });
  }
}
