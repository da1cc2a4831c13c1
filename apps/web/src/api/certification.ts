import { api, unwrap } from './client';
import type { Page } from './lists';

// The certification answers have no response schema in the OpenAPI document yet: the fields these screens
// read are typed here, as the API (libs/certification) writes them.
export type RequirementStatus = 'not-started' | 'in-progress' | 'implemented' | 'not-applicable';
export type InclusionReason = 'legal' | 'contractual' | 'risk-treatment' | 'best-practice';

export interface Assessment {
  id: string;
  organisationId: string;
  frameworkCode: string;
  frameworkName: string;
  frameworkEdition: string;
  name: string;
  archived: boolean;
  requirementCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Anchor {
  label: string;
  frameworkCode: string | null;
  ref: string | null;
  current: {
    assessmentId: string;
    assessmentName: string;
    requirementAssessmentId: string | null;
    status: RequirementStatus;
  } | null;
}

export interface Requirement {
  id: string;
  assessmentId: string;
  ref: string;
  title: string;
  kind: string;
  theme: string;
  applicable: boolean;
  justification: string | null;
  inclusionReasons: InclusionReason[];
  status: RequirementStatus;
  ownerId: string | null;
  dueDate: string | null;
  notes: string | null;
  version: number;
  evidenceCount: number;
  overdue: boolean;
  anchor: Anchor | null;
}

export type StatusCounts = Record<RequirementStatus, number>;

export interface Progress {
  assessmentId: string;
  frameworkCode: string;
  asOf: string;
  total: number;
  applicable: number;
  byStatus: StatusCounts;
  implementedShare: number | null;
  byTheme: {
    theme: string;
    total: number;
    applicable: number;
    byStatus: StatusCounts;
    implementedShare: number | null;
  }[];
  overdue: { count: number; items: { id: string; ref: string; title: string; dueDate: string }[] };
  evidence: {
    total: number;
    expired: number;
    expiringWithinDays: number;
    expiringSoon: {
      count: number;
      items: { id: string; fileName: string; expiresAt: string; requirementRefs: string[] }[];
    };
  };
}

/** The progress at the end of one day (Paris): the opening day, each day a status changed, today. */
export interface ProgressPoint {
  date: string;
  total: number;
  applicable: number;
  byStatus: StatusCounts;
  implementedShare: number | null;
  changes: number;
}

export interface ProgressHistory {
  assessmentId: string;
  openedOn: string;
  asOf: string;
  points: ProgressPoint[];
  truncated: boolean;
}

export interface Evidence {
  id: string;
  organisationId: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  description: string | null;
  effectiveDate: string;
  expiresAt: string | null;
  expired: boolean;
  uploadedAt: string;
  /** Sent back with a change of the requirements it supports (link, unlink). */
  version: number;
}

export interface EvidenceLink {
  requirementAssessmentId: string;
  assessmentId: string;
  assessmentName: string;
  frameworkCode: string;
  ref: string;
  title: string;
  linkedAt: string;
}

export type EvidenceWithLinks = Evidence & { links: EvidenceLink[] };

export const STATUS_LABELS: Record<RequirementStatus, string> = {
  'not-started': 'Non commencée',
  'in-progress': 'En cours',
  implemented: 'Mise en œuvre',
  'not-applicable': 'Non applicable',
};
export const STATUSES = Object.keys(STATUS_LABELS) as RequirementStatus[];

export const INCLUSION_LABELS: Record<InclusionReason, string> = {
  legal: 'Exigence légale ou réglementaire',
  contractual: 'Exigence contractuelle',
  'risk-treatment': 'Traitement des risques',
  'best-practice': 'Bonne pratique',
};

export const FRAMEWORK_LABELS: Record<string, string> = {
  'iso27001-2022': 'ISO/IEC 27001:2022',
  'hds-v2': 'HDS (hébergeur de données de santé)',
};

/** An evidence whose expiry falls within this many days is flagged as soon expiring. */
export const SOON_DAYS = 30;

export const assessments = () =>
  unwrap(api.GET('/api/v1/assessments', { params: { query: { pageSize: 100 } } })) as unknown as Promise<
    Page<Assessment>
  >;

export const assessment = (id: string) =>
  unwrap(api.GET('/api/v1/assessments/{id}', { params: { path: { id } } })) as unknown as Promise<Assessment>;

export const createAssessment = (body: { frameworkCode: string; name: string }) =>
  unwrap(api.POST('/api/v1/assessments', { body })) as unknown as Promise<Assessment>;

export const requirementsOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/assessments/{id}/requirements', {
      params: { path: { id }, query: { pageSize: 200 } },
    }),
  ) as unknown as Promise<Page<Requirement>>;

