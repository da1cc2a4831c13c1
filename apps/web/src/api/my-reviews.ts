import { useQuery } from '@tanstack/react-query';
import { useSession } from '../session';
import { api, unwrap } from './client';
import type { Page } from './lists';

// The access-review answers have no response schema in the OpenAPI document yet: the fields a reviewer's pages
// read are typed here, after libs/access-reviews (access-review.view.ts, items.service.ts).
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
  status: CampaignStatus;
  version: number;
}

export interface ReviewItem {
  id: string;
  accessReviewId: string;
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

/** A campaign with the accounts assigned to the signed-in person. */
export interface MyCampaign {
  campaign: Campaign;
  assigned: number;
  pending: number;
}

export const MY_REVIEWS_KEY = ['my-reviews'] as const;

export const campaign = (id: string) =>
  unwrap(
    api.GET('/api/v1/access-reviews/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<Campaign>;

export const itemsOf = (id: string, query: Record<string, unknown>) =>
  unwrap(
    api.GET('/api/v1/access-reviews/{id}/items', {
      params: { path: { id }, query: { pageSize: 200, ...query } as never },
    }),
  ) as unknown as Promise<Page<ReviewItem>>;

/** Every account assigned to `reviewerId` in a campaign, page after page. */
export async function myItems(id: string, reviewerId: string): Promise<ReviewItem[]> {
  const items: ReviewItem[] = [];
  for (let page = 1; ; page++) {
    const answer = await itemsOf(id, { reviewerId, page });
    items.push(...answer.items);
    if (items.length >= answer.total || answer.items.length === 0) return items;
  }
}

export const decide = (
  id: string,
  itemId: string,
  body: { decision: Decision; reason?: string; version: number },
) =>
  unwrap(
    api.POST('/api/v1/access-reviews/{id}/items/{itemId}/decision', {
      params: { path: { id, itemId } },
      body: body as never,
    }),
  ) as unknown as Promise<ReviewItem>;

/** The campaigns of my member organisations where accounts are assigned to me, decided or not (drafts aside). */
async function myCampaigns(memberIds: string[], me: string): Promise<MyCampaign[]> {
  const list = (await unwrap(
    api.GET('/api/v1/access-reviews', { params: { query: { pageSize: 200 } as never } }),
  )) as unknown as Page<Campaign>;
  const mine = list.items.filter((c) => c.status !== 'draft' && memberIds.includes(c.organisationId));
  const counted = await Promise.all(
    mine.map(async (c) => {
      const [assigned, pending] = await Promise.all([
        itemsOf(c.id, { reviewerId: me, pageSize: 1 }),
        itemsOf(c.id, { reviewerId: me, decision: 'pending', pageSize: 1 }),
      ]);
      return { campaign: c, assigned: assigned.total, pending: pending.total };
    }),
  );
  return counted.filter((c) => c.assigned > 0);
}

/** The access reviews assigned to the signed-in person in their member organisations (none for others). */
export function useMyReviews() {
  const { me, workspaces } = useSession();
  const memberIds = workspaces.filter((w) => w.kind === 'member').map((w) => w.organisationId);
  return useQuery({
    queryKey: [...MY_REVIEWS_KEY, me?.id, memberIds.join(',')],
    queryFn: () => myCampaigns(memberIds, me?.id ?? ''),
    enabled: Boolean(me) && memberIds.length > 0,
  });
}

export const FLAG_LABELS: Record<string, string> = {
  dormant: 'Dormant (aucune connexion depuis 90 jours)',
  orphan: "Orphelin (absent de l'annuaire des agents)",
  privileged: 'Privilégié (droits d’administration)',
  new: 'Nouveau depuis la revue précédente',
  removed: 'Retiré de la liste',
};
export const DECISION_LABELS: Record<Decision, string> = {
  keep: 'Conservé',
  revoke: 'Révoqué',
  modify: 'À modifier',
};
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'En préparation',
  open: 'Ouverte',
  closed: 'Close',
  remediated: 'Remédiée',
};
/** The flags that make keeping an account a choice to justify (libs/access-reviews/src/items/flags.ts). */
export const REASON_TO_KEEP_FLAGS = ['privileged', 'dormant', 'orphan'];
export const MIN_REASON = 10;
