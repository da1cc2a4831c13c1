import type { Role } from './roles';

/** Things permissions are given on. Each feature adds its subjects here and to {@link SUBJECT_TENANT_FIELD}. */
export type Subject =
  | 'Organisation'
  | 'OrganisationDetails'
  | 'User'
  | 'Membership'
  | 'AuditEvent'
  | 'AuditCheckpoint'
  | 'Document'
  | 'Framework'
  | 'Assessment'
  | 'AssessmentSummary'
  | 'Evidence'
  | 'Application'
  | 'Deployment'
  | 'ProcessingActivity'
  | 'RegisterTemplate'
  | 'ProcessorRegister'
  | 'Breach'
  | 'BreachStatus'
  | 'Incident'
  | 'RightsRequest'
  | 'VendorProfile'
  | 'VendorContact'
  | 'Contract'
  | 'QuestionnaireTemplate'
  | 'Questionnaire'
  | 'QuestionnaireComment'
  | 'QuestionnaireInternalComment'
  | 'QuestionnaireReport'
  | 'QuestionnaireVendorReport'
  | 'QuestionnaireScore'
  | 'VendorAssurance'
  | 'AccessReview'
  | 'AccessReviewItem'
  | 'RemediationTask'
  | 'AgentDirectory'
  | 'Publication'
  | 'AnnualReport';

/**
 * `validate` is the DPO's sign-off on a register entry (validating it, recording a reasoned DPIA decision), on
 * a breach (assessing its risk, notifying the CNIL, deciding on informing the people, declaring it not
 * notifiable, closing it) and on a rights request (extending or refusing it): editors may write an entry, draft
 * a breach or handle a request without being able to sign it off. `decide` is a reviewer's keep / revoke /
 * modify decision on an access-review item (distinct from `update`: the security officer manages items, imports
 * and reassigns them, but does not decide in the members' place).
 */
export const ACTIONS = ['read', 'create', 'update', 'delete', 'validate', 'decide'] as const;
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
  /**
   * Narrows an `own` grant to the records that name the caller: the field (a column, or a relation field of
   * {@link SUBJECT_RELATIONS}) must hold the caller's user id, e.g. the access-review items assigned to them.
   * Shown as `assigned` in the README's role table.
   */
  userField?: string;
  /**
   * Narrows the grant to records whose column holds one of these values (e.g. the audit events of some
   * entities only). Compiled into the CASL conditions, hence into the SQL.
   */
  only?: Record<string, readonly string[]>;
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
  // The controller's details of an organisation (contact, legal representative, designated DPO: Art. 30.1.a),
  // which its own DPO keeps up to date; the rest of the organisation's record is the administrator's.
  OrganisationDetails: 'id',
  User: null,
  Membership: 'organisationId',
  AuditEvent: 'organisationId',
  AuditCheckpoint: null,
  Document: 'organisationId',
  // Certification: frameworks are reference data of nobody; assessments (their requirement assessments too),
  // their summaries and evidence belong to the operator organisation that runs the certification.
  Framework: null,
  Assessment: 'organisationId',
  AssessmentSummary: 'organisationId',
  Evidence: 'organisationId',
  Application: 'deployedTo',
  Deployment: 'organisationId',
  ProcessingActivity: 'organisationId',
  RegisterTemplate: 'deployedTo',
  ProcessorRegister: null,
  // Breaches and rights requests belong to the member (the controller). `BreachStatus` is the part of a
  // member's breach its processor may follow through its incident (organisation, status, dates of the steps),
  // never its contents. Incidents are only ever declared by the operator (its roles reach them with `any`); a
  // member reaches the incidents it was notified of through its breaches.
  Breach: 'organisationId',
  BreachStatus: 'organisationId',
  Incident: 'notifiedTo',
  RightsRequest: 'organisationId',
  // Vendors: a profile, the questionnaires sent to a vendor (answers, attachments and comments with them)
  // belong to the vendor organisation, so that its contacts reach them with `own`; operator roles reach every
  // vendor (`any`). Contracts belong to the operator. Internal comments are a subject of their own that no
  // vendor role holds: the SQL never returns them to a vendor contact. Questionnaire reports are operator
  // documents (they hold internal comments). A vendor's assurance is read on an application, so a member
  // reaches it only for the applications deployed for it.
  VendorProfile: 'vendorId',
  // A vendor's contacts are the `vendor-contact` memberships of the vendor organisation (grants say `only`).
  VendorContact: 'organisationId',
  Contract: 'organisationId',
  QuestionnaireTemplate: null,
  Questionnaire: 'vendorId',
  QuestionnaireComment: 'vendorId',
  QuestionnaireInternalComment: 'vendorId',
  QuestionnaireReport: null,
  // The report a vendor may receive (its answers and the comments meant for it, no score, no internal comment)
  // belongs to the vendor like its questionnaire. Scores (the questionnaire's score, the questions' weights and
  // the choices' points) are the operator's assessment: a subject no vendor role holds.
  QuestionnaireVendorReport: 'vendorId',
  QuestionnaireScore: 'vendorId',
  VendorAssurance: 'deployedTo',
  // Access reviews belong to the member whose accounts are reviewed (items and remediation tasks carry the
  // member's id too, so that every query is filtered on its own table).
  AccessReview: 'organisationId',
  AccessReviewItem: 'organisationId',
  RemediationTask: 'organisationId',
  // A member's directory of agents (its staff and whether they left) tells orphan accounts: the member's.
  AgentDirectory: 'organisationId',
  // A member's publication settings (what of its register is public) and the DPO's annual report on it.
  Publication: 'organisationId',
  AnnualReport: 'organisationId',
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
  VendorAssurance: {
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
  Incident: {
    notifiedTo: { table: 'breach', key: 'incident_id', valueColumn: 'organisation_id' },
  },
  // The reviewers of a campaign: the users its items are assigned to.
  AccessReview: {
    reviewers: { table: 'access_review_item', key: 'access_review_id', valueColumn: 'reviewer_id' },
  },
};

