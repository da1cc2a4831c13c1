import { breachPayload } from '../../support/breach-fixtures';
import { entryPayload } from '../../support/register-fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../../support/test-app';
import { as } from '../../support/world';
import { isoDate, MatrixFixtures, MATRIX_TEMPLATE, MINIMAL_PDF } from './fixtures';
import type { MatrixRole, Outcome, Side, Target } from './model';
import { NOTIFICATION_EXPECTATIONS } from './notification-expectations';

type Own = 'own' | 'other';

/** What a case's request is made of. */
export interface MatrixRequest {
  /** Path parameters. */
  params: Record<string, string>;
  /** JSON body. */
  body?: unknown;
  /** A multipart upload (`file` field and text fields). */
  file?: { buffer: Buffer; name: string; fields?: Record<string, string> };
  /** A raw body with its content type (CSV imports). */
  raw?: { contentType: string; data: string | Buffer };
  /** Request headers (e.g. the `If-Match` version of a DELETE). */
  headers?: Record<string, string>;
}

export interface CaseInput {
  fx: MatrixFixtures;
  side: Side;
  role: MatrixRole;
  /** The call is expected to succeed on a destructive route: build a fresh resource for it. */
  fresh: boolean;
}

/**
 * How to call a route and what its records are. The permission is not written here: the route declares it
 * (`@Endpoint(summary, { action, subject })`, read from the application's route table), and the expected
 * outcome is derived, for every role, from that `action` on that `subject` (`derive.ts`): the caller must
 * first reach the record (`reach`, by default the record itself, read) or get 404, then hold `action` on it or
 * get 403; anonymous callers get 401, `'signed-in'` routes answer every signed-in caller. `expect` overrides
 * the derivation where the role table alone does not decide, with its reason.
 */
export interface RouteExpectation {
  /** `['own', 'other']`, or `['-']` for a route that reaches no particular organisation. */
  sides: readonly Side[];
  /** What own/other mean for this route (documentation, shown on a mismatch). */
  sidesMean?: string;
  /** The record acted on (of the route's subject), on this side; absent: the route acts on no record. */
  record?: (fx: MatrixFixtures, side: Own, role: MatrixRole) => Record<string, unknown>;
  /** What the caller must be able to read first (404 otherwise), when it is not the record itself. */
  reach?: (fx: MatrixFixtures, side: Own, role: MatrixRole) => Target;
  /** Lists answer a filtered page, even an empty one, to every signed-in caller. */
  list?: boolean;
  /**
   * An explicit outcome where the role table alone does not decide, with its one-line reason. None is needed
   * today: assigned reviewers (`userField`), a vendor's own contacts (tenant field `vendorId`) and the
   * members' assessment summaries are all in the role table, and state rules are met by fresh resources.
   */
  expect?: { outcome: (role: MatrixRole, side: Side, derived: Outcome) => Outcome; why: string };
  /** An allowed call destroys or closes the resource: it gets its own fresh one (`fresh` in the input). */
  destructive?: boolean;
  request: (input: CaseInput) => MatrixRequest | Promise<MatrixRequest>;
}

const BOTH = ['own', 'other'] as const;
const ONE = ['-'] as const;
const NONE = { params: {} };

const own = (side: Side): Own => (side === '-' ? 'own' : side);
const memberOrg = (fx: MatrixFixtures, side: Own) => ({ organisationId: fx.memberOf(side) });
const deployedTo = (fx: MatrixFixtures, side: Own) => ({ deployedTo: [fx.memberOf(side)] });
const ofVendor = (fx: MatrixFixtures, side: Own) => ({ vendorId: fx.vendorOf(side) });
const ofOperator = (fx: MatrixFixtures) => ({ organisationId: fx.world.operatorId });
/** The reviewers of the open and closed campaigns (see `MatrixFixtures.accountsCsv`). */
const campaign = (fx: MatrixFixtures, side: Own) => ({
  organisationId: fx.memberOf(side),
  reviewers:
    side === 'own' ? [fx.world.editorA.id, fx.world.readerA.id, fx.world.dpoA.id] : [fx.world.dpoB.id],
});
/** The item of the open campaign a role is tested on: in A the reader's for the reader, else the editor's. */
const itemOf = (fx: MatrixFixtures, side: Own, role: MatrixRole) =>
  side === 'other' ? fx.items.other : role === 'reader' ? fx.items.readerA : fx.items.editorA;
const item = (fx: MatrixFixtures, side: Own, role: MatrixRole) => ({
  organisationId: fx.memberOf(side),
  reviewerId:
    side === 'other' ? fx.world.dpoB.id : role === 'reader' ? fx.world.readerA.id : fx.world.editorA.id,
});
/** The caller's own organisation (organisation-level routes): the operator, member A or the test vendor. */
function callerOrg(fx: MatrixFixtures, role: MatrixRole): string {
  if (['admin', 'security-officer', 'auditor'].includes(role)) return fx.world.operatorId;
  if (role === 'vendor-contact') return fx.world.vendor.id;
  return fx.world.memberA.id;
}
const orgOf = (fx: MatrixFixtures, side: Own, role: MatrixRole) =>
  side === 'own' ? callerOrg(fx, role) : fx.world.memberB.id;
/** A role the user may hold in the caller's organisation (or B), by kind. */
const roleFor = (fx: MatrixFixtures, organisationId: string) =>
  organisationId === fx.world.operatorId
    ? 'auditor'
    : organisationId === fx.world.vendor.id
      ? 'vendor-contact'
      : 'reader';

const ORG_LEVEL = "own: the caller's organisation (operator, member A, test vendor); other: member B";
const MEMBER = 'own: member A’s; other: member B’s';
const VENDOR = 'own: the test vendor’s; other: a second vendor’s';
const OPERATOR_LINKED =
  'operator-owned; own: linked to member A / the test vendor; other: to member B / vendor 2';
