import { api, unwrap } from './client';
import type { Page } from './lists';

// The access-review answers have no response schema in the OpenAPI document yet: the fields these screens
// read are typed here, as the API (libs/access-reviews) writes them.
export type CampaignStatus = 'draft' | 'open' | 'closed' | 'remediated';
export type Decision = 'keep' | 'revoke' | 'modify';

export interface Campaign {
  id: string;
  organisationId: string;
  organisationName: string;
  applicationId: string;
  applicationName: string;
  name: string;
  dueDate: string;
  recurrenceMonths: number | null;
  status: CampaignStatus;
  openedAt: string | null;
  closedAt: string | null;
  remediatedAt: string | null;
  certificateEvidenceId: string | null;
  agentDirectoryAt: string | null;
  counts: {
    accounts: number;
    pending: number;
    keep: number;
    revoke: number;
    modify: number;
    removed: number;
    remediationTasks: number;
    remediationDone: number;
  };
  version: number;
}

export interface Item {
  id: string;
  line: number | null;
  username: string;
  displayName: string | null;
  email: string | null;
  role: string | null;
  lastLogin: string | null;
  flags: string[];
  reviewerId: string | null;
  decision: Decision | null;
  reason: string | null;
  decidedAt: string | null;
  version: number;
}

export interface Reviewer {
  userId: string;
  displayName: string | null;
  email: string | null;
  role: string | null;
  assigned: number;
  decided: number;
}

export interface RemediationTask {
  id: string;
  accessReviewId: string;
  accessReviewName: string;
  username: string;
  role: string | null;
  action: 'revoke' | 'modify';
  reason: string | null;
  status: 'to-do' | 'done';
  dueDate: string;
  overdue: boolean;
  doneAt: string | null;
  note: string | null;
  version: number;
}

export interface ImportResult {
  imported: number;
  rejected: { line: number; reason: string }[];
}

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Brouillon',
  open: 'Ouverte',
  closed: 'Close',
  remediated: 'Remédiée',
};
export const DECISION_LABELS: Record<Decision, string> = {
  keep: 'Conserver',
  revoke: 'Révoquer',
  modify: 'Modifier',
};
export const FLAG_LABELS: Record<string, string> = {
  dormant: 'Dormant',
  orphan: 'Orphelin',
  privileged: 'Privilégié',
  new: 'Nouveau',
  removed: 'Retiré',
};
export const ROLE_LABELS: Record<string, string> = {
  dpo: 'Délégué à la protection des données',
  editor: 'Référent',
  reader: 'Lecteur',
};

export const CSV_HEADER = 'username,displayName,email,role,lastLogin,reviewerEmail';

export const campaigns = () =>
  unwrap(api.GET('/api/v1/access-reviews', { params: { query: { pageSize: 200 } } })) as unknown as Promise<
    Page<Campaign>
  >;

export const campaign = (id: string) =>
  unwrap(
    api.GET('/api/v1/access-reviews/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<Campaign>;

export const createCampaign = (body: {
  organisationId: string;
  applicationId: string;
  name: string;
  dueDate: string;
  recurrenceMonths?: number;
}) => unwrap(api.POST('/api/v1/access-reviews', { body })) as unknown as Promise<Campaign>;

export const itemsOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/access-reviews/{id}/items', { params: { path: { id }, query: { pageSize: 200 } } }),
  ) as unknown as Promise<Page<Item>>;

export const reviewersOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/access-reviews/{id}/reviewers', { params: { path: { id } } }),
  ) as unknown as Promise<{ items: Reviewer[] }>;

export const importAccounts = (id: string, csv: string, version: number) =>
  unwrap(
    api.POST('/api/v1/access-reviews/{id}/accounts', {
      params: { path: { id } },
      body: csv as never,
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'If-Match': String(version) },
      bodySerializer: (body: unknown) => body as string,
    }),
  ) as unknown as Promise<ImportResult>;

export const openCampaign = (id: string, version: number) =>
  unwrap(
    api.POST('/api/v1/access-reviews/{id}/open', { params: { path: { id } }, body: { version } }),
  ) as unknown as Promise<Campaign>;

export const closeCampaign = (id: string, version: number) =>
  unwrap(
    api.POST('/api/v1/access-reviews/{id}/close', { params: { path: { id } }, body: { version } }),
  ) as unknown as Promise<Campaign>;

export const remindReviewers = (id: string, version: number) =>
  unwrap(
    api.POST('/api/v1/access-reviews/{id}/reminders', { params: { path: { id } }, body: { version } }),
  ) as unknown as Promise<{
    reviewers: number;
    reminded: number;
  }>;

export const reassign = (id: string, item: { id: string; version: number }, reviewerId: string) =>
  unwrap(
    api.POST('/api/v1/access-reviews/{id}/items/{itemId}/reassign', {
      params: { path: { id, itemId: item.id } },
      body: { reviewerId, version: item.version },
    }),
  ) as unknown as Promise<Item>;

export const tasksOf = (accessReviewId: string) =>
  unwrap(
    api.GET('/api/v1/remediation-tasks', { params: { query: { accessReviewId, pageSize: 200 } } }),
  ) as unknown as Promise<Page<RemediationTask>>;

export const markDone = (task: { id: string; version: number }, note?: string) =>
  unwrap(
    api.POST('/api/v1/remediation-tasks/{id}/done', {
      params: { path: { id: task.id } },
      body: note ? { note, version: task.version } : { version: task.version },
    }),
  ) as unknown as Promise<RemediationTask>;

export const applications = () =>
  unwrap(api.GET('/api/v1/applications', { params: { query: { pageSize: 200 } } })) as unknown as Promise<
    Page<{ id: string; name: string }>
  >;

export const deploymentsOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/applications/{id}/deployments', { params: { path: { id } } }),
  ) as unknown as Promise<{
    items: { organisationId: string; organisationName: string }[];
  }>;

/** The person behind a reviewer id, as the campaign's member knows them. */
export function reviewerName(reviewers: Reviewer[] | undefined, id: string | null): string {
  if (!id) return 'Aucun';
  const r = reviewers?.find((p) => p.userId === id);
  if (!r) return 'Relecteur inconnu';
  return r.displayName ?? 'Ancien utilisateur du membre';
}