const READ = ['read'] as const;
const READ_WRITE = ['read', 'create', 'update'] as const;
const MANAGE_DEPLOYMENTS = ['read', 'create', 'delete'] as const;
const DECIDE = ['read', 'create', 'update', 'validate'] as const;
const READ_DECIDE = ['read', 'decide'] as const;

/**
 * THE role table: every permission of every role, and the only place where they are written. The README shows
 * the same table; the authorisation matrix test is generated from it.
 */
export const ROLE_TABLE: Record<Role, readonly Grant[]> = {
  admin: [
    { actions: READ_WRITE, subject: 'Organisation', scope: 'any' },
    { actions: ['update'], subject: 'OrganisationDetails', scope: 'any' },
    { actions: READ_WRITE, subject: 'User', scope: 'any' },
    { actions: ['read', 'create', 'delete'], subject: 'Membership', scope: 'any' },
    // The administrator manages organisations, users, memberships and the application catalog everywhere, so
    // reads their audit events everywhere; of everything else only the operator's own events (never the
    // contents of a member's register, breaches or requests).
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    {
      actions: READ,
      subject: 'AuditEvent',
      scope: 'any',
      only: {
        entity: ['organisation', 'user', 'membership', 'application', 'deployment', 'register-template'],
      },
    },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'Assessment', scope: 'own' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'own' },
    { actions: READ, subject: 'Evidence', scope: 'own' },
    { actions: READ_WRITE, subject: 'Application', scope: 'any' },
    { actions: MANAGE_DEPLOYMENTS, subject: 'Deployment', scope: 'any' },
    { actions: READ_WRITE, subject: 'RegisterTemplate', scope: 'any' },
    { actions: READ, subject: 'ProcessorRegister', scope: 'any' },
    { actions: READ, subject: 'Incident', scope: 'any' },
    { actions: READ, subject: 'BreachStatus', scope: 'any' },
    { actions: READ, subject: 'VendorProfile', scope: 'any' },
    {
      actions: ['read', 'create'],
      subject: 'VendorContact',
      scope: 'any',
      only: { role: ['vendor-contact'] },
    },
    { actions: READ, subject: 'Contract', scope: 'own' },
    { actions: READ, subject: 'QuestionnaireTemplate', scope: 'any' },
    { actions: READ, subject: 'Questionnaire', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireComment', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireInternalComment', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireReport', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireScore', scope: 'any' },
    { actions: READ, subject: 'VendorAssurance', scope: 'any' },
    { actions: READ, subject: 'AccessReview', scope: 'any' },
    { actions: READ, subject: 'AccessReviewItem', scope: 'any' },
    { actions: READ, subject: 'RemediationTask', scope: 'any' },
    { actions: ['read', 'create'], subject: 'AuditCheckpoint', scope: 'any' },
  ],
  'security-officer': [
    { actions: READ, subject: 'Organisation', scope: 'any' },
    { actions: READ, subject: 'AuditCheckpoint', scope: 'any' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ_WRITE, subject: 'Assessment', scope: 'own' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'own' },
    { actions: READ_WRITE, subject: 'Evidence', scope: 'own' },
    { actions: READ_WRITE, subject: 'Application', scope: 'any' },
    { actions: MANAGE_DEPLOYMENTS, subject: 'Deployment', scope: 'any' },
    { actions: READ_WRITE, subject: 'RegisterTemplate', scope: 'any' },
    { actions: READ, subject: 'ProcessorRegister', scope: 'any' },
    { actions: ['read', 'create'], subject: 'Incident', scope: 'any' },
    { actions: READ, subject: 'BreachStatus', scope: 'any' },
    // The RSSI manages vendors: profiles, contracts and their checklists, templates; sends questionnaires and
    // reviews them (`validate`: comments and decisions). Answers are the vendor's: no `update` here.
    { actions: READ_WRITE, subject: 'VendorProfile', scope: 'any' },
    // Who to write to at each vendor: the vendor-contact memberships of the vendor organisation. The vendor
    // relationship is the RSSI's, so the RSSI invites a vendor's new contacts (a new account with that role
    // only; any other membership stays the administrator's).
    {
      actions: ['read', 'create'],
      subject: 'VendorContact',
      scope: 'any',
      only: { role: ['vendor-contact'] },
    },
    { actions: READ_WRITE, subject: 'Contract', scope: 'own' },
    { actions: ['read', 'create'], subject: 'QuestionnaireTemplate', scope: 'any' },
    { actions: ['read', 'create', 'validate'], subject: 'Questionnaire', scope: 'any' },
    { actions: ['read', 'create'], subject: 'QuestionnaireComment', scope: 'any' },
    { actions: ['read', 'create'], subject: 'QuestionnaireInternalComment', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireReport', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireVendorReport', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireScore', scope: 'any' },
    { actions: READ, subject: 'VendorAssurance', scope: 'any' },
    // Access reviews: creates, opens, closes campaigns, imports accounts and reassigns items (`update`), sees
    // every member's campaigns, and carries out the remediation; deciding is the members' part.
    { actions: READ_WRITE, subject: 'AccessReview', scope: 'any' },
    { actions: ['read', 'update'], subject: 'AccessReviewItem', scope: 'any' },
    { actions: ['read', 'update'], subject: 'RemediationTask', scope: 'any' },
    { actions: ['read', 'create'], subject: 'AgentDirectory', scope: 'any' },
  ],
  auditor: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'Assessment', scope: 'own' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'own' },
    { actions: READ, subject: 'Evidence', scope: 'own' },
    { actions: READ, subject: 'Application', scope: 'any' },
    { actions: READ, subject: 'ProcessorRegister', scope: 'any' },
    // HDS EXI 17-31 are contract clauses: the certification body reads contracts and vendor assessments.
    { actions: READ, subject: 'Contract', scope: 'own' },
    { actions: READ, subject: 'QuestionnaireTemplate', scope: 'any' },
    { actions: READ, subject: 'Questionnaire', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireComment', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireReport', scope: 'any' },
    { actions: READ, subject: 'QuestionnaireScore', scope: 'any' },
    { actions: READ, subject: 'VendorAssurance', scope: 'any' },
  ],
  // Members rely on the hosting's certification: they read a summary of every assessment (progress only, no
  // evidence, no notes). Assessments are only ever held by the operator, hence `any`.
  // Member roles reach the applications deployed for their member (and their templates) through the
  // deployment table; operator roles and vendor contacts have no grant on a member's register.
  // Breaches: editors draft (facts, effects, measures, links, notes), readers read, the DPO decides (`validate`:
  // risk level, CNIL notification, information of the people, not notifiable, closing). Rights requests:
  // editors record and handle them (identity, progress, answer), the DPO alone extends or refuses one.
  // Every member role reads the incidents its member was notified of, and only its own breach's status there.
  dpo: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: ['update'], subject: 'OrganisationDetails', scope: 'own' },
    { actions: READ, subject: 'Membership', scope: 'own' },
    { actions: READ, subject: 'AuditEvent', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'any' },
    { actions: READ, subject: 'Application', scope: 'own' },
    { actions: READ, subject: 'Deployment', scope: 'own' },
    { actions: READ, subject: 'RegisterTemplate', scope: 'own' },
    { actions: READ, subject: 'VendorAssurance', scope: 'own' },
    {
      actions: ['read', 'create', 'update', 'delete', 'validate'],
      subject: 'ProcessingActivity',
      scope: 'own',
    },
    { actions: DECIDE, subject: 'Breach', scope: 'own' },
    { actions: READ, subject: 'BreachStatus', scope: 'own' },
    { actions: READ, subject: 'Incident', scope: 'own' },
    { actions: DECIDE, subject: 'RightsRequest', scope: 'own' },
    // Access reviews: reads its member's campaigns and their remediation, decides any item of them.
    { actions: READ, subject: 'AccessReview', scope: 'own' },
    { actions: READ_DECIDE, subject: 'AccessReviewItem', scope: 'own' },
    { actions: READ, subject: 'RemediationTask', scope: 'own' },
    // The member's directory of agents, imported from its human-resources export.
    { actions: ['read', 'create'], subject: 'AgentDirectory', scope: 'own' },
    // The public register is opened, shaped and closed by the DPO; the annual report is the DPO's account to
    // the member's council (Art. 38.3: the DPO reports to the highest level of management), so the DPO alone
    // generates it; once stored, every member role reads it among the member's documents.
    { actions: ['read', 'update'], subject: 'Publication', scope: 'own' },
    { actions: READ, subject: 'AnnualReport', scope: 'own' },
  ],
  editor: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'any' },
    { actions: READ, subject: 'Application', scope: 'own' },
    { actions: READ, subject: 'Deployment', scope: 'own' },
    { actions: READ, subject: 'RegisterTemplate', scope: 'own' },
    { actions: READ, subject: 'VendorAssurance', scope: 'own' },
    { actions: READ_WRITE, subject: 'ProcessingActivity', scope: 'own' },
    { actions: READ_WRITE, subject: 'Breach', scope: 'own' },
    { actions: READ, subject: 'BreachStatus', scope: 'own' },
    { actions: READ, subject: 'Incident', scope: 'own' },
    { actions: READ_WRITE, subject: 'RightsRequest', scope: 'own' },
    // Access reviews: only the campaigns where items are assigned to them, and only those items.
    { actions: READ, subject: 'AccessReview', scope: 'own', userField: 'reviewers' },
    { actions: READ_DECIDE, subject: 'AccessReviewItem', scope: 'own', userField: 'reviewerId' },
    { actions: READ, subject: 'Publication', scope: 'own' },
  ],
  reader: [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'Document', scope: 'own' },
    { actions: READ, subject: 'Framework', scope: 'any' },
    { actions: READ, subject: 'AssessmentSummary', scope: 'any' },
    { actions: READ, subject: 'Application', scope: 'own' },
    { actions: READ, subject: 'Deployment', scope: 'own' },
    { actions: READ, subject: 'RegisterTemplate', scope: 'own' },
    { actions: READ, subject: 'VendorAssurance', scope: 'own' },
    { actions: READ, subject: 'ProcessingActivity', scope: 'own' },
    { actions: READ, subject: 'Breach', scope: 'own' },
    { actions: READ, subject: 'BreachStatus', scope: 'own' },
    { actions: READ, subject: 'Incident', scope: 'own' },
    { actions: READ, subject: 'RightsRequest', scope: 'own' },
    { actions: READ, subject: 'AccessReview', scope: 'own', userField: 'reviewers' },
    { actions: READ_DECIDE, subject: 'AccessReviewItem', scope: 'own', userField: 'reviewerId' },
    { actions: READ, subject: 'Publication', scope: 'own' },
  ],
  // A vendor contact sees its own company, its profile and the questionnaires sent to it (answers them:
  // `update`), the comments meant for it and the vendor version of the report; never a score, a weight or the
  // points of a choice, nor an internal comment.
  'vendor-contact': [
    { actions: READ, subject: 'Organisation', scope: 'own' },
    { actions: READ, subject: 'VendorProfile', scope: 'own' },
    { actions: ['read', 'update'], subject: 'Questionnaire', scope: 'own' },
    { actions: READ, subject: 'QuestionnaireComment', scope: 'own' },
    { actions: READ, subject: 'QuestionnaireVendorReport', scope: 'own' },
  ],
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
