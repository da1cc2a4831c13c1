import { api, unwrap } from './client';

// The breach, rights-request and document lists have no response schema in the OpenAPI document yet: the few
// fields these screens read are typed here.
export interface BreachItem {
  id: string;
  title: string;
  status: 'to-assess' | 'assessed' | 'notified' | 'not-notifiable' | 'closed';
  awareAt: string;
  notificationDeadline: string;
  cnilNotifiedAt: string | null;
  overdue: boolean;
}
export interface RightsRequestItem {
  id: string;
  organisationId: string;
  version: number;
  right: string;
  requesterName: string;
  requesterContact: string | null;
  details: string | null;
  receivedAt: string;
  dueDate: string;
  status: 'received' | 'identity-pending' | 'in-progress' | 'extended' | 'answered' | 'refused';
  identityChecked: boolean;
  extensionMonths: number;
  extensionReason: string | null;
  answeredAt: string | null;
  answerChannel: string | null;
  refusalReason?: string | null;
  receivedChannel?: string | null;
  overdue?: boolean;
}
export interface DocumentItem {
  id: string;
  organisationId: string;
  kind: string;
  title: string;
  sha256: string;
  size: number;
  createdAt: string;
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const breachesOf = (orgId: string, pageSize = 100) =>
  unwrap(
    api.GET('/api/v1/organisations/{orgId}/breaches', { params: { path: { orgId }, query: { pageSize } } }),
  ) as unknown as Promise<Page<BreachItem>>;

export const rightsRequestsOf = (orgId: string, pageSize = 100) =>
  unwrap(
    api.GET('/api/v1/organisations/{orgId}/rights-requests', {
      params: { path: { orgId }, query: { pageSize } },
    }),
  ) as unknown as Promise<Page<RightsRequestItem>>;

export const documentsOf = (organisationId: string, pageSize = 50) =>
  unwrap(
    api.GET('/api/v1/documents', { params: { query: { organisationId, pageSize } } }),
  ) as unknown as Promise<Page<DocumentItem>>;

export const BREACH_STATUS_LABELS: Record<string, string> = {
  'to-assess': 'À évaluer',
  assessed: 'Évaluée',
  notified: 'Notifiée à la CNIL',
  'not-notifiable': 'Non notifiable',
  closed: 'Clôturée',
};
export const RIGHTS_STATUS_LABELS: Record<string, string> = {
  received: 'Reçue',
  'identity-pending': "En attente d'un justificatif d'identité",
  'in-progress': 'En cours',
  extended: 'Délai prolongé',
  answered: 'Répondue',
  refused: 'Refusée',
};
export const RIGHT_LABELS: Record<string, string> = {
  access: "Droit d'accès (art. 15)",
  rectification: 'Droit de rectification (art. 16)',
  erasure: "Droit à l'effacement (art. 17)",
  restriction: 'Droit à la limitation (art. 18)',
  portability: 'Droit à la portabilité (art. 20)',
  objection: "Droit d'opposition (art. 21)",
  'automated-decision': 'Décision individuelle automatisée (art. 22)',
  'consent-withdrawal': 'Retrait du consentement (art. 7.3)',
};
export const OPEN_RIGHTS_STATUSES = ['received', 'identity-pending', 'in-progress', 'extended'];
export const CLOCK_RUNNING = (b: BreachItem) =>
  (b.status === 'to-assess' || b.status === 'assessed') && !b.cnilNotifiedAt;

export const rightsRequest = (id: string) =>
  unwrap(
    api.GET('/api/v1/rights-requests/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<RightsRequestItem>;

export const updateRightsRequest = (id: string, body: Record<string, unknown>) =>
  unwrap(
    api.PATCH('/api/v1/rights-requests/{id}', { params: { path: { id } }, body: body as never }),
  ) as unknown as Promise<RightsRequestItem>;

export const CHANNEL_LABELS: Record<string, string> = {
  email: 'Courriel',
  'postal-mail': 'Courrier postal',
  'in-person': 'Sur place',
  'online-form': 'Formulaire en ligne',
  phone: 'Téléphone',
};

export const createRightsRequest = (orgId: string, body: Record<string, unknown>) =>
  unwrap(
    api.POST('/api/v1/organisations/{orgId}/rights-requests', {
      params: { path: { orgId } },
      body: body as never,
    }),
  ) as unknown as Promise<RightsRequestItem>;
