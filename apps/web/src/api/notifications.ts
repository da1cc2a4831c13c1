import { api, unwrap, type Schemas } from './client';
import type { Page } from './lists';

// The notification routes have no response schema in the OpenAPI document yet: the fields these screens read
// are typed here.
export interface NotificationItem {
  id: string;
  kind: string;
  organisationId: string | null;
  entityType: string;
  entityId: string;
  title: string;
  body: string;
  linkPath: string;
  createdAt: string;
  readAt: string | null;
}

export type Delivery = 'immediate' | 'digest' | 'off';

export interface PreferenceItem {
  kind: string;
  label: string;
  legal: boolean;
  delivery: Delivery;
  choices: Delivery[];
}

export const DELIVERY_LABELS: Record<Delivery, string> = {
  immediate: 'Tout de suite',
  digest: 'Résumé quotidien (8 h)',
  off: 'Aucun courriel',
};

/** The query keys the bell, the list and the dashboard share (a read notice refreshes all three). */
export const NOTIFICATIONS_KEY = ['notifications'] as const;

export const notificationsOf = (unreadOnly: boolean, pageSize = 100) =>
  unwrap(
    api.GET('/api/v1/notifications', {
      params: { query: { pageSize, ...(unreadOnly ? { unread: 'true' as const } : {}) } },
    }),
  ) as unknown as Promise<Page<NotificationItem>>;

export const unreadCount = () =>
  unwrap(api.GET('/api/v1/notifications/unread-count')) as unknown as Promise<{ unread: number }>;

export const markRead = (id: string) =>
  unwrap(
    api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }),
  ) as unknown as Promise<NotificationItem>;

export const preferencesOf = () =>
  unwrap(api.GET('/api/v1/notifications/preferences')) as unknown as Promise<{ items: PreferenceItem[] }>;

type PreferenceBody = Schemas['PreferenceDto'];
export const savePreferences = (preferences: { kind: string; delivery: Delivery }[]) =>
  unwrap(
    api.PUT('/api/v1/notifications/preferences', {
      body: { preferences: preferences as PreferenceBody[] },
    }),
  ) as unknown as Promise<{
    items: PreferenceItem[];
  }>;

/** « 3 non lues », « 1 non lue », « aucune non lue ». */
export function unreadText(count: number): string {
  return count === 0 ? 'aucune non lue' : count === 1 ? '1 non lue' : `${count} non lues`;
}
