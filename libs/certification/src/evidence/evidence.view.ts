import { todayInParis } from '../dates';
import type { Evidence } from './evidence.entity';

export interface EvidenceView {
  id: string;
  organisationId: string;
  fileName: string;
  /** Detected from the content. */
  contentType: string;
  size: number;
  sha256: string;
  description: string | null;
  effectiveDate: string;
  expiresAt: string | null;
  /** The expiry date is past. */
  expired: boolean;
  uploadedAt: Date;
  uploadedBy: string | null;
  /** Sent back with a change of the requirements it supports (link, unlink). */
  version: number;
}

export interface EvidenceLinkView {
  requirementAssessmentId: string;
  assessmentId: string;
  assessmentName: string;
  frameworkCode: string;
  ref: string;
  title: string;
  linkedAt: Date;
}

export function toEvidenceView(evidence: Evidence, today = todayInParis()): EvidenceView {
  return {
    id: evidence.id,
    organisationId: evidence.organisationId,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    size: evidence.size,
    sha256: evidence.sha256,
    description: evidence.description,
    effectiveDate: evidence.effectiveDate,
    expiresAt: evidence.expiresAt,
    expired: evidence.expiresAt !== null && evidence.expiresAt < today,
    uploadedAt: evidence.uploadedAt,
    uploadedBy: evidence.uploadedBy,
    version: evidence.version,
  };
}
