import type { Role } from './roles';

/** Things permissions are given on. Each feature adds its subjects here and to {@link SUBJECT_TENANT_FIELD}. */
export type Subject =
  | 'Organisation'
  | 'User'
  | 'Membership'
  | 'AuditEvent'
  | 'Document'
  | 'Framework'
  | 'Assessment'
  | 'AssessmentSummary'
  | 'Evidence';

export type Action = 'read' | 'create' | 'update' | 'delete';

/**
 * How far a grant reaches: `own` is limited to the organisation where the role is held; `any` covers every
 * organisation (operator roles whose job spans the members).
 */
export type Scope = 'own' | 'any';

export interface Grant {
  actions: readonly Action[];
  subject: Subject;
  scope: Scope;
}

/**
 * The field of each subject that names its owning organisation: the tenant filter and `own` grants are
 * written on it. `null` means the subject belongs to no organisation (only `any` grants reach it).
 */
export const SUBJECT_TENANT_FIELD: Record<Subject, string | null> = {
  Organisation: 'id',
  User: null,
  Membership: 'organisationId',
  AuditEvent: 'organisationId',
  Document: 'organisationId',
  // Certification: frameworks are reference data of nobody; assessments (their requirement assessments too),
  // their summaries and evidence belong to the operator organisation that runs the certification.
  Framework: null,
  Assessment: 'organisationId',
  AssessmentSummary: 'organisationId',
  Evidence: 'organisationId',
};

const READ = ['read'] as const;
const READ_WRITE = ['read', 'create', 'update'] as const;

/**
 * THE role table: every permission of every role, and the only place where they are written. The README shows
 * the same table; the authorisation matrix test is generated from it.
 */
export const ROLE_TABLE: Record<Role, readonly Grant[]> = {
  admin: [
    { actions: READ_WRITE, subject: 'Organisation', scope: 'any' },
    { actions: READ_WRITE, subject: 'User', scope: 'any' },
    { actions: ['read', 'create', 'delete'], subject: 'Membership', scope: 'any' },
    { actions: READ, subject: 'AuditEvent', scope: 'any' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'Assessment', scope: 'own' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'own' },
    { actions: READ, subject: 'Evidence', scope: 'own' },
  ],
  'security-officer': [
    { actions: READ, subject: 'Organisation', scope: 'any' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ_WRITE, subject: 'Assessment', scope: 'own' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'own' },
    { actions: READ_WRITE, subject: 'Evidence', scope: 'own' },
  ],
  auditor: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'Assessment', scope: 'own' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'own' },
    { actions: READ, subject: 'Evidence', scope: 'own' },
  ],
  // Members rely on the hosting's certification: they read a summary of every assessment (progress only, no
  // evidence, no notes). Assessments are only ever held by the operator, hence `any`.
  dpo: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Membership', scope: 'own' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'any' },
  ],
  editor: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'any' },
  ],
  reader: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'any' },
  ],
  'vendor-contact': [{ actions: READ, subject: 'Organisation', scope: 'own' }],
};

/** Row labels for the README and error messages. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Operator administrator',
  'security-officer': 'Operator security officer (RSSI)',
  auditor: 'Certification auditor',
  dpo: "Member's DPO",
  editor: 'Member staff (editor / référent)',
  reader: 'Member staff (reader)',
  'vendor-contact': 'Vendor contact',
};
