import { findVisibleOrFail } from '@vigie/authz';
import { ConflictException, RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { AccessReview, CampaignStatus } from './access-review.entity';

/** A campaign the caller may read (404 otherwise, exactly as for an unknown id); `lock` before a change. */
export function loadCampaign(
  manager: EntityManager,
  ctx: RequestContext,
  id: string,
  options: { lock?: boolean } = {},
): Promise<AccessReview> {
  return findVisibleOrFail(manager, ctx, 'AccessReview', AccessReview, id, {
    lock: options.lock,
    label: 'Access review',
  });
}

const STATUS_TEXT: Record<CampaignStatus, string> = {
  draft: 'en brouillon',
  open: 'ouverte',
  closed: 'close',
  remediated: 'remédiée',
};

/** 409 unless the campaign is in one of these statuses. */
export function assertStatus(campaign: AccessReview, allowed: CampaignStatus[], action: string): void {
  if (!allowed.includes(campaign.status)) {
    throw new ConflictException(
      `La revue des habilitations est ${STATUS_TEXT[campaign.status]} : ${action} suppose qu’elle soit ${allowed
        .map((s) => STATUS_TEXT[s])
        .join(' ou ')}`,
      'state',
    );
  }
}
