import { Injectable } from '@nestjs/common';
import { CertificationEvidence } from '@vigie/certification';
import { recordAudit, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { AccessReview } from '../campaigns/access-review.entity';
import { assertStatus, loadCampaign } from '../campaigns/campaign-access';
import { parisDay } from '../dates';
import { loadCertificateData } from './certificate-data';
import { renderCertificatePdf, STATUS_FR } from './certificate.pdf';

/** Annex A control the certificate evidences. */
export const ACCESS_RIGHTS_CONTROL = '5.18';

/**
 * What became of the certificate as ISO evidence: attached now, attached before (the same campaign status was
 * already certified: a download does not add evidence again), or not attached (no current ISO assessment).
 */
export type EvidenceOutcome =
  | { status: 'attached' | 'already-attached'; evidenceId: string }
  | { status: 'no-current-assessment'; evidenceId: null };

/**
 * The certificate of a closed or remediated campaign: rendered, stored as a generated record of the member, and
 * attached as evidence to control 5.18 of the operator's current ISO/IEC 27001 assessment, once per campaign
 * status (the certificate of the closing, then the one with every remediation done).
 */
@Injectable()
export class CertificateService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
    private readonly evidence: CertificationEvidence,
  ) {}

  async certificate(
    ctx: RequestContext,
    id: string,
  ): Promise<{ file: StoredFile; evidence: EvidenceOutcome }> {
    return this.tx.run(async (manager) => {
      // Locked: two simultaneous downloads attach the evidence once.
      const campaign = await loadCampaign(manager, ctx, id, { lock: true });
      assertStatus(campaign, ['closed', 'remediated'], 'le certificat');
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
      if (campaign.certificateEvidenceId && campaign.certificateEvidenceStatus === campaign.status) {
        return { file, evidence: { status: 'already-attached', evidenceId: campaign.certificateEvidenceId } };
      }
      const attached = await this.evidence.attachToControl(manager, ctx, {
        controlRef: ACCESS_RIGHTS_CONTROL,
        fileName,
        bytes,
        effectiveDate: day,
        description:
          `Certificat de revue des accès (${STATUS_FR[campaign.status].toLowerCase()}) — ` +
          `${data.applicationName} — ${data.memberName} — ${campaign.name}`.slice(0, 1000),
      });
      if (!attached) return { file, evidence: { status: 'no-current-assessment', evidenceId: null } };
      await manager.update(AccessReview, campaign.id, {
        certificateEvidenceId: attached.evidenceId,
        certificateEvidenceStatus: campaign.status,
      });
      await recordAudit(manager, ctx, {
        action: 'access-review.certificate-evidence',
        entity: 'access-review',
        entityId: campaign.id,
        organisationId: campaign.organisationId,
        changes: {
          certificateEvidenceId: { before: campaign.certificateEvidenceId, after: attached.evidenceId },
          certificateEvidenceStatus: { before: campaign.certificateEvidenceStatus, after: campaign.status },
        },
      });
      return { file, evidence: { status: 'attached', evidenceId: attached.evidenceId } };
    });
  }
}
