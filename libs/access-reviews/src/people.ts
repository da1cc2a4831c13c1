import { unscoped } from '@vigie/authz';
import { Membership, User } from '@vigie/identity';
import { EntityManager } from 'typeorm';

/** A user who holds a role in a member, as access reviews need them. */
export interface MemberPerson {
  userId: string;
  email: string;
  displayName: string;
  role: string;
}

/**
 * The active users of a member (disabled accounts excluded), each once with their most significant role:
 * reviewers are chosen among them and accounts are matched to them by email. The first DPO (earliest
 * membership) is the default reviewer.
 */
export async function memberPeople(
  manager: EntityManager,
  organisationId: string,
): Promise<{
  byEmail: Map<string, MemberPerson>;
  byId: Map<string, MemberPerson>;
  defaultDpo?: MemberPerson;
}> {
  const rows = await unscoped(
    manager,
    'a rule on a member’s memberships (who may review its accounts), not a read of the caller’s: the security officer reads no member’s memberships',
  )
    .createQueryBuilder(Membership, 'm')
    .innerJoin(User, 'u', 'u.id = m.userId')
    .select(['u.id AS "userId"', 'u.email AS email', 'u.display_name AS "displayName"', 'm.role AS role'])
    .where('m.organisationId = :organisationId', { organisationId })
    .andWhere('NOT u.disabled')
    .orderBy(`CASE m.role WHEN 'dpo' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END`)
    .addOrderBy('m.created_at', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getRawMany<MemberPerson>();
  const byEmail = new Map<string, MemberPerson>();
  const byId = new Map<string, MemberPerson>();
  for (const row of rows) {
    if (!byId.has(row.userId)) byId.set(row.userId, row);
    if (!byEmail.has(row.email)) byEmail.set(row.email, row);
  }
  return { byEmail, byId, defaultDpo: rows.find((row) => row.role === 'dpo') };
}
