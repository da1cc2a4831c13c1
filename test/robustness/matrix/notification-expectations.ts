import { emitNotice, issueAccountToken } from '@vigie/notifications';
import type { MatrixFixtures } from './fixtures';
import type { RouteExpectation } from './expectations';
import type { MatrixRole } from './model';

const ONE = ['-'] as const;
const BOTH = ['own', 'other'] as const;
const NONE = { params: {} };
const randomEmail = () => `matrix.${Math.random().toString(36).slice(2, 10)}@example.test`;
/** A token of the right shape that no link holds. */
const UNKNOWN_TOKEN = 'x'.repeat(43);

/** A notice of the user behind a role (made once), so that their list and their own notice exist. */
async function noticeOf(fx: MatrixFixtures, role: Exclude<MatrixRole, 'anonymous'>): Promise<string> {
  const userId = fx.contexts[role].userId!;
  await fx.app.dataSource.transaction((manager) =>
    emitNotice(manager, {
      kind: 'questionnaire.sent',
      recipients: { userIds: [userId] },
      organisationId: null,
      entity: { type: 'user', id: userId },
      threshold: 'matrix',
      title: 'Notification de test',
      body: 'Une notification de test.',
      linkPath: '/notifications',
    }),
  );
  const [row] = await fx.app.dataSource.query(
    `SELECT "id" FROM "notification" WHERE "recipient_id" = $1 AND "threshold" = 'matrix'`,
    [userId],
  );
  return row.id;
}

/**
 * The routes of notifications and accounts by e-mail. A user's notices and preferences are their own whatever
 * their role (like `/auth/me`): every signed-in caller may use them, nobody reaches another's notice (404).
 * The link routes are public; their tokens are single-use.
 */
export const NOTIFICATION_EXPECTATIONS: Record<string, RouteExpectation> = {
  'GET /api/v1/notifications': {
    sides: ONE,
    request: async ({ fx, role }) => {
      if (role !== 'anonymous') await noticeOf(fx, role);
      return NONE;
    },
  },
  'GET /api/v1/notifications/unread-count': {
    sides: ONE,
    request: () => NONE,
  },
  'GET /api/v1/notifications/preferences': {
    sides: ONE,
    request: () => NONE,
  },
  'PUT /api/v1/notifications/preferences': {
    sides: ONE,
    request: () => ({
      params: {},
      body: { preferences: [{ kind: 'questionnaire.sent', delivery: 'digest' }] },
    }),
  },
  'POST /api/v1/notifications/:id/read': {
    sides: BOTH,
    sidesMean: 'own: a notice of the caller; other: a notice of another user',
    expect: {
      outcome: (role, side) => (role === 'anonymous' ? 401 : side === 'other' ? 404 : 'allowed'),
      why: 'a notice is its recipient’s only, whatever the role',
    },
    request: async ({ fx, side, role }) => {
      const mine = role === 'anonymous' ? 'auditor' : role;
      const owner = side === 'other' ? (mine === 'auditor' ? 'reader' : 'auditor') : mine;
      return { params: { id: await noticeOf(fx, owner) } };
    },
  },
  'POST /api/v1/users/invitations': {
    sides: ONE,
    request: () => ({ params: {}, body: { email: randomEmail(), displayName: 'Agent invité' } }),
  },
  'POST /api/v1/users/:id/invitation': {
    sides: ONE,
    sidesMean: 'users belong to no organisation: a user invited and not yet signed up',
    record: () => ({}),
    request: async ({ fx }) => {
      const invited = await fx.app.http
        .post('/api/v1/users/invitations')
        .set({ Authorization: `Bearer ${fx.actors.admin.token}` })
        .send({ email: randomEmail(), displayName: 'Agent invité' });
      return { params: { id: invited.body.id } };
    },
  },
  'POST /api/v1/auth/invitation/accept': {
    sides: ONE,
    request: () => ({ params: {}, body: { token: UNKNOWN_TOKEN, newPassword: 'correct-horse-battery' } }),
  },
  'POST /api/v1/auth/password-reset': {
    sides: ONE,
    request: () => ({ params: {}, body: { email: randomEmail() } }),
  },
  'POST /api/v1/auth/password-reset/confirm': {
    sides: ONE,
    request: () => ({ params: {}, body: { token: UNKNOWN_TOKEN, newPassword: 'correct-horse-battery' } }),
  },
  'POST /api/v1/auth/sign-in-link': {
    sides: ONE,
    request: () => ({ params: {}, body: { email: randomEmail() } }),
  },
  'POST /api/v1/auth/sign-in-link/confirm': {
    sides: ONE,
    request: async ({ fx }) => {
      const { token } = await fx.app.dataSource.transaction((manager) =>
        issueAccountToken(manager, fx.contexts['vendor-contact'].userId!, 'sign-in-link'),
      );
      return { params: {}, body: { token } };
    },
  },
  'POST /api/v1/auth/session/link': {
    sides: ONE,
    expect: {
      outcome: () => 401,
      why: 'an unknown link: the shared test agent keeps cookies, a session would sign in its anonymous calls (happy path in notifications.e2e-spec)',
    },
    request: () => ({ params: {}, body: { token: UNKNOWN_TOKEN } }),
  },
};