export const requirementOf = (id: string, requirementAssessmentId: string) =>
  unwrap(
    api.GET('/api/v1/assessments/{id}/requirements/{requirementAssessmentId}', {
      params: { path: { id, requirementAssessmentId } },
    }),
  ) as unknown as Promise<Requirement>;

export const updateRequirement = (
  id: string,
  requirementAssessmentId: string,
  body: Record<string, unknown>,
) =>
  unwrap(
    api.PATCH('/api/v1/assessments/{id}/requirements/{requirementAssessmentId}', {
      params: { path: { id, requirementAssessmentId } },
      body: body as never,
    }),
  ) as unknown as Promise<Requirement>;

export const progressOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/assessments/{id}/progress', { params: { path: { id } } }),
  ) as unknown as Promise<Progress>;

export const progressHistoryOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/assessments/{id}/progress-history', { params: { path: { id } } }),
  ) as unknown as Promise<ProgressHistory>;

export const evidenceOf = (id: string, requirementAssessmentId: string) =>
  unwrap(
    api.GET('/api/v1/assessments/{id}/requirements/{requirementAssessmentId}/evidence', {
      params: { path: { id, requirementAssessmentId }, query: { pageSize: 100 } },
    }),
  ) as unknown as Promise<Page<Evidence>>;

export const evidence = (id: string) =>
  unwrap(
    api.GET('/api/v1/evidence/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<EvidenceWithLinks>;

export function uploadEvidence(
  id: string,
  requirementAssessmentId: string,
  input: { file: File; effectiveDate: string; expiresAt?: string; description?: string },
) {
  const form = new FormData();
  form.append('file', input.file, input.file.name);
  form.append('effectiveDate', input.effectiveDate);
  if (input.expiresAt) form.append('expiresAt', input.expiresAt);
  if (input.description) form.append('description', input.description);
  return unwrap(
    api.POST('/api/v1/assessments/{id}/requirements/{requirementAssessmentId}/evidence', {
      params: { path: { id, requirementAssessmentId } },
      body: form as never,
      // The browser writes the multipart boundary itself.
      bodySerializer: (body: unknown) => body as FormData,
    }),
  ) as unknown as Promise<EvidenceWithLinks>;
}

export const linkEvidence = (id: string, requirementAssessmentId: string, version: number) =>
  unwrap(
    api.POST('/api/v1/evidence/{id}/links', {
      params: { path: { id } },
      body: { requirementAssessmentId, version },
    }),
  ) as unknown as Promise<EvidenceWithLinks>;

/** Removes a link; the evidence's version goes in `If-Match` (a DELETE has no body). */
export const unlinkEvidence = (id: string, requirementAssessmentId: string, version: number) =>
  unwrap(
    api.DELETE('/api/v1/evidence/{id}/links/{requirementAssessmentId}', {
      params: { path: { id, requirementAssessmentId }, header: { 'If-Match': String(version) } },
    }),
  );

/** « expirée », « expire bientôt » or nothing, from the expiry date and today (Paris). */
export function expiryOf(expiresAt: string | null, today: string): 'expired' | 'soon' | null {
  if (!expiresAt) return null;
  if (expiresAt < today) return 'expired';
  const limit = new Date(`${today}T12:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + SOON_DAYS);
  return expiresAt <= limit.toISOString().slice(0, 10) ? 'soon' : null;
}

export const todayInParis = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
