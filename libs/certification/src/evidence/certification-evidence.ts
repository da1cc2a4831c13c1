import { scoped } from '@vigie/authz';
import { Injectable } from '@nestjs/common';
import { RequestContext, ValidationException } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { Organisation } from '@vigie/identity';
import { Assessment } from '../assessments/assessment.entity';
import { RequirementAssessment } from '../assessments/requirement-assessment.entity';
import { Framework } from '../frameworks/framework.entity';
import { annexARef, ISO27001_CODE } from '../frameworks/builtin-frameworks';
import { EvidenceService, NewEvidence } from './evidence.service';

/** What another capability attaches: a file and the Annex A control it evidences. */
export interface ControlEvidence extends NewEvidence {
  /** Annex A control, `5.18` or `A.5.18`. */
  controlRef: string;
}

export interface AttachedEvidence {
  evidenceId: string;
  sha256: string;
  assessmentId: string;
  requirementAssessmentId: string;
}

/**
 * The public service through which other capabilities add evidence to the certification (e.g. access reviews
 * attach their certificate to control 5.18, "Access rights"). It works in the caller's transaction and does not
 * check the caller's certification permissions: the calling capability has authorised its own action; the
 * evidence is recorded as uploaded by the caller and audited.
 */
@Injectable()
export class CertificationEvidence {
  constructor(private readonly evidence: EvidenceService) {}

  /**
   * Attaches a file to an Annex A control of the operator's current ISO/IEC 27001:2022 assessment (the most
   * recent one not archived). Answers null, writing nothing, when the operator has no current ISO assessment.
   * The file goes through the same content checks as an upload (a refused type throws 415).
   */
  async attachToControl(
    manager: EntityManager,
    ctx: RequestContext,
    input: ControlEvidence,
  ): Promise<AttachedEvidence | null> {
    const ref = annexARef(input.controlRef.trim());
    // The capability has authorised its own action: the operator's assessment is found as system work.
    const db = scoped(manager, RequestContext.system('certification-evidence'));
    const target = await db
      .query('Assessment', Assessment, 'a')
      .innerJoin(Framework, 'f', 'f.id = a.frameworkId')
      .innerJoin(Organisation, 'o', 'o.id = a.organisationId')
      .select('a.id', 'assessmentId')
      .addSelect(
        `(SELECT ra.id FROM requirement_assessment ra
          JOIN framework_requirement fr ON fr.id = ra.requirement_id
          WHERE ra.assessment_id = a.id AND fr.ref = :ref AND fr.kind = 'control')`,
        'raId',
      )
      .andWhere(`f.code = :code AND o.kind = 'operator' AND NOT a.archived`, { code: ISO27001_CODE, ref })
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(1)
      .getRawOne<{ assessmentId: string; raId: string | null }>();
    if (!target) return null;
    if (!target.raId) throw ValidationException.field('controlRef', `aucune mesure ${ref} dans l’annexe A`);
    const ra = await db.visibleOrFail('Assessment', RequirementAssessment, target.raId, {
      label: 'Requirement assessment',
    });
    const evidence = await this.evidence.insert(manager, ctx, ra.organisationId, input);
    await this.evidence.insertLink(manager, ctx, evidence, ra);
    return {
      evidenceId: evidence.id,
      sha256: evidence.sha256,
      assessmentId: target.assessmentId,
      requirementAssessmentId: ra.id,
    };
  }
}
