import { unscoped } from '@vigie/authz';
import { EntityManager } from 'typeorm';

/**
 * Recomputes, in SQL over a campaign's whole list, the `orphan` flag from the member's directory of agents: an
 * account is an orphan when no agent of the directory matches it (same email, or a username that is the
 * agent's email), or when the agent it matches has left. A suspended agent is still an agent: not an orphan.
 * With no directory imported, orphans cannot be told and none is flagged; the campaign records which import
 * the flags were computed from (`agent_directory_at`, null without a directory).
 */
export async function refreshOrphans(
  manager: EntityManager,
  campaign: { id: string; organisationId: string },
): Promise<Date | null> {
  const ofCampaign = unscoped(
    manager,
    'writes on a campaign already found visible (its items’ orphan flags, its directory date), from its member’s whole directory',
  );
  const [{ at }]: { at: Date | null }[] = await ofCampaign.query(
    'SELECT max(imported_at) AS at FROM agent_directory_entry WHERE organisation_id = $1',
    [campaign.organisationId],
  );
  await ofCampaign.query(
    `UPDATE access_review_item i
     SET flags = array_remove(i.flags, 'orphan')
       || CASE WHEN $2::timestamptz IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM agent_directory_entry a
            WHERE a.organisation_id = i.organisation_id AND a.status <> 'left'
              AND (a.email = lower(i.email) OR a.email = lower(i.username))
          ) THEN ARRAY['orphan'] ELSE ARRAY[]::text[] END
     WHERE i.access_review_id = $1 AND NOT ('removed' = ANY(i.flags))`,
    [campaign.id, at],
  );
  await ofCampaign.query('UPDATE access_review SET agent_directory_at = $2 WHERE id = $1', [campaign.id, at]);
  return at;
}
