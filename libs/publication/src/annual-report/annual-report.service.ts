import { Injectable } from '@nestjs/common';
import { canInOrganisation, scoped, scopedQuery, tenantScope } from '@vigie/authz';
import { AccessReview, AccessReviewItem, RemediationTask } from '@vigie/access-reviews';
import { Breach, RightsRequest } from '@vigie/breaches';
import { Application, isDeployedSql } from '@vigie/catalog';
import { ForbiddenActionException, NotFoundException, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DocumentsService, GeneratedDocumentView, slug, StoredFile } from '@vigie/documents';
import { Organisation } from '@vigie/identity';
import { RegisterYearFigures, todayInParis } from '@vigie/register';
import { VendorAssuranceService } from '@vigie/vendors';
import { EntityManager, In } from 'typeorm';
import {
  AccessReviewLine,
  AnnualReportFigures,
  breachFigures,
  openActions,
  rightsFigures,
  totalLine,
  vendorLines,
  yearBounds,
} from './annual-report-figures';
import { renderAnnualReportPdf } from './annual-report.pdf';
import { renderAnnualReportXlsx, XLSX_TYPE } from './annual-report.xlsx';

export { dpiaAssessmentStatus } from '@vigie/register';

/** One member's report, stored twice: the PDF and the XLSX of its figures. */
export interface AnnualReportRecords {
  organisationId: string;
  organisationName: string;
  year: number;
  pdf: GeneratedDocumentView;
  xlsx: GeneratedDocumentView;
}

/**
 * The DPO's annual report on a member: what its register, DPIAs, breaches, rights requests, access reviews and
 * vendors' assurance say of the year, and what remains to do. Every figure is read in the caller's scope
 * (`scopedQuery` on each subject, plus the member's id in SQL) from the entities the feature libs export,
 * counting in SQL or over the few columns needed (never a requester's or a user's name); the vendors'
 * assurance comes from the vendors' own service.
 */
