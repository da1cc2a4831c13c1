import { Injectable } from '@nestjs/common';
import { scoped, scopedQuery, unscoped } from '@vigie/authz';
import { RequestContext, ValidationException } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { Organisation, User } from '@vigie/identity';
import { In } from 'typeorm';
import { loadAssessment } from '../assessments/assessment-access';
import { ProgressService } from '../assessments/progress.service';
import { requirementRows } from '../assessments/requirement-rows';
import { todayInParis } from '../dates';
import { Evidence } from '../evidence/evidence.entity';
import { EvidenceLink } from '../evidence/evidence-link.entity';
import { RequirementAssessment } from '../assessments/requirement-assessment.entity';
import { renderHdsReportPdf } from './hds-report.pdf';
import type { ReportData, ReportRow } from './report-data';
import { renderSoaPdf } from './soa.pdf';

/** The certification PDFs, rendered from the stored state and kept as generated records of the operator. */
@Injectable()
export class CertificationReportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly progress: ProgressService,
    private readonly documents: DocumentsService,
  ) {}

  /** The Statement of Applicability of an ISO/IEC 27001 assessment. */
  async soa(ctx: RequestContext, assessmentId: string): Promise<StoredFile> {
    const data = await this.gather(ctx, assessmentId);
    if (!data.rows.some((row) => row.kind === 'control')) {
      throw new ValidationException(
        `Une déclaration d’applicabilité liste les mesures de l’annexe A ; le référentiel ${data.framework.code} n’en a pas (utilisez report.pdf)`,
      );
    }
    return this.documents.store(ctx, {
      organisationId: data.organisationId,
      kind: 'soa',
      title: `Déclaration d'applicabilité — ${data.assessment.name}`,
      fileName: `declaration-applicabilite-${slug(data.assessment.name)}.pdf`,
      bytes: await renderSoaPdf(data),
    });
  }

  /** The conformity report (HDS, or any framework). */
  async report(ctx: RequestContext, assessmentId: string): Promise<StoredFile> {
    const data = await this.gather(ctx, assessmentId);
    return this.documents.store(ctx, {
      organisationId: data.organisationId,
      kind: 'certification-report',
      title: `Rapport de conformité ${data.framework.name} — ${data.assessment.name}`,
      fileName: `rapport-conformite-${slug(data.assessment.name)}.pdf`,
      bytes: await renderHdsReportPdf(data),
    });
  }

  private async gather(
    ctx: RequestContext,
    assessmentId: string,
  ): Promise<ReportData & { organisationId: string }> {
    const manager = this.tx.reader;
    const { assessment, framework } = await loadAssessment(manager, ctx, assessmentId);
    const organisation = await scoped(manager, ctx)
      .query('Organisation', Organisation, 'o')
      .andWhere('o.id = :id', { id: assessment.organisationId })
      .getOneOrFail();
    const { items } = await requirementRows(manager, ctx, assessmentId, {});
    const today = todayInParis();
    const evidence = await scopedQuery(manager, ctx, 'read', 'Evidence', Evidence, 'e')
      .innerJoin(EvidenceLink, 'l', 'l.evidenceId = e.id')
      .innerJoin(RequirementAssessment, 'ra', 'ra.id = l.requirementAssessmentId')
      .andWhere('ra.assessmentId = :assessmentId', { assessmentId })
      .select('l.requirementAssessmentId', 'raId')
      .addSelect('e.fileName', 'fileName')
      .addSelect('e.sha256', 'sha256')
      .addSelect(`to_char(e.effectiveDate, 'YYYY-MM-DD')`, 'effectiveDate')
      .addSelect(`to_char(e.expiresAt, 'YYYY-MM-DD')`, 'expiresAt')
      .orderBy('e.effectiveDate', 'DESC')
      .addOrderBy('e.fileName', 'ASC')
      .getRawMany<{
        raId: string;
        fileName: string;
        sha256: string;
        effectiveDate: string;
        expiresAt: string | null;
      }>();
    const byRequirement = new Map<string, ReportRow['evidence']>();
    for (const { raId, ...file } of evidence) {
      const list = byRequirement.get(raId) ?? [];
      list.push({ ...file, expired: file.expiresAt !== null && file.expiresAt < today });
      byRequirement.set(raId, list);
    }
    const ownerIds = [...new Set(items.map((i) => i.ownerId).filter((id): id is string => id !== null))];
    const owners = ownerIds.length
      ? await unscoped(
          manager,
          'the display names of the owners of an assessment just found visible: users belong to no organisation, and the roles that read an assessment read no users',
        ).findBy(User, { id: In(ownerIds) })
      : [];
    const ownerName = new Map(owners.map((u) => [u.id, u.displayName]));
    return {
      organisationId: assessment.organisationId,
      organisationName: organisation.name,
      assessment: {
        id: assessment.id,
        name: assessment.name,
        scope: assessment.scope,
        createdAt: assessment.createdAt,
        version: assessment.version,
      },
      framework: {
        code: framework.code,
        name: framework.name,
        edition: framework.edition,
        activities: framework.activities,
      },
      rows: items.map((item) => ({
        ...item,
        evidence: byRequirement.get(item.id) ?? [],
        ownerName: item.ownerId ? (ownerName.get(item.ownerId) ?? null) : null,
      })),
      progress: await this.progress.progress(ctx, assessmentId),
      generatedAt: new Date(),
    };
  }
}
