import { api, unwrap } from './client';
import type { Page } from './lists';

// The vendor answers have no response schema in the OpenAPI document yet: the fields these screens read are
// typed here, as the API returns them (libs/vendors).

export type QuestionnaireStatus = 'sent' | 'in-progress' | 'submitted' | 'changes-requested' | 'accepted';
export type AnswerValue = string | number | string[];

export interface QuestionnaireSummary {
  id: string;
  vendorId: string;
  vendorName: string;
  templateId: string;
  templateName: string;
  status: QuestionnaireStatus;
  dueDate: string;
  /** Absent for a vendor contact. */
  score?: number | null;
  sentAt: string;
  submittedAt: string | null;
  reviewedAt: string | null;
  reviewComment: string | null;
  version: number;
}

export interface Attachment {
  id: string;
  questionKey: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface QuestionComment {
  id: string;
  questionKey: string;
  internal: boolean;
  body: string;
  authorId: string | null;
  createdAt: string;
}

export interface Question {
  key: string;
  text: string;
  help?: string;
  type: 'yes-no' | 'single-choice' | 'multiple-choice' | 'text' | 'number' | 'date';
  required: boolean;
  evidenceRequested: boolean;
  /** Absent for a vendor contact. */
  weight?: number;
  choices: { value: string; label: string; score?: number }[];
  answer: { value: AnswerValue; comment: string | null; updatedAt: string } | null;
  attachments: Attachment[];
  comments: QuestionComment[];
}

export interface QuestionnaireDetail extends QuestionnaireSummary {
  progress: { questions: number; answered: number; required: number; requiredAnswered: number };
  sections: { key: string; title: string; questions: Question[] }[];
}

export interface Template {
  id: string;
  name: string;
  description: string | null;
  builtin?: boolean;
  sections: {
    key: string;
    title: string;
    questions: Omit<Question, 'answer' | 'attachments' | 'comments'>[];
  }[];
}

export interface Organisation {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  siren?: string | null;
}

export type ClauseStatus = 'present' | 'partial' | 'missing' | 'not-applicable';

export interface Clause {
  key: string;
  family: string;
  familyLabel: string;
  ref: string | null;
  label: string;
  status: ClauseStatus;
  reference: string | null;
  comment: string | null;
  mandatory: boolean;
  nonCompliance: boolean;
  version: number;
}

export interface Contract {
  id: string;
  vendorId: string;
  vendorName: string;
  reference: string;
  startDate: string;
  endDate: string | null;
  healthData: boolean;
  applications: { id: string; name: string; healthData: boolean }[];
  members: { id: string; name: string }[];
  coverage: {
    score: number | null;
    present: number;
    partial: number;
    missing: number;
    notApplicable: number;
    art28Compliant: boolean;
  };
  version: number;
}

export interface VendorProfile {
  vendorId: string;
  vendorName: string;
  siren: string | null;
  address: string | null;
  certifications: {
    kind: 'hds' | 'iso27001' | 'other';
    reference: string;
    validFrom: string | null;
    validUntil: string | null;
    scope?: string | null;
    expired: boolean;
  }[];
  dataLocations: string[];
  subProcessors: { name: string; service: string; country: string }[];
  version: number;
}

export interface ApplicationAssurance {
  applicationId: string;
  applicationName: string;
  healthData: boolean;
  vendor: { id: string; name: string } | null;
  questionnaire: {
    id: string;
    status: QuestionnaireStatus;
    score: number | null;
    dueDate: string;
    reviewedAt: string | null;
    overdue: boolean;
  } | null;
  contracts: {
    id: string;
    reference: string;
    expired: boolean;
    coverageScore: number | null;
    missingClauses: { key: string; ref: string | null; label: string; status: ClauseStatus }[];
    nonCompliances: { key: string; ref: string | null; label: string; status: string }[];
    art28Compliant: boolean;
  }[];
  expiredCertifications: { kind: string; reference: string; validUntil: string | null }[];
  alerts: string[];
}

const as = <T>(call: Promise<unknown>) => call as Promise<T>;

export const questionnaires = (query: { vendorId?: string; pageSize?: number } = {}) =>
  as<Page<QuestionnaireSummary>>(
    unwrap(api.GET('/api/v1/questionnaires', { params: { query: { pageSize: 200, ...query } } })),
  );

export const questionnaire = (id: string) =>
  as<QuestionnaireDetail>(unwrap(api.GET('/api/v1/questionnaires/{id}', { params: { path: { id } } })));

export const saveAnswers = (
  id: string,
  answers: { questionKey: string; value: AnswerValue | null; comment?: string | null }[],
  version: number,
) =>
  as<QuestionnaireDetail>(
    unwrap(
      api.PUT('/api/v1/questionnaires/{id}/answers', {
        params: { path: { id } },
        body: { answers, version } as never,
      }),
    ),
  );

export const submitQuestionnaire = (id: string, version: number) =>
  as<QuestionnaireDetail>(
    unwrap(api.POST('/api/v1/questionnaires/{id}/submit', { params: { path: { id } }, body: { version } })),
  );

export const reviewQuestionnaire = (
  id: string,
  body: { decision: 'accepted' | 'changes-requested'; comment?: string; version: number },
) =>
  as<QuestionnaireDetail>(
    unwrap(api.POST('/api/v1/questionnaires/{id}/review', { params: { path: { id } }, body: body as never })),
  );

export const commentQuestion = (id: string, body: { questionKey: string; body: string; internal: boolean }) =>
  as<QuestionComment>(
    unwrap(api.POST('/api/v1/questionnaires/{id}/comments', { params: { path: { id } }, body })),
  );

/** Uploads one file to an answer (multipart `file`), at the questionnaire's version read last (`If-Match`). */
export async function attachFile(
  id: string,
  questionKey: string,
  file: File,
  version: number,
): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file);
  return as<Attachment>(
    unwrap(
      api.POST('/api/v1/questionnaires/{id}/answers/{questionKey}/attachments', {
        params: { path: { id, questionKey }, header: { 'If-Match': String(version) } },
        body: form as never,
        bodySerializer: (body: unknown) => body as FormData,
      }),
    ),
  );
}

