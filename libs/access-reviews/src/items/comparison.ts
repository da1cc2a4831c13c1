import { scoped, unscoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { AccessReview as AccessReviewEntity } from '../campaigns/access-review.entity';
import type { AccessReview } from '../campaigns/access-review.entity';
import { dormantCutoff } from './flags';

/**
 * The campaign an access review is compared with for the `new` and `removed` flags: the most recently closed
 * (or remediated) campaign of the same application and member.
 */
export async function previousClosedCampaign(
  manager: EntityManager,
  ctx: RequestContext,
  campaign: Pick<AccessReview, 'id' | 'organisationId' | 'applicationId'>,
): Promise<string | null> {
  const previous = await scoped(manager, ctx)
    .query('AccessReview', AccessReviewEntity, 'r')
    .select('r.id', 'id')
    .andWhere('r.organisationId = :organisationId AND r.applicationId = :applicationId AND r.id <> :id', {
      organisationId: campaign.organisationId,
      applicationId: campaign.applicationId,
      id: campaign.id,
    })
    .andWhere(`r.status IN ('closed', 'remediated')`)
    .orderBy('r.closedAt', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .limit(1)
    .getRawOne<{ id: string }>();
  return previous?.id ?? null;
}

/** Drops the `removed` items of a draft campaign (before an import: they are computed again after it). */
export async function deleteRemovedItems(manager: EntityManager, campaignId: string): Promise<void> {
  await unscoped(manager, 'a write: the removed items of a campaign the caller may update').query(
    `DELETE FROM access_review_item WHERE access_review_id = $1 AND 'removed' = ANY(flags)`,
    [campaignId],
  );
}

/**
 * Recomputes, in SQL over the whole list, the flags that depend on the moment or on the previous campaign:
 * `dormant` at `reference` (the import, then the opening), `new` (not in the previous closed campaign; no
 * account is new when there is none), and the `removed` items (accounts of the previous closed campaign that
 * are no longer in the list; listed, with no reviewer and no decision needed).
 */
export async function refreshComparison(
  manager: EntityManager,
  ctx: RequestContext,
  campaign: Pick<AccessReview, 'id' | 'organisationId' | 'applicationId'>,
  reference: Date,
): Promise<void> {
  const previous = await previousClosedCampaign(manager, ctx, campaign);
  const items = unscoped(
    manager,
    'writes (flags, removed items) on a campaign the caller may update, from its previous campaign found scoped',
  );
  await items.query(
    `UPDATE access_review_item i
     SET flags = array_remove(array_remove(i.flags, 'dormant'), 'new')
       || CASE WHEN i.last_login IS NULL OR i.last_login < $2 THEN ARRAY['dormant'] ELSE ARRAY[]::text[] END
       || CASE WHEN $3::uuid IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM access_review_item p
            WHERE p.access_review_id = $3::uuid AND lower(p.username) = lower(i.username)
              AND NOT ('removed' = ANY(p.flags))
          ) THEN ARRAY['new'] ELSE ARRAY[]::text[] END
     WHERE i.access_review_id = $1 AND NOT ('removed' = ANY(i.flags))`,
    [campaign.id, dormantCutoff(reference), previous],
  );
  // Removed items that no longer hold (another previous campaign, none at all) go; the others keep their id.
  await items.query(
    `DELETE FROM access_review_item r
     WHERE r.access_review_id = $1 AND 'removed' = ANY(r.flags)
       AND ($2::uuid IS NULL OR NOT EXISTS (
         SELECT 1 FROM access_review_item p
         WHERE p.access_review_id = $2::uuid AND lower(p.username) = lower(r.username)
           AND NOT ('removed' = ANY(p.flags))
       ))`,
    [campaign.id, previous],
  );
  if (!previous) return;
  await items.query(
    `INSERT INTO access_review_item
       (organisation_id, access_review_id, username, display_name, email, role, last_login, flags)
     SELECT $2, $1, p.username, p.display_name, p.email, p.role, p.last_login, ARRAY['removed']
     FROM access_review_item p
     WHERE p.access_review_id = $3 AND NOT ('removed' = ANY(p.flags))
       AND NOT EXISTS (
         SELECT 1 FROM access_review_item c
         WHERE c.access_review_id = $1 AND lower(c.username) = lower(p.username)
       )`,
    [campaign.id, campaign.organisationId, previous],
  );
}