const SINGLE_OPERATOR = 'the single operator’s (no other organisation holds one)';
/*
 * Every member role reads a summary of every assessment (`AssessmentSummary`, `any`): an assessment exists for
 * them, so its details and its evidence are refused (403) rather than hidden; vendor contacts do not see it (404).
 */

export const EXPECTATIONS: Record<string, RouteExpectation> = {
  ...NOTIFICATION_EXPECTATIONS,
  // ---------------------------------------------------------------- health, authentication
  'GET /health/live': { sides: ONE, request: () => NONE },
  'GET /health/ready': { sides: ONE, request: () => NONE },
  'POST /api/v1/auth/login': {
    sides: ONE,
    request: () => ({ params: {}, body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }),
  },
  'GET /api/v1/auth/me': {
    sides: ONE,
    request: () => NONE,
  },
  'POST /api/v1/auth/session': {
    sides: ONE,
    expect: {
      outcome: () => 401,
      why: 'unknown credentials: the shared test agent keeps cookies, a session would sign in its anonymous calls (happy path in sessions.e2e-spec)',
    },
    request: () => ({
      params: {},
      body: {
        email: `nobody-${Math.random().toString(36).slice(2, 8)}@vigie.test`,
        password: 'x'.repeat(12),
      },
    }),
  },
  'DELETE /api/v1/auth/session': {
    sides: ONE,
    request: () => NONE,
  },
  // Single sign-on: the matrix application has no provider configured (the flow: sso.e2e-spec, sso.pw).
  'GET /api/v1/auth/oidc/config': {
    sides: ONE,
    request: () => NONE,
  },
  'GET /api/v1/auth/oidc/login': {
    sides: ONE,
    expect: {
      outcome: () => 404,
      why: 'public, but no OpenID Provider is configured in the matrix application',
    },
    request: () => NONE,
  },
  'GET /api/v1/auth/oidc/callback': {
    sides: ONE,
    expect: {
      outcome: () => 404,
      why: 'public, but no OpenID Provider is configured in the matrix application',
    },
    request: () => NONE,
  },
  'POST /api/v1/auth/password': {
    sides: ONE,
    // A wrong current password: 400 for every signed-in caller, nothing changed.
    request: () => ({
      params: {},
      body: { currentPassword: 'not-the-current-password', newPassword: 'another-password-123' },
    }),
  },

  // ---------------------------------------------------------------- organisations, users, memberships
  'POST /api/v1/organisations': {
    sides: ONE,
    request: () => ({
      params: {},
      body: {
        name: `Commune ${Math.random().toString(36).slice(2, 8)}`,
        shortName: `M${Date.now() % 1e8}`,
        kind: 'member',
      },
    }),
  },
  'GET /api/v1/organisations': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/organisations/:id': {
    sides: BOTH,
    sidesMean: ORG_LEVEL,
    record: (fx, side, role) => ({ id: orgOf(fx, side, role) }),
    request: ({ fx, side, role }) => ({ params: { id: orgOf(fx, own(side), role) } }),
  },
  // Sent with a change of the controller's details, which the administrator and a member's own DPO may make
  // (`OrganisationDetails`); the other fields are the administrator's alone (test/organisations.e2e-spec.ts).
  'PATCH /api/v1/organisations/:id': {
    sides: BOTH,
    sidesMean: ORG_LEVEL,
    record: (fx, side, role) => ({ id: orgOf(fx, side, role) }),
    reach: (fx, side, role) => ({ subject: 'Organisation', record: { id: orgOf(fx, side, role) } }),
    request: async ({ fx, side, role }) => {
      const id = orgOf(fx, own(side), role);
      return {
        params: { id },
        body: { dpo: { phone: '01 99 00 00 00' }, version: await fx.version('organisation', id) },
      };
    },
  },
  'GET /api/v1/organisations/:id/memberships': {
    sides: BOTH,
    sidesMean: ORG_LEVEL,
    list: true,
    record: (fx, side, role) => ({ organisationId: orgOf(fx, side, role) }),
    reach: (fx, side, role) => ({ subject: 'Organisation', record: { id: orgOf(fx, side, role) } }),
    request: ({ fx, side, role }) => ({ params: { id: orgOf(fx, own(side), role) } }),
  },
  'POST /api/v1/organisations/:id/memberships': {
    sides: BOTH,
    sidesMean: ORG_LEVEL,
    record: (fx, side, role) => ({ organisationId: orgOf(fx, side, role) }),
    reach: (fx, side, role) => ({ subject: 'Organisation', record: { id: orgOf(fx, side, role) } }),
    request: ({ fx, side, role }) => {
      const id = orgOf(fx, own(side), role);
      return { params: { id }, body: { userId: fx.joiner.id, role: roleFor(fx, id) } };
    },
  },
  'DELETE /api/v1/organisations/:id/memberships/:membershipId': {
    sides: BOTH,
    sidesMean: `${ORG_LEVEL}; a role of a user created for the case when the removal is allowed`,
    record: (fx, side, role) => ({ organisationId: orgOf(fx, side, role) }),
    destructive: true,
    request: async ({ fx, side, role, fresh }) => {
      const id = orgOf(fx, own(side), role);
      const membershipId = fresh ? await fx.freshMembership(id, roleFor(fx, id)) : fx.spareMemberships[id];
      return { params: { id, membershipId } };
    },
  },
  'GET /api/v1/organisations/:id/audit-trail.pdf': {
    sides: BOTH,
    sidesMean: ORG_LEVEL,
    record: (fx, side, role) => ({ organisationId: orgOf(fx, side, role) }),
    reach: (fx, side, role) => ({ subject: 'Organisation', record: { id: orgOf(fx, side, role) } }),
    request: ({ fx, side, role }) => ({ params: { id: orgOf(fx, own(side), role) } }),
  },
  'GET /api/v1/audit-events': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/audit-checkpoints': {
    sides: ONE,
    request: () => NONE,
  },
  'POST /api/v1/audit-checkpoints': {
    sides: ONE,
    request: () => ({ params: {}, body: { reason: 'Avant la sauvegarde mensuelle' } }),
  },
  'POST /api/v1/users': {
    sides: ONE,
    request: () => ({
      params: {},
      body: {
        email: `matrix.${Math.random().toString(36).slice(2, 10)}@example.test`,
        displayName: 'Agent',
        password: 'correct-horse-battery',
      },
    }),
  },
  'GET /api/v1/users': { sides: ONE, list: true, request: () => NONE },
  'GET /api/v1/users/:id': {
    sides: BOTH,
    sidesMean: 'users belong to no organisation; own: an editor of member A; other: the DPO of member B',
    record: () => ({}),
    request: ({ fx, side }) => ({
      params: { id: own(side) === 'own' ? fx.world.editorA.id : fx.world.dpoB.id },
    }),
  },
  'PATCH /api/v1/users/:id': {
    sides: BOTH,
    sidesMean: 'users belong to no organisation; own: the spare user; other: the DPO of member B',
    record: () => ({}),
    request: async ({ fx, side }) => {
      const id = own(side) === 'own' ? fx.spare.id : fx.world.dpoB.id;
      return { params: { id }, body: { displayName: 'Agent', version: await fx.version('app_user', id) } };
    },
  },

  // ---------------------------------------------------------------- documents
  'GET /api/v1/documents': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/documents/:id': {
    sides: BOTH,
    sidesMean: 'the register PDF record of member A (own) and of member B (other)',
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { id: fx.document[own(side)] } }),
  },
  'GET /api/v1/documents/:id/content': {
    sides: BOTH,
    sidesMean: 'the register PDF record of member A (own) and of member B (other)',
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { id: fx.document[own(side)] } }),
  },

  // ---------------------------------------------------------------- catalog
  'POST /api/v1/applications': {
    sides: ONE,
    request: ({ fx }) => ({ params: {}, body: fx.applicationPayload() }),
  },
  'GET /api/v1/applications': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/applications/:id': {
    sides: BOTH,
    sidesMean: 'own: deployed for member A (vendor: the test vendor’s); other: for member B (vendor 2’s)',
    record: deployedTo,
    request: ({ fx, side }) => ({ params: { id: fx.application[own(side)] } }),
  },
  'PATCH /api/v1/applications/:id': {
    sides: BOTH,
    sidesMean: 'own: deployed for member A; other: for member B',
    record: deployedTo,
    request: async ({ fx, side }) => {
      const id = fx.application[own(side)];
      return { params: { id }, body: { purpose: 'Gestion', version: await fx.version('application', id) } };
    },
  },
  'GET /api/v1/applications/:id/deployments': {
    sides: BOTH,
    sidesMean: 'own: the application deployed for member A; other: for member B',
    list: true,
    record: memberOrg,
    reach: (fx, side) => ({ subject: 'Application', record: deployedTo(fx, side) }),
    request: ({ fx, side }) => ({ params: { id: fx.application[own(side)] } }),
  },
  'POST /api/v1/applications/:id/deployments': {
    sides: BOTH,
    sidesMean: 'own: an application deployed for member A, deployed again for B; other: the reverse',
    record: (fx, side) => memberOrg(fx, side === 'own' ? 'other' : 'own'),
    reach: (fx, side) => ({ subject: 'Application', record: deployedTo(fx, side) }),
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const s = own(side);
      const target = fx.memberOf(s === 'own' ? 'other' : 'own');
      const id = fresh ? (await fx.freshApplication(fx.memberOf(s))).id : fx.application[s];
      return { params: { id }, body: { organisationId: target } };
    },
  },
  'DELETE /api/v1/applications/:id/deployments/:deploymentId': {
    sides: BOTH,
    sidesMean: 'own: the deployment for member A; other: for member B (fresh ones when allowed)',
    record: memberOrg,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const s = own(side);
      if (fresh) {
        const created = await fx.freshApplication(fx.memberOf(s));
        return { params: { id: created.id, deploymentId: created.deploymentId } };
      }
      return { params: { id: fx.application[s], deploymentId: fx.deployment[s] } };
    },
  },

  // ---------------------------------------------------------------- register templates
  'POST /api/v1/applications/:id/register-templates': {
    sides: BOTH,
    sidesMean: 'own: the application deployed for member A; other: for member B',
    record: deployedTo,
    reach: (fx, side) => ({ subject: 'Application', record: deployedTo(fx, side) }),
    request: ({ fx, side }) => ({
      params: { id: fx.application[own(side)] },
      body: { ...entryPayload('Modèle'), applicationIds: undefined },
    }),
  },
  'GET /api/v1/applications/:id/register-templates': {
    sides: BOTH,
    sidesMean: 'own: the application deployed for member A; other: for member B',
    list: true,
    record: deployedTo,
    reach: (fx, side) => ({ subject: 'Application', record: deployedTo(fx, side) }),
    request: ({ fx, side }) => ({ params: { id: fx.application[own(side)] } }),
  },
  'GET /api/v1/register-templates/:id': {
    sides: BOTH,
    sidesMean: 'own: template of the application deployed for member A; other: for member B',
    record: deployedTo,
    request: ({ fx, side }) => ({ params: { id: fx.registerTemplate[own(side)] } }),
  },
  'GET /api/v1/register-templates/:id/versions': {
    sides: BOTH,
    sidesMean: 'own: template of the application deployed for member A; other: for member B',
    record: deployedTo,
    request: ({ fx, side }) => ({ params: { id: fx.registerTemplate[own(side)] } }),
  },
  'PATCH /api/v1/register-templates/:id': {
    sides: BOTH,
    sidesMean: 'own: template of the application deployed for member A; other: for member B',
    record: deployedTo,
    request: async ({ fx, side }) => {
      const id = fx.registerTemplate[own(side)];
      return {
        params: { id },
        body: { description: 'Version revue', version: await fx.version('register_template', id) },
      };
    },
  },
  'POST /api/v1/organisations/:orgId/processing-activities/from-template/:templateId': {
    sides: BOTH,
    sidesMean: 'own: member A with the template of its application; other: member B with its own',
    record: memberOrg,
    request: ({ fx, side }) => ({
      params: { orgId: fx.memberOf(own(side)), templateId: fx.registerTemplate[own(side)] },
      body: { name: `Depuis le modèle ${Math.random().toString(36).slice(2, 8)}` },
    }),
  },
  'POST /api/v1/processing-activities/:id/apply-template': {
    sides: BOTH,
    sidesMean: 'own: member A’s entry created from a template; other: member B’s',
    record: memberOrg,
    request: async ({ fx, side }) => {
      const id = fx.activityFromTemplate[own(side)];
      return {
        params: { id },
        body: { fields: ['description'], version: await fx.version('processing_activity', id) },
      };
    },
  },

  // ---------------------------------------------------------------- register of processing activities
  'POST /api/v1/organisations/:orgId/processing-activities': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({
      params: { orgId: fx.memberOf(own(side)) },
      body: entryPayload(`Traitement ${Math.random().toString(36).slice(2, 8)}`),
    }),
  },
  'GET /api/v1/organisations/:orgId/processing-activities': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  },
  'GET /api/v1/processing-activities/:id': activityRead(),
  'PATCH /api/v1/processing-activities/:id': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: async ({ fx, side }) => {
      const id = fx.activity[own(side)];
      return {
        params: { id },
        body: { description: 'Mise à jour', version: await fx.version('processing_activity', id) },
      };
    },
  },
  'DELETE /api/v1/processing-activities/:id': {
    sides: BOTH,
    sidesMean: `${MEMBER} (a fresh entry when the archiving is allowed)`,
    record: memberOrg,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh ? (await fx.freshActivity(own(side))).id : fx.activity[own(side)];
      return { params: { id }, headers: { 'If-Match': String(await fx.version('processing_activity', id)) } };
    },
  },
  'POST /api/v1/processing-activities/:id/validate': {
    sides: BOTH,
    sidesMean: `${MEMBER} draft entry (a fresh one when the validation is allowed)`,
    record: memberOrg,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh ? (await fx.freshActivity(own(side))).id : fx.activity[own(side)];
      return { params: { id }, body: { version: await fx.version('processing_activity', id) } };
    },
  },
  'POST /api/v1/processing-activities/:id/dpia-decision': {
    sides: BOTH,
    sidesMean: `${MEMBER} entry whose screening requires a DPIA`,
    record: memberOrg,
    request: async ({ fx, side }) => {
      const id = fx.dpiaActivity[own(side)];
      return {
        params: { id },
        body: {
          reason: 'Traitement à faible volume, mesures suffisantes',
          version: await fx.version('processing_activity', id),
        },
      };
    },
  },
  'PUT /api/v1/processing-activities/:id/dpia-assessment': {
    sides: BOTH,
    sidesMean: `${MEMBER} entry whose screening requires a DPIA`,
    record: memberOrg,
    request: async ({ fx, side }) => {
      const id = fx.dpiaActivity[own(side)];
      return {
        params: { id },
        body: {
          status: 'in-progress',
          startedAt: isoDate(-10),
          reference: 'AIPD de la matrice',
          version: await fx.version('processing_activity', id),
        },
      };
    },
  },
  'GET /api/v1/processing-activities/:id/history': activityRead(),
  'GET /api/v1/processing-activities/:id/history/:version': activityRead({ version: '1' }),
  'GET /api/v1/processing-activities/:id/sheet.pdf': activityRead(),
  'GET /api/v1/organisations/:orgId/register.pdf': registerExport(),
  'GET /api/v1/organisations/:orgId/register.xlsx': registerExport(),
  'GET /api/v1/organisations/:orgId/register.csv': registerExport(),
  'POST /api/v1/organisations/:orgId/register/import': {
    sides: BOTH,
    sidesMean: `${MEMBER} register, a CSV file of one new entry`,
    record: memberOrg,
    request: ({ fx, side }) => ({
      params: { orgId: fx.memberOf(own(side)) },
      file: { buffer: fx.registerImport, name: 'registre.csv' },
    }),
  },
  'GET /api/v1/processor-register': {
    sides: ONE,
    request: () => NONE,
  },
  'GET /api/v1/processor-register.pdf': {
    sides: ONE,
    request: () => NONE,
  },

  // ---------------------------------------------------------------- breaches, incidents, rights requests
  'POST /api/v1/organisations/:orgId/breaches': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) }, body: breachPayload() }),
  },
  'GET /api/v1/organisations/:orgId/breaches': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  },
  'GET /api/v1/organisations/:orgId/breaches.pdf': breachRegisterExport(),
  'GET /api/v1/organisations/:orgId/breaches.xlsx': breachRegisterExport(),
  'GET /api/v1/breaches/:id': breachRead(),
  'GET /api/v1/breaches/:id/record.pdf': breachRead(),
  'PATCH /api/v1/breaches/:id': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: async ({ fx, side }) => {
      const id = fx.breach[own(side)];
      return {
        params: { id },
        body: { measuresTaken: 'Courriel de rappel envoyé', version: await fx.version('breach', id) },
      };
    },
  },
  'POST /api/v1/incidents': {
    sides: BOTH,
    sidesMean: 'on the application deployed for member A (own) or for member B (other)',
    // The organisation is named in the body: a role that may create nowhere is refused first (403).
    request: ({ fx, side }) => ({ params: {}, body: fx.incidentPayload(own(side)) }),
  },
  'GET /api/v1/incidents': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/incidents/:id': {
    sides: BOTH,
    sidesMean: 'operator-declared; own: notified to member A; other: to member B',
    record: (fx, side) => ({ notifiedTo: [fx.memberOf(side)] }),
    request: ({ fx, side }) => ({ params: { id: fx.incident[own(side)] } }),
  },
  'POST /api/v1/organisations/:orgId/rights-requests': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({
      params: { orgId: fx.memberOf(own(side)) },
      body: fx.rightsRequestPayload(),
    }),
  },
  'GET /api/v1/organisations/:orgId/rights-requests': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  },
  'GET /api/v1/rights-requests/:id': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { id: fx.rightsRequest[own(side)] } }),
  },
  'PATCH /api/v1/rights-requests/:id': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: async ({ fx, side }) => {
      const id = fx.rightsRequest[own(side)];
      return {
        params: { id },
        body: { notes: 'Pièce d’identité demandée', version: await fx.version('rights_request', id) },
      };
    },
  },

  // ---------------------------------------------------------------- reference data
  'GET /api/v1/reference/gdpr': {
    sides: ONE,
    request: () => NONE,
  },

  // ---------------------------------------------------------------- certification
  'GET /api/v1/frameworks': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/frameworks/:code': {
    sides: ONE,
    record: () => ({}),
    request: () => ({ params: { code: 'iso27001-2022' } }),
  },
  'GET /api/v1/frameworks/:code/requirements': {
    sides: ONE,
    record: () => ({}),
    request: () => ({ params: { code: 'hds-v2' } }),
  },
  'POST /api/v1/assessments': {
    sides: ONE,
    request: () => ({
      params: {},
      body: { frameworkCode: 'hds-v2', name: 'HDS — matrice', scope: { hdsActivities: [1] } },
    }),
  },
  'GET /api/v1/assessments': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/assessment-summaries': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/assessments/:id': assessmentRead(),
  'PATCH /api/v1/assessments/:id': {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    reach: (fx) => ({ subject: 'AssessmentSummary', record: ofOperator(fx) }),
    request: async ({ fx }) => ({
      params: { id: fx.assessmentId },
      body: { name: 'ISO 27001 — matrice', version: await fx.version('assessment', fx.assessmentId) },
    }),
  },
  'GET /api/v1/assessments/:id/summary': assessmentRead(),
  'GET /api/v1/assessments/:id/progress': assessmentRead(),
  'GET /api/v1/assessments/:id/progress-history': assessmentRead(),
  'GET /api/v1/assessments/:id/requirements': assessmentRead(),
  'GET /api/v1/assessments/:id/requirements/:requirementAssessmentId': assessmentRead(true),
  'PATCH /api/v1/assessments/:id/requirements/:requirementAssessmentId': {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    reach: (fx) => ({ subject: 'AssessmentSummary', record: ofOperator(fx) }),
    request: async ({ fx }) => {
      const id = fx.requirementIds[0];
      return {
        params: { id: fx.assessmentId, requirementAssessmentId: id },
        body: { notes: 'Revu', version: await fx.version('requirement_assessment', id) },
      };
    },
  },
  'GET /api/v1/assessments/:id/soa.pdf': assessmentRead(),
  'GET /api/v1/assessments/:id/report.pdf': assessmentRead(),
  'POST /api/v1/assessments/:id/requirements/:requirementAssessmentId/evidence': {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    reach: (fx) => ({ subject: 'AssessmentSummary', record: ofOperator(fx) }),
    request: ({ fx }) => ({
      params: { id: fx.assessmentId, requirementAssessmentId: fx.requirementIds[0] },
      file: { buffer: MINIMAL_PDF, name: 'preuve.pdf', fields: { effectiveDate: isoDate(-10) } },
    }),
  },
  'GET /api/v1/assessments/:id/requirements/:requirementAssessmentId/evidence': {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    reach: (fx) => ({ subject: 'AssessmentSummary', record: ofOperator(fx) }),
    request: ({ fx }) => ({ params: { id: fx.assessmentId, requirementAssessmentId: fx.requirementIds[0] } }),
  },
  'GET /api/v1/evidence/:id': evidenceRead(),
  'GET /api/v1/evidence/:id/content': evidenceRead(),
  'POST /api/v1/evidence/:id/links': {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    request: async ({ fx }) => ({
      params: { id: fx.evidenceId },
      body: {
        requirementAssessmentId: fx.requirementIds[2],
        version: await fx.version('evidence', fx.evidenceId),
      },
    }),
  },
  'DELETE /api/v1/evidence/:id/links/:requirementAssessmentId': {
    sides: ONE,
    sidesMean: `${SINGLE_OPERATOR}; a fresh link when the removal is allowed`,
    record: ofOperator,
    destructive: true,
    request: async ({ fx, fresh }) => {
      const { evidenceId, requirementAssessmentId } = fresh
        ? await fx.freshEvidenceLink()
        : { evidenceId: fx.evidenceId, requirementAssessmentId: fx.requirementIds[2] };
      return {
        params: { id: evidenceId, requirementAssessmentId },
        headers: { 'If-Match': String(await fx.version('evidence', evidenceId)) },
      };
    },
  },

  // ---------------------------------------------------------------- vendors
  'GET /api/v1/vendors/:id/profile': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    request: ({ fx, side }) => ({ params: { id: fx.vendorOf(own(side)) } }),
  },
  'GET /api/v1/vendors/:id/contacts': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: (fx, side) => ({ organisationId: fx.vendorOf(side), role: 'vendor-contact' }),
    request: ({ fx, side }) => ({ params: { id: fx.vendorOf(own(side)) } }),
  },
  'POST /api/v1/vendors/:id/contacts': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: (fx, side) => ({ organisationId: fx.vendorOf(side), role: 'vendor-contact' }),
    request: ({ fx, side }) => ({
      params: { id: fx.vendorOf(own(side)) },
      body: {
        email: `matrix.contact.${Math.random().toString(36).slice(2, 10)}@example.test`,
        displayName: 'Contact invité',
      },
    }),
  },
  'PUT /api/v1/vendors/:id/profile': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    request: async ({ fx, side }) => {
      const id = fx.vendorOf(own(side));
      const rows = await fx.app.dataSource.query('SELECT version FROM vendor_profile WHERE vendor_id = $1', [
        id,
      ]);
      return { params: { id }, body: { ...fx.profilePayload(), version: Number(rows[0]?.version ?? 0) } };
    },
  },
  'POST /api/v1/contracts': {
    sides: BOTH,
    sidesMean: OPERATOR_LINKED,
    // The organisation is named in the body: a role that may create nowhere is refused first (403).
    request: ({ fx, side }) => ({ params: {}, body: fx.contractPayload(own(side)) }),
  },
  'GET /api/v1/contracts': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/contracts/:id': contractRead(),
  'GET /api/v1/contracts/:id/clauses': contractRead(),
  'GET /api/v1/contracts/:id/clauses.pdf': contractRead(),
  'PATCH /api/v1/contracts/:id': {
    sides: BOTH,
    sidesMean: OPERATOR_LINKED,
    record: (fx) => ofOperator(fx),
    request: async ({ fx, side }) => {
      const id = fx.contract[own(side)];
      const rows = await fx.app.dataSource.query('SELECT version FROM contract WHERE id = $1', [id]);
      return { params: { id }, body: { endDate: '2030-12-31', version: Number(rows[0].version) } };
    },
  },
  'PATCH /api/v1/contracts/:id/clauses/:key': {
    sides: BOTH,
    sidesMean: OPERATOR_LINKED,
    record: (fx) => ofOperator(fx),
    request: async ({ fx, side }) => {
      const id = fx.contract[own(side)];
      const rows = await fx.app.dataSource.query(
        "SELECT version FROM contract_clause WHERE contract_id = $1 AND key = 'documented-instructions'",
        [id],
      );
      return {
        params: { id, key: 'documented-instructions' },
        body: { status: 'present', reference: 'Art. 4', version: Number(rows[0].version) },
      };
    },
  },
  'GET /api/v1/questionnaire-templates': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/questionnaire-templates/:id': {
    sides: ONE,
    record: () => ({}),
    request: ({ fx }) => ({ params: { id: fx.questionnaireTemplateId } }),
  },
  'POST /api/v1/questionnaire-templates': {
    sides: ONE,
    request: () => ({
      params: {},
      body: { ...MATRIX_TEMPLATE, name: `Modèle ${Math.random().toString(36).slice(2, 8)}` },
    }),
  },
  'POST /api/v1/questionnaires': {
    sides: BOTH,
    sidesMean: 'sent to the test vendor (own) or to vendor 2 (other)',
    // The organisation is named in the body: a role that may create nowhere is refused first (403).
    request: ({ fx, side }) => ({
      params: {},
      body: {
        templateId: fx.questionnaireTemplateId,
        vendorId: fx.vendorOf(own(side)),
        dueDate: isoDate(30),
      },
    }),
  },
  'GET /api/v1/questionnaires': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/questionnaires/:id': questionnaireRead(),
  'PUT /api/v1/questionnaires/:id/answers': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    request: async ({ fx, side }) => {
      const id = fx.questionnaire[own(side)];
      return {
        params: { id },
        body: {
          answers: [{ questionKey: 'q1', value: 'yes' }],
          version: await fx.version('questionnaire', id),
        },
      };
    },
  },
  'POST /api/v1/questionnaires/:id/answers/:questionKey/attachments': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    request: async ({ fx, side }) => {
      const id = fx.questionnaire[own(side)];
      return {
        params: { id, questionKey: 'q1' },
        headers: { 'If-Match': String(await fx.version('questionnaire', id)) },
        file: { buffer: MINIMAL_PDF, name: 'pssi.pdf' },
      };
    },
  },
  'GET /api/v1/questionnaires/:id/attachments/:attachmentId/content': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    request: ({ fx, side }) => ({
      params: { id: fx.questionnaire[own(side)], attachmentId: fx.attachment[own(side)] },
    }),
  },
  'POST /api/v1/questionnaires/:id/submit': {
    sides: BOTH,
    sidesMean: `${VENDOR}, answered (a fresh one when the submission is allowed)`,
    record: ofVendor,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh ? await fx.freshQuestionnaire(own(side), 'answered') : fx.questionnaire[own(side)];
      return { params: { id }, body: { version: await fx.version('questionnaire', id) } };
    },
  },
  'POST /api/v1/questionnaires/:id/review': {
    sides: BOTH,
    sidesMean: `${VENDOR}, submitted (a fresh one when the review is allowed)`,
    record: ofVendor,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh ? await fx.freshQuestionnaire(own(side), 'submitted') : fx.questionnaire[own(side)];
      return {
        params: { id },
        body: { decision: 'accepted', version: await fx.version('questionnaire', id) },
      };
    },
  },
  'POST /api/v1/questionnaires/:id/comments': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    reach: (fx, side) => ({ subject: 'Questionnaire', record: ofVendor(fx, side) }),
    request: ({ fx, side }) => ({
      params: { id: fx.questionnaire[own(side)] },
      body: { questionKey: 'q1', body: 'Merci de joindre la PSSI signée.' },
    }),
  },
  'GET /api/v1/questionnaires/:id/comments': questionnaireRead(),
  'GET /api/v1/questionnaires/:id/report.pdf': {
    sides: BOTH,
    sidesMean: VENDOR,
    record: () => ({}),
    reach: (fx, side) => ({ subject: 'Questionnaire', record: ofVendor(fx, side) }),
    request: ({ fx, side }) => ({ params: { id: fx.questionnaire[own(side)] } }),
  },
  'GET /api/v1/questionnaires/:id/vendor-report.pdf': questionnaireRead(),
  'GET /api/v1/applications/:id/vendor-assurance': {
    sides: BOTH,
    sidesMean: 'own: the application deployed for member A; other: for member B',
    record: deployedTo,
    reach: (fx, side) => ({ subject: 'Application', record: deployedTo(fx, side) }),
    request: ({ fx, side }) => ({ params: { id: fx.application[own(side)] } }),
  },
  'GET /api/v1/processing-activities/:id/vendor-assurance': {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { id: fx.activity[own(side)] } }),
  },

  // ---------------------------------------------------------------- access reviews
  'POST /api/v1/access-reviews': {
    sides: BOTH,
    sidesMean: 'a campaign of member A (own) or member B (other) on the application deployed for it',
    // The organisation is named in the body: a role that may create nowhere is refused first (403).
    request: ({ fx, side }) => ({ params: {}, body: fx.campaignPayload(own(side)) }),
  },
  'GET /api/v1/access-reviews': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'GET /api/v1/access-reviews/:id': openCampaignRead(),
  'POST /api/v1/access-reviews/:id/accounts': {
    sides: BOTH,
    sidesMean: `${MEMBER} draft campaign (a fresh one per call)`,
    record: campaign,
    request: async ({ fx, side }) => {
      const { id } = await fx.freshCampaign(own(side), 'draft');
      return {
        params: { id },
        headers: { 'If-Match': String(await fx.version('access_review', id)) },
        raw: { contentType: 'text/csv', data: fx.accountsCsv(own(side)) },
      };
    },
  },
  'POST /api/v1/access-reviews/:id/open': {
    sides: BOTH,
    sidesMean: `${MEMBER} draft campaign (a fresh one when opening is allowed)`,
    record: campaign,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh ? (await fx.freshCampaign(own(side), 'draft')).id : fx.draftReview[own(side)];
      return { params: { id }, body: { version: await fx.version('access_review', id) } };
    },
  },
  'POST /api/v1/access-reviews/:id/reminders': {
    sides: BOTH,
    sidesMean: `${MEMBER} open campaign`,
    record: campaign,
    request: async ({ fx, side }) => {
      const id = fx.openReview[own(side)];
      return { params: { id }, body: { version: await fx.version('access_review', id) } };
    },
  },
  'POST /api/v1/access-reviews/:id/close': {
    sides: BOTH,
    sidesMean: `${MEMBER} campaign with every account decided (a fresh one when closing is allowed)`,
    record: campaign,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh ? (await fx.freshCampaign(own(side), 'decided')).id : fx.decidedReview[own(side)];
      return { params: { id }, body: { version: await fx.version('access_review', id) } };
    },
  },
  'GET /api/v1/access-reviews/:id/certificate.pdf': {
    sides: BOTH,
    sidesMean: `${MEMBER} closed campaign`,
    record: campaign,
    request: ({ fx, side }) => ({ params: { id: fx.closedReview[own(side)] } }),
  },
  'GET /api/v1/access-reviews/:id/items': openCampaignRead(),
  'GET /api/v1/access-reviews/:id/reviewers': openCampaignRead(),
  'POST /api/v1/organisations/:orgId/agent-directory': {
    sides: BOTH,
    sidesMean: `${MEMBER} directory of agents (the agents of the fixture accounts, so that none becomes an orphan)`,
    record: memberOrg,
    reach: (fx, side) => ({ subject: 'Organisation', record: { id: fx.memberOf(side) } }),
    request: ({ fx, side }) => ({
      params: { orgId: fx.memberOf(own(side)) },
      raw: { contentType: 'text/csv', data: fx.agentsCsv() },
    }),
  },
  'GET /api/v1/organisations/:orgId/agent-directory': {
    sides: BOTH,
    sidesMean: `${MEMBER} directory of agents`,
    record: memberOrg,
    reach: (fx, side) => ({ subject: 'Organisation', record: { id: fx.memberOf(side) } }),
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  },
  'POST /api/v1/access-reviews/:id/items/:itemId/decision': {
    sides: BOTH,
    sidesMean: `${MEMBER} open campaign; in A the item assigned to the reader for the reader, else to the editor`,
    record: item,
    reach: (fx, side, role) => ({ subject: 'AccessReviewItem', record: item(fx, side, role) }),
    request: async ({ fx, side, role }) => {
      const itemId = itemOf(fx, own(side), role);
      return {
        params: { id: fx.openReview[own(side)], itemId },
        body: { decision: 'keep', version: await fx.version('access_review_item', itemId) },
      };
    },
  },
  'GET /api/v1/access-reviews/:id/items/:itemId/history': {
    sides: BOTH,
    sidesMean: `${MEMBER} open campaign; in A the item assigned to the reader for the reader, else to the editor`,
    record: item,
    request: ({ fx, side, role }) => ({
      params: { id: fx.openReview[own(side)], itemId: itemOf(fx, own(side), role) },
    }),
  },
  'POST /api/v1/access-reviews/:id/items/:itemId/reassign': {
    sides: BOTH,
    sidesMean: `${MEMBER} open campaign (a fresh one when the reassignment is allowed)`,
    record: item,
    destructive: true,
    request: async ({ fx, side, role, fresh }) => {
      const s = own(side);
      const reviewerId = s === 'own' ? fx.world.dpoA.id : fx.world.dpoB.id;
      if (fresh) {
        const created = await fx.freshCampaign(s, 'open');
        const itemId = created.items.editor;
        const version = await fx.version('access_review_item', itemId);
        return { params: { id: created.id, itemId }, body: { reviewerId, version } };
      }
      const itemId = itemOf(fx, s, role);
      const version = await fx.version('access_review_item', itemId);
      return { params: { id: fx.openReview[s], itemId }, body: { reviewerId, version } };
    },
  },
  'GET /api/v1/remediation-tasks': {
    sides: ONE,
    list: true,
    request: () => NONE,
  },
  'POST /api/v1/remediation-tasks/:id/done': {
    sides: BOTH,
    sidesMean: `the task of ${MEMBER} closed campaign (a fresh one when allowed)`,
    record: memberOrg,
    destructive: true,
    request: async ({ fx, side, fresh }) => {
      const id = fresh
        ? (await fx.freshCampaign(own(side), 'closed')).taskId!
        : fx.remediationTask[own(side)];
      return {
        params: { id },
        body: { note: 'Compte supprimé', version: await fx.version('remediation_task', id) },
      };
    },
  },

  // ---------------------------------------------------------------- public register, DPO annual report
  'GET /api/v1/organisations/:orgId/publication': publicationRoute(() => undefined),
  'GET /api/v1/organisations/:orgId/publication/preview': publicationRoute(() => undefined),
  'PUT /api/v1/organisations/:orgId/publication': publicationRoute(async (fx, orgId) => ({
    enabled: true,
    version: await publicationVersion(fx, orgId),
  })),
  // Public routes answer everybody (anonymous included): member A's register is published for them.
  'GET /public/:shortName/registre': publicRegisterRoute(),
  'GET /public/:shortName/registre.json': publicRegisterRoute(),
  'GET /public/:shortName/registre.csv': publicRegisterRoute(),
  'GET /public/:shortName/registre/:id': publicRegisterRoute(true),
  'GET /api/v1/organisations/:orgId/annual-report.pdf': annualReportRoute(),
  'GET /api/v1/organisations/:orgId/annual-report.xlsx': annualReportRoute(),
  'POST /api/v1/annual-reports': {
    sides: ONE,
    sidesMean: 'every member the caller may report on',
    request: () => ({ params: {}, body: { year: new Date().getFullYear() - 1 } }),
  },
};