export const sendQuestionnaire = (body: { templateId: string; vendorId: string; dueDate: string }) =>
  as<QuestionnaireDetail>(unwrap(api.POST('/api/v1/questionnaires', { body })));

export const templates = () =>
  as<Page<TemplateDetail>>(
    unwrap(api.GET('/api/v1/questionnaire-templates', { params: { query: { pageSize: 200 } } })),
  );

export const vendors = () =>
  as<Page<Organisation>>(
    unwrap(api.GET('/api/v1/organisations', { params: { query: { kind: 'vendor', pageSize: 200 } } })),
  );

export const vendorProfile = (id: string) =>
  as<VendorProfile>(unwrap(api.GET('/api/v1/vendors/{id}/profile', { params: { path: { id } } })));

export const contracts = (vendorId?: string) =>
  as<Page<Contract>>(
    unwrap(
      api.GET('/api/v1/contracts', {
        params: { query: { pageSize: 200, ...(vendorId ? { vendorId } : {}) } as never },
      }),
    ),
  );

export const contract = (id: string) =>
  as<Contract & { clauses: Clause[] }>(
    unwrap(api.GET('/api/v1/contracts/{id}', { params: { path: { id } } })),
  );

export const updateClause = (
  id: string,
  key: string,
  body: { status: ClauseStatus; reference?: string | null; comment?: string | null; version: number },
) =>
  as<Clause>(
    unwrap(
      api.PATCH('/api/v1/contracts/{id}/clauses/{key}', {
        params: { path: { id, key } },
        body: body as never,
      }),
    ),
  );

/** A vendor's contact (a person holding `vendor-contact` in the vendor organisation). */
export interface VendorContact {
  membershipId: string;
  userId: string;
  email: string;
  displayName: string;
  disabled: boolean;
  since: string;
}

export const vendorContacts = (id: string) =>
  as<Page<VendorContact>>(
    unwrap(api.GET('/api/v1/vendors/{id}/contacts', { params: { path: { id }, query: { pageSize: 200 } } })),
  );

export const applicationAssurance = (id: string) =>
  as<ApplicationAssurance>(
    unwrap(api.GET('/api/v1/applications/{id}/vendor-assurance', { params: { path: { id } } })),
  );

