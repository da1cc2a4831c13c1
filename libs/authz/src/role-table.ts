import type { Role } from './roles';

/** Things permissions are given on. Each feature adds its subjects here and to {@link SUBJECT_TENANT_FIELD}. */
export type Subject =
  | 'Organisation'
  | 'User'
  | 'Membership'
  | 'AuditEvent'
  | 'Document'
  | 'Application'
  | 'Deployment'
  | 'ProcessingActivity'
  | 'RegisterTemplate'
  | 'ProcessorRegister';

/**
 * `validate` is the DPO's sign-off on a register entry (validating it, recording a reasoned DPIA decision):
 * editors may write an entry without being able to sign it off.
 */
export const ACTIONS = ['read', 'create', 'update', 'delete', 'validate'] as const;
export type Action = (typeof ACTIONS)[number];

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
 *
 * The field is either a column of the subject or a relation field declared in {@link SUBJECT_RELATIONS}: an
 * application belongs to no member, but a member reaches the applications deployed for it.
 */
export const SUBJECT_TENANT_FIELD: Record<Subject, string | null> = {
  Organisation: 'id',
  User: null,
  Membership: 'organisationId',
  AuditEvent: 'organisationId',
  Document: 'organisationId',
  Application: 'deployedTo',
  Deployment: 'organisationId',
  ProcessingActivity: 'organisationId',
  RegisterTemplate: 'deployedTo',
  ProcessorRegister: null,
};

/**
 * A field of a subject that is not one of its columns but a link through another table: the subject's
 * `column` (a property, `id` by default) appears as `key` in rows of `table` whose `valueColumn` holds the
 * field's values. In SQL, `{deployedTo: org}` becomes
 * `alias.id IN (SELECT application_id FROM deployment WHERE organisation_id = :org)`; in memory (CASL's
 * `can` on a loaded record) the record must carry the field as an array of values.
 */
export interface RelationField {
  /** Property of the subject whose value is looked up in the link table (default `id`). */
  column?: string;
  table: string;
  key: string;
  valueColumn: string;
}

/** The relation fields of each subject, usable in grants' conditions and as tenant fields. */
export const SUBJECT_RELATIONS: Partial<Record<Subject, Record<string, RelationField>>> = {
  Application: {
    deployedTo: { table: 'deployment', key: 'application_id', valueColumn: 'organisation_id' },
  },
  RegisterTemplate: {
    deployedTo: {
      column: 'applicationId',
      table: 'deployment',
      key: 'application_id',
      valueColumn: 'organisation_id',
    },
  },
};

const READ = ['read'] as const;
const READ_WRITE = ['read', 'create', 'update'] as const;
const MANAGE_DEPLOYMENTS = ['read', 'create', 'delete'] as const;

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
    { actions: READ_WRITE, subject: 'Application', scope: 'any' },
    { actions: MANAGE_DEPLOYMENTS, subject: 'Deployment', scope: 'any' },
    { actions: READ_WRITE, subject: 'RegisterTemplate', scope: 'any' },
    { actions: READ, subject: 'ProcessorRegister', scope: 'any' },
  ],
  'security-officer': [
    { actions: READ, subject: 'Organisation', scope: 'any' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ_WRITE, subject: 'Application', scope: 'any' },
    { actions: MANAGE_DEPLOYMENTS, subject: 'Deployment', scope: 'any' },
    { actions: READ_WRITE, subject: 'RegisterTemplate', scope: 'any' },
    { actions: READ, subject: 'ProcessorRegister', scope: 'any' },
  ],
  auditor: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Application', scope: 'any' },
    { actions: READ, subject: 'ProcessorRegister', scope: 'any' },
  ],
  // Member roles reach the applications deployed for their member (and their templates) through the
  // deployment table; operator roles and vendor contacts have no grant on a member's register.
  dpo: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Membership', scope: 'own' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Application', scope: 'own' },
    { actions: READ, subject: 'Deployment', scope: 'own' },
    { actions: READ, subject: 'RegisterTemplate', scope: 'own' },
    {
      actions: ['read', 'create', 'update', 'delete', 'validate'],
      subject: 'ProcessingActivity',
      scope: 'own',
    },
  ],
  editor: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Application', scope: 'own' },
    { actions: READ, subject: 'Deployment', scope: 'own' },
    { actions: READ, subject: 'RegisterTemplate', scope: 'own' },
    { actions: READ_WRITE, subject: 'ProcessingActivity', scope: 'own' },
  ],
  reader: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Application', scope: 'own' },
    { actions: READ, subject: 'Deployment', scope: 'own' },
    { actions: READ, subject: 'RegisterTemplate', scope: 'own' },
    { actions: READ, subject: 'ProcessingActivity', scope: 'own' },
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