async function publicationVersion(fx: MatrixFixtures, organisationId: string): Promise<number> {
  const rows = await fx.app.dataSource.query(
    'SELECT version FROM register_publication WHERE organisation_id = $1',
    [organisationId],
  );
  return rows.length ? Number(rows[0].version) : 0;
}

function publicationRoute(body: (fx: MatrixFixtures, orgId: string) => unknown): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: `${MEMBER} publication settings`,
    record: memberOrg,
    reach: (fx, side) => ({ subject: 'Organisation', record: { id: fx.memberOf(side) } }),
    request: async ({ fx, side }) => {
      const orgId = fx.memberOf(own(side));
      return { params: { orgId }, body: await body(fx, orgId) };
    },
  };
}

/** Member A's register, published by its DPO, with one validated entry (made once per run). */
const publishedRegisters = new WeakMap<MatrixFixtures, Promise<{ shortName: string; entryId: string }>>();
function publishedRegister(fx: MatrixFixtures): Promise<{ shortName: string; entryId: string }> {
  let setup = publishedRegisters.get(fx);
  if (!setup) {
    setup = (async () => {
      const { world, app } = fx;
      const orgId = world.memberA.id;
      const entry = await app.http
        .post(`/api/v1/organisations/${orgId}/processing-activities`)
        .set(as(world.dpoA))
        .send(entryPayload('Traitement publié'));
      const validated = await app.http
        .post(`/api/v1/processing-activities/${entry.body.id}/validate`)
        .set(as(world.dpoA))
        .send({ version: entry.body.version });
      const published = await app.http
        .put(`/api/v1/organisations/${orgId}/publication`)
        .set(as(world.dpoA))
        .send({ enabled: true, version: await publicationVersion(fx, orgId) });
      if (validated.status !== 200 || published.status !== 200)
        throw new Error(`public register: ${validated.status} ${published.status}`);
      const organisation = await app.dataSource.query('SELECT short_name FROM organisation WHERE id = $1', [
        orgId,
      ]);
      return { shortName: organisation[0].short_name as string, entryId: entry.body.id as string };
    })();
    publishedRegisters.set(fx, setup);
  }
  return setup;
}

