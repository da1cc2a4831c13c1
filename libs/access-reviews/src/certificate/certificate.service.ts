import { Injectable } from '@nestjs/common';
import { auditedChange, unversioned } from '@vigie/authz';
import { CertificationEvidence } from '@vigie/certification';
import { RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { AccessReview } from '../campaigns/access-review.entity';
import { assertStatus, loadCampaign } from '../campaigns/campaign-access';
import { parisDay } from '../dates';
import { loadCertificateData } from './certificate-data';
import { renderCertificatePdf, STATUS_FR } from './certificate.pdf';

/** Annex A control the certificate evidences. */
export const ACCESS_RIGHTS_CONTROL = '5.18';

/**
 * The certificate as ISO evidence: attached (by the system, when the campaign closed or was remediated), or
 * not attached (there was no current ISO assessment then).
 */
export type EvidenceOutcome =
  { status: 'attached'; evidenceId: string } | { status: 'no-current-assessment'; evidenceId: null };

/**
 * The certificate of a closed or remediated campaign, stored as a generated record of the member. When the
 * campaign closes (and again when its last remediation is done) the system issues it and attaches it as
 * evidence to control 5.18 of the operator's current ISO/IEC 27001 assessment; a download later only serves
 * it (the same content answers the stored record) and never writes evidence in the reader's name.
 */
@Injectable()
export class CertificateService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
    private readonly evidence: CertificationEvidence,
  ) {}

  /** The certificate for a reader who may see the campaign, with what became of it as evidence. */
  async certificate(
    ctx: RequestContext,
    id: string,
  ): Promise<{ file: StoredFile; evidence: EvidenceOutcome }> {
    return this.tx.run(async (manager) => {
      const campaign = await loadCampaign(manager, ctx, id);
      assertStatus(campaign, ['closed', 'remediated'], 'le certificat');
      const { file } = await this.render(manager, ctx, campaign);
      const attached =
        campaign.certificateEvidenceId && campaign.certificateEvidenceStatus === campaign.status;
      return {
        file,
        evidence: attached
          ? { status: 'attached', evidenceId: campaign.certificateEvidenceId! }
          : { status: 'no-current-assessment', evidenceId: null },
      };
    });
  }

  /**
   * Issues the certificate of a campaign that has just closed or been remediated, in the transaction of that
   * change: stored for the member and attached as evidence to control 5.18, in the system's name.
   */
  async issue(manager: EntityManager, campaign: AccessReview): Promise<void> {
    const system = RequestContext.system('access-review-certificate');
    const { file, data, day } = await this.render(manager, system, campaign);
    const attached = await this.evidence.attachToControl(manager, system, {
      controlRef: ACCESS_RIGHTS_CONTROL,
      fileName: file.fileName,
      bytes: file.bytes,
      effectiveDate: day,
      description:
        `Certificat de revue des accès (${STATUS_FR[campaign.status].toLowerCase()}) — ` +
        `${data.applicationName} — ${data.memberName} — ${campaign.name}`.slice(0, 1000),
    });
    if (!attached) return;
    await auditedChange(manager, system, {
      subject: 'AccessReview',
      entity: AccessReview,
      id: campaign.id,
      label: 'Access review',
      action: 'update',
      version: unversioned(
        'a system consequence inside the campaign’s close or remediation, already checked',
      ),
      audit: {
        action: 'access-review.certificate-evidence',
        entity: 'access-review',
        changes: (row, before) => ({
          certificateEvidenceId: { before: before.certificateEvidenceId, after: row.certificateEvidenceId },
          certificateEvidenceStatus: {
            before: before.certificateEvidenceStatus,
            after: row.certificateEvidenceStatus,
          },
        }),
      },
      apply: (row) => {
        row.certificateEvidenceId = attached.evidenceId;
        row.certificateEvidenceStatus = campaign.status;
      },
      // Only the certificate's columns: the campaign's own change was saved by its caller.
      save: (m, row) =>
        m.update(AccessReview, row.id, {
          certificateEvidenceId: row.certificateEvidenceId,
          certificateEvidenceStatus: row.certificateEvidenceStatus,
        }),
    });
    campaign.certificateEvidenceId = attached.evidenceId;
    campaign.certificateEvidenceStatus = campaign.status;
  }

  private async render(manager: EntityManager, ctx: RequestContext, campaign: AccessReview) {
    const data = await loadCertificateData(manager, campaign);
    const bytes = await renderCertificatePdf(data);
    const day = parisDay(campaign.remediatedAt ?? campaign.closedAt ?? new Date());
    const fileName = `certificat-revue-acces-${slug(data.applicationName)}-${slug(data.memberName)}-${day}.pdf`;
    const file = await this.documents.store(
      ctx,
      {
        organisationId: campaign.organisationId,
        kind: 'access-review-certificate',
        title: `Certificat de revue des accès — ${data.applicationName} — ${campaign.name}`,
        fileName,
        bytes,
      },
      manager,
    );
    return { file, data, day };
  }
}