export const entryAssurance = (id: string) =>
  as<{ applications: ApplicationAssurance[] }>(
    unwrap(api.GET('/api/v1/processing-activities/{id}/vendor-assurance', { params: { path: { id } } })),
  );

export const QUESTIONNAIRE_STATUS_LABELS: Record<QuestionnaireStatus, string> = {
  sent: 'Envoyé',
  'in-progress': 'En cours de réponse',
  submitted: 'Soumis, en revue',
  'changes-requested': 'Compléments demandés',
  accepted: 'Accepté',
};

export const CLAUSE_STATUS_LABELS: Record<ClauseStatus, string> = {
  present: 'Présente',
  partial: 'Partielle',
  missing: 'Absente',
  'not-applicable': 'Non applicable',
};

export const CERTIFICATION_LABELS: Record<string, string> = {
  hds: 'HDS',
  iso27001: 'ISO/IEC 27001',
  other: 'Autre',
};

export const ALERT_LABELS: Record<string, string> = {
  'no-vendor': 'Aucun éditeur renseigné',
  'no-contract': 'Aucun contrat enregistré',
  'contract-expired': 'Contrat échu',
  'missing-clauses': 'Clauses manquantes ou partielles',
  'art28-non-compliance': 'Non-conformité à l’article 28.3',
  'no-questionnaire': 'Aucun questionnaire de sécurité',
  'questionnaire-not-accepted': 'Questionnaire non accepté',
  'expired-certification': 'Certification expirée',
  'no-valid-hds-certificate': 'Pas de certificat HDS valide',
};

/** Whether the editable statuses let the vendor answer. */
export const ANSWERABLE: QuestionnaireStatus[] = ['sent', 'in-progress', 'changes-requested'];

export const putVendorProfile = (
  id: string,
  body: Omit<VendorProfile, 'vendorId' | 'vendorName' | 'certifications'> & {
    certifications: Omit<VendorProfile['certifications'][number], 'expired'>[];
  },
) =>
  as<VendorProfile>(
    unwrap(api.PUT('/api/v1/vendors/{id}/profile', { params: { path: { id } }, body: body as never })),
  );

/** A template's question as the RSSI writes it (`POST /questionnaire-templates`). */
export interface TemplateQuestionInput {
  key: string;
  text: string;
  help?: string;
  type: Question['type'];
  required: boolean;
  weight: number;
  choices?: { value: string; label: string; score: number }[];
  evidenceRequested: boolean;
}

export interface TemplateInput {
  name: string;
  description?: string;
  sections: { key: string; title: string; questions: TemplateQuestionInput[] }[];
}

export interface TemplateDetail extends Template {
  code: string | null;
  builtin: boolean;
  questionCount: number;
  createdAt: string;
}

export const template = (id: string) =>
  as<TemplateDetail>(unwrap(api.GET('/api/v1/questionnaire-templates/{id}', { params: { path: { id } } })));

export const createTemplate = (body: TemplateInput) =>
  as<TemplateDetail>(unwrap(api.POST('/api/v1/questionnaire-templates', { body: body as never })));

export const createContract = (body: {
  vendorId: string;
  applicationIds: string[];
  reference: string;
  startDate: string;
  endDate?: string;
  noticeDate?: string;
}) => as<Contract & { clauses: Clause[] }>(unwrap(api.POST('/api/v1/contracts', { body })));

export const inviteVendorContact = (vendorId: string, body: { email: string; displayName: string }) =>
  as<VendorContact & { invitation: { expiresAt: string; emailSent: boolean } }>(
    unwrap(
      api.POST('/api/v1/vendors/{id}/contacts', {
        params: { path: { id: vendorId } },
        body,
      }),
    ),
  );

export const QUESTION_TYPE_LABELS: Record<Question['type'], string> = {
  'yes-no': 'Oui ou non',
  'single-choice': 'Choix unique',
  'multiple-choice': 'Choix multiple',
  text: 'Texte libre',
  number: 'Nombre',
  date: 'Date',
};

/** Question types whose answers earn points (the others weigh nothing). */
export const SCORED_TYPES: Question['type'][] = ['yes-no', 'single-choice', 'multiple-choice'];