function publicRegisterRoute(entry = false): RouteExpectation {
  return {
    sides: ONE,
    sidesMean: 'member A’s published register (public: the same answer for everybody)',
    request: async ({ fx }) => {
      const { shortName, entryId } = await publishedRegister(fx);
      const params: Record<string, string> = entry ? { shortName, id: entryId } : { shortName };
      return { params };
    },
  };
}

function annualReportRoute(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: `${MEMBER} annual report (the previous year by default)`,
    record: memberOrg,
    reach: (fx, side) => ({ subject: 'Organisation', record: { id: fx.memberOf(side) } }),
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  };
}

function activityRead(extra: Record<string, string> = {}): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { id: fx.activity[own(side)], ...extra } }),
  };
}

function registerExport(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  };
}

function breachRegisterExport(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { orgId: fx.memberOf(own(side)) } }),
  };
}

function breachRead(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: MEMBER,
    record: memberOrg,
    request: ({ fx, side }) => ({ params: { id: fx.breach[own(side)] } }),
  };
}

function assessmentRead(requirement = false): RouteExpectation {
  return {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    reach: (fx) => ({ subject: 'AssessmentSummary', record: ofOperator(fx) }),
    request: ({ fx }) => ({
      params: {
        id: fx.assessmentId,
        ...(requirement ? { requirementAssessmentId: fx.requirementIds[0] } : {}),
      },
    }),
  };
}

function evidenceRead(): RouteExpectation {
  return {
    sides: ONE,
    sidesMean: SINGLE_OPERATOR,
    record: ofOperator,
    request: ({ fx }) => ({ params: { id: fx.evidenceId } }),
  };
}

function contractRead(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: OPERATOR_LINKED,
    record: (fx) => ofOperator(fx),
    request: ({ fx, side }) => ({ params: { id: fx.contract[own(side)] } }),
  };
}

function questionnaireRead(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: VENDOR,
    record: ofVendor,
    reach: (fx, side) => ({ subject: 'Questionnaire', record: ofVendor(fx, side) }),
    request: ({ fx, side }) => ({ params: { id: fx.questionnaire[own(side)] } }),
  };
}

function openCampaignRead(): RouteExpectation {
  return {
    sides: BOTH,
    sidesMean: `${MEMBER} open campaign`,
    record: campaign,
    request: async ({ fx, side }) => {
      const id = fx.openReview[own(side)];
      return { params: { id }, body: { version: await fx.version('access_review', id) } };
    },
  };
}
