import { Injectable } from '@nestjs/common';
import { findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import { RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { ProcessingActivityLinks } from '@vigie/register';
import { EntityManager, In } from 'typeorm';
import { clauseDefinition } from '../contracts/clause-catalog';
import { ContractClause, ClauseStatus } from '../contracts/contract.entity';
import { coverageOf, NonCompliance } from '../contracts/coverage';
import { isExpired } from '../profiles/vendor-profiles.service';
import { HeldCertification, VendorProfile } from '../profiles/vendor-profile.entity';
import { QuestionnaireStatus } from '../questionnaires/questionnaire.entity';
import { todayInParis, inSequence } from '../vendor-support';

/** Why an application's vendor deserves attention (codes; the French labels are in the PDFs and UI). */
export type AssuranceAlert =
  | 'no-vendor'
  | 'no-contract'
  | 'contract-expired'
  | 'missing-clauses'
  | 'art28-non-compliance'
  | 'no-questionnaire'
  | 'questionnaire-not-accepted'
  | 'expired-certification'
  | 'no-valid-hds-certificate';

export interface ApplicationAssurance {
  applicationId: string;
  applicationName: string;
  healthData: boolean;
  vendor: { id: string; name: string } | null;
  /** The latest questionnaire sent to the vendor. */
  questionnaire: {
    id: string;
    status: QuestionnaireStatus;
    score: number | null;
    dueDate: string;
    sentAt: Date;
    reviewedAt: Date | null;
    overdue: boolean;
  } | null;
  contracts: {
    id: string;
    reference: string;
    startDate: string;
    endDate: string | null;
    expired: boolean;
    coverageScore: number | null;
    missingClauses: { key: string; ref: string | null; label: string; status: ClauseStatus }[];
    /** Art. 28.3 clauses the contract does not hold in full: non-compliances, whatever the coverage score. */
    nonCompliances: NonCompliance[];
    art28Compliant: boolean;
  }[];
  expiredCertifications: HeldCertification[];
  alerts: AssuranceAlert[];
}

/**
 * A vendor's assurance where it matters: on the applications it supplies and on the processing activities that
 * use them. Applications are read through the `VendorAssurance` subject, so a member sees it only for the
 * applications deployed for it (in SQL); vendor contacts see none.
 */
@Injectable()
export class VendorAssuranceService {
  constructor(
    private readonly tx: Transactions,
    private readonly activities: ProcessingActivityLinks,
  ) {}

  async forApplication(ctx: RequestContext, applicationId: string): Promise<ApplicationAssurance> {
    const application = await findVisibleOrFail(
      this.tx.reader,
      ctx,
      'VendorAssurance',
      Application,
      applicationId,
      { label: 'Application' },
    );
    return (await this.assuranceOf(this.tx.reader, [application]))[0];
  }

  async forProcessingActivity(
    ctx: RequestContext,
    id: string,
  ): Promise<{ processingActivityId: string; name: string; applications: ApplicationAssurance[] }> {
    const activity = await this.activities.visibleOrFail(this.tx.reader, ctx, id);
    const applications = activity.applicationIds.length
      ? await scopedQuery(this.tx.reader, ctx, 'read', 'VendorAssurance', Application, 'a')
          .andWhere('a.id IN (:...ids)', { ids: activity.applicationIds })
          .orderBy('a.name', 'ASC')
          .addOrderBy('a.id', 'ASC')
          .getMany()
      : [];
    return {
      processingActivityId: activity.id,
      name: activity.name,
      applications: await this.assuranceOf(this.tx.reader, applications),
    };
  }

  /** The assurance of each application, in five queries whatever their number. */
  async assuranceOf(manager: EntityManager, applications: Application[]): Promise<ApplicationAssurance[]> {
    if (applications.length === 0) return [];
    const today = todayInParis();
    const appIds = applications.map((a) => a.id);
    const vendorIds = [...new Set(applications.map((a) => a.vendorId).filter((id): id is string => !!id))];
    // Every caller read these applications through the VendorAssurance subject: a member reaches this summary,
    // never the operator's profiles, questionnaires or contracts it is made of.
    const sources = unscoped(
      manager,
      'the sources of the assurance of applications read scoped as VendorAssurance (vendors, profiles, questionnaires, contracts): a member reaches the summary, never these subjects, so none of their scopes applies',
    );
    const [vendors, profiles, questionnaires, contracts] = await inSequence([
      () => (vendorIds.length ? sources.find(Organisation, { where: { id: In(vendorIds) } }) : []),
      () => (vendorIds.length ? sources.find(VendorProfile, { where: { vendorId: In(vendorIds) } }) : []),
      () =>
        vendorIds.length
          ? (sources.query(
              `SELECT DISTINCT ON (q.vendor_id) q.vendor_id AS "vendorId", q.id, q.status, q.score, to_char(q.due_date, 'YYYY-MM-DD') AS "dueDate",
                    q.sent_at AS "sentAt", q.reviewed_at AS "reviewedAt"
             FROM questionnaire q WHERE q.vendor_id = ANY($1)
             ORDER BY q.vendor_id, q.sent_at DESC, q.id`,
              [vendorIds],
            ) as Promise<
              {
                vendorId: string;
                id: string;
                status: QuestionnaireStatus;
                score: string | null;
                dueDate: string;
                sentAt: Date;
                reviewedAt: Date | null;
              }[]
            >)
          : [],
      () =>
        sources.query(
          `SELECT ca.application_id AS "applicationId", c.id, c.reference,
                to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", to_char(c.end_date, 'YYYY-MM-DD') AS "endDate"
         FROM contract_application ca JOIN contract c ON c.id = ca.contract_id
         WHERE ca.application_id = ANY($1) ORDER BY c.start_date DESC, c.id`,
          [appIds],
        ) as Promise<
          {
            applicationId: string;
            id: string;
            reference: string;
            startDate: string;
            endDate: string | null;
          }[]
        >,
    ]);
    const contractIds = [...new Set(contracts.map((c) => c.id))];
    const clauses = contractIds.length
      ? await sources.find(ContractClause, {
          select: { contractId: true, key: true, status: true, position: true },
          where: { contractId: In(contractIds) },
          order: { position: 'ASC' },
        })
      : [];
    return applications.map((application) => {
      const vendor = vendors.find((v) => v.id === application.vendorId);
      const profile = profiles.find((p) => p.vendorId === application.vendorId);
      const latest = questionnaires.find((q) => q.vendorId === application.vendorId);
      const certifications = profile?.certifications ?? [];
      const expiredCertifications = certifications.filter((c) => isExpired(c, today));
      const covering = contracts
        .filter((c) => c.applicationId === application.id)
        .map((contract) => {
          const coverage = coverageOf(clauses.filter((clause) => clause.contractId === contract.id));
          return {
            id: contract.id,
            reference: contract.reference,
            startDate: contract.startDate,
            endDate: contract.endDate,
            expired: contract.endDate !== null && contract.endDate < today,
            coverageScore: coverage.score,
            missingClauses: coverage.gaps.map(({ key, ref, status }) => ({
              key,
              ref,
              label: clauseDefinition(key)?.label ?? key,
              status,
            })),
            nonCompliances: coverage.nonCompliances,
            art28Compliant: coverage.art28Compliant,
          };
        });
      const questionnaire = latest
        ? {
            id: latest.id,
            status: latest.status,
            score: latest.score === null ? null : Number(latest.score),
            dueDate: latest.dueDate,
            sentAt: latest.sentAt,
            reviewedAt: latest.reviewedAt,
            overdue: !['submitted', 'accepted'].includes(latest.status) && latest.dueDate < today,
          }
        : null;
      const alerts: AssuranceAlert[] = [];
      if (!vendor) alerts.push('no-vendor');
      else {
        const current = covering.filter((c) => !c.expired);
        if (covering.length === 0) alerts.push('no-contract');
        else if (current.length === 0) alerts.push('contract-expired');
        if (covering.some((c) => c.missingClauses.length > 0)) alerts.push('missing-clauses');
        if (covering.some((c) => !c.art28Compliant)) alerts.push('art28-non-compliance');
        if (!questionnaire) alerts.push('no-questionnaire');
        else if (questionnaire.status !== 'accepted') alerts.push('questionnaire-not-accepted');
        if (expiredCertifications.length) alerts.push('expired-certification');
        if (application.healthData && !certifications.some((c) => c.kind === 'hds' && !isExpired(c, today)))
          alerts.push('no-valid-hds-certificate');
      }
      return {
        applicationId: application.id,
        applicationName: application.name,
        healthData: application.healthData,
        vendor: vendor ? { id: vendor.id, name: vendor.name } : null,
        questionnaire,
        contracts: covering,
        expiredCertifications,
        alerts,
      };
    });
  }
}