@Injectable()
export class AnnualReportService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
    private readonly assurance: VendorAssuranceService,
    private readonly registerYear: RegisterYearFigures,
  ) {}

  /** 404 unless the caller sees the member, 403 unless its role may produce the member's report. */
  private async memberFor(ctx: RequestContext, organisationId: string): Promise<Organisation> {
    if (!canInOrganisation(ctx, 'read', 'Organisation', organisationId))
      throw new NotFoundException('Organisation');
    if (!canInOrganisation(ctx, 'read', 'AnnualReport', organisationId)) throw new ForbiddenActionException();
    const organisation = await scoped(this.tx.reader, ctx).findOneBy('Organisation', Organisation, {
      id: organisationId,
    });
    if (!organisation || organisation.kind !== 'member') throw new NotFoundException('Organisation');
    return organisation;
  }

  async pdf(ctx: RequestContext, organisationId: string, year: number): Promise<StoredFile> {
    const organisation = await this.memberFor(ctx, organisationId);
    return this.storePdf(ctx, await this.figures(ctx, organisation, year));
  }

  async xlsx(ctx: RequestContext, organisationId: string, year: number): Promise<StoredFile> {
    const organisation = await this.memberFor(ctx, organisationId);
    return this.storeXlsx(ctx, await this.figures(ctx, organisation, year));
  }

  /** Both files for every member the caller may report on (a DPO shared by several members), by name. */
  async forAllMembers(ctx: RequestContext, year: number): Promise<AnnualReportRecords[]> {
    const scope = tenantScope(ctx, 'read', 'AnnualReport');
    if (scope !== 'any' && scope.length === 0) throw new ForbiddenActionException();
    const members = await scoped(this.tx.reader, ctx).find('Organisation', Organisation, {
      where: scope === 'any' ? { kind: 'member' } : { kind: 'member', id: In(scope) },
      order: { name: 'ASC', id: 'ASC' },
    });
    const records: AnnualReportRecords[] = [];
    for (const organisation of members) {
      const figures = await this.figures(ctx, organisation, year);
      const pdf = await this.storePdf(ctx, figures);
      const xlsx = await this.storeXlsx(ctx, figures);
      records.push({
        organisationId: organisation.id,
        organisationName: organisation.name,
        year,
        pdf: pdf.document,
        xlsx: xlsx.document,
      });
    }
    return records;
  }

  private title(figures: AnnualReportFigures): string {
    return `Bilan annuel ${figures.year} du délégué à la protection des données — ${figures.organisation.name}`;
  }

  private async storePdf(ctx: RequestContext, figures: AnnualReportFigures): Promise<StoredFile> {
    return this.documents.store(ctx, {
      organisationId: figures.organisation.id,
      kind: 'annual-report',
      title: this.title(figures),
      fileName: `bilan-dpo-${figures.year}-${slug(figures.organisation.shortName)}.pdf`,
      bytes: await renderAnnualReportPdf(figures),
    });
  }

  private async storeXlsx(ctx: RequestContext, figures: AnnualReportFigures): Promise<StoredFile> {
    return this.documents.store(ctx, {
      organisationId: figures.organisation.id,
      kind: 'annual-report-figures',
      title: `${this.title(figures)} (chiffres)`,
      fileName: `bilan-dpo-${figures.year}-${slug(figures.organisation.shortName)}.xlsx`,
      contentType: XLSX_TYPE,
      bytes: await renderAnnualReportXlsx(figures),
    });
  }

  /** Every figure of the report (the caller's right on the member is checked by the callers). */
  async figures(ctx: RequestContext, organisation: Organisation, year: number): Promise<AnnualReportFigures> {
    const manager = this.tx.reader;
    const now = new Date();
    const today = todayInParis(now);
    const { start, end } = yearBounds(year);
    const organisationId = organisation.id;
    const inYear = { organisationId, start, end };

    const { register, dpia } = await this.registerYear.of(manager, ctx, organisationId, start, end, today);

    const breaches = await scopedQuery(manager, ctx, 'read', 'Breach', Breach, 'b')
      .select([
        'b.id',
        'b.status',
        'b.riskLevel',
        'b.notificationDeadline',
        'b.cnilNotifiedAt',
        'b.subjectsInformed',
      ])
      .andWhere('b.organisationId = :organisationId', inYear)
      .andWhere('b.awareAt >= :start AND b.awareAt < :end', inYear)
      .getMany();
    const openBreaches = await scopedQuery(manager, ctx, 'read', 'Breach', Breach, 'b')
      .andWhere('b.organisationId = :organisationId', inYear)
      .andWhere("b.status <> 'closed'")
      .getCount();

    const requests = await scopedQuery(manager, ctx, 'read', 'RightsRequest', RightsRequest, 'r')
      .select(['r.id', 'r.right', 'r.status', 'r.dueDate', 'r.extensionMonths', 'r.answeredAt'])
      .andWhere('r.organisationId = :organisationId', inYear)
      .andWhere('r.receivedAt >= :start AND r.receivedAt < :end', inYear)
      .getMany();
    const openRights = await scopedQuery(manager, ctx, 'read', 'RightsRequest', RightsRequest, 'r')
      .andWhere('r.organisationId = :organisationId', inYear)
      .andWhere("r.status NOT IN ('answered', 'refused')")
      .getCount();

    const accessReviews = await this.accessReviewFigures(manager, ctx, organisationId, start, end);

    const applications = await scopedQuery(manager, ctx, 'read', 'VendorAssurance', Application, 'a')
      .andWhere(isDeployedSql('a.id', ':organisationId'), inYear)
      .orderBy('a.name', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .getMany();
    const vendors = vendorLines(await this.assurance.assuranceOf(manager, applications));

    const figures: Omit<AnnualReportFigures, 'openActions'> = {
      organisation: { id: organisation.id, name: organisation.name, shortName: organisation.shortName },
      year,
      generatedAt: now,
      register,
      dpia,
      breaches: breachFigures(breaches, now),
      rights: rightsFigures(requests, today),
      accessReviews,
      vendors,
    };
    return { ...figures, openActions: openActions(figures, openRights, openBreaches) };
  }

  private async accessReviewFigures(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    start: Date,
    end: Date,
  ): Promise<AnnualReportFigures['accessReviews']> {
    const campaigns = await scopedQuery(manager, ctx, 'read', 'AccessReview', AccessReview, 'c')
      .andWhere('c.organisationId = :organisationId', { organisationId })
      .andWhere('c.openedAt >= :start AND c.openedAt < :end', { start, end })
      .getMany();
    const campaignIds = campaigns.map((c) => c.id);
    const decisions = campaignIds.length
      ? await scopedQuery(manager, ctx, 'read', 'AccessReviewItem', AccessReviewItem, 'i')
          .select('i.accessReviewId', 'campaignId')
          .addSelect('i.decision', 'decision')
          .addSelect('count(*)::int', 'n')
          .andWhere('i.organisationId = :organisationId', { organisationId })
          .andWhere('i.accessReviewId IN (:...campaignIds)', { campaignIds })
          .groupBy('i.accessReviewId')
          .addGroupBy('i.decision')
          .getRawMany<{ campaignId: string; decision: string | null; n: number }>()
      : [];
    const applicationIds = [...new Set(campaigns.map((c) => c.applicationId))];
    const names = new Map(
      (applicationIds.length
        ? await scoped(manager, ctx)
            .query('AccessReview', AccessReview, 'c')
            .innerJoin(Application, 'a', 'a.id = c.applicationId')
            .select('a.id', 'id')
            .addSelect('a.name', 'name')
            .distinct(true)
            .andWhere('c.id IN (:...campaignIds)', { campaignIds })
            .getRawMany<{ id: string; name: string }>()
        : []
      ).map((a) => [a.id, a.name]),
    );
    const byApplication: AccessReviewLine[] = applicationIds
      .map((applicationId) => {
        const ids = new Set(campaigns.filter((c) => c.applicationId === applicationId).map((c) => c.id));
        const rows = decisions.filter((d) => ids.has(d.campaignId));
        const count = (decision: string | null) =>
          rows.filter((r) => r.decision === decision).reduce((n, r) => n + Number(r.n), 0);
        const accounts = rows.reduce((n, r) => n + Number(r.n), 0);
        return {
          application: names.get(applicationId) ?? 'Application',
          campaigns: ids.size,
          accounts,
          reviewed: accounts - count(null),
          kept: count('keep'),
          revoked: count('revoke'),
          modified: count('modify'),
        };
      })
      .sort((a, b) => a.application.localeCompare(b.application, 'fr'));
    const campaignsInProgress = await scopedQuery(manager, ctx, 'read', 'AccessReview', AccessReview, 'c')
      .andWhere('c.organisationId = :organisationId', { organisationId })
      .andWhere("c.status IN ('draft', 'open')")
      .getCount();
    const remediationOpen = await scopedQuery(manager, ctx, 'read', 'RemediationTask', RemediationTask, 't')
      .andWhere('t.organisationId = :organisationId', { organisationId })
      .andWhere("t.status = 'to-do'")
      .getCount();
    return { byApplication, total: totalLine(byApplication), campaignsInProgress, remediationOpen };
  }
}
