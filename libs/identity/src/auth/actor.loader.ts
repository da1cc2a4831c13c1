import { Injectable } from '@nestjs/common';
import { Actor, OrganisationKind } from '@vigie/core';
import { DataSource } from 'typeorm';

interface ActorRow {
  id: string;
  email: string;
  display_name: string;
  disabled: boolean;
  organisation_id: string | null;
  organisation_name: string | null;
  kind: OrganisationKind | null;
  role: string | null;
}

/**
 * Reads a user and their memberships in one query, at every request: a disabled account or a removed role
 * takes effect at once, even for tokens already issued.
 */
@Injectable()
export class ActorLoader {
  constructor(private readonly dataSource: DataSource) {}

  async load(userId: string): Promise<Actor | null> {
    const rows: ActorRow[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.disabled, m.organisation_id, o.name AS organisation_name, o.kind, m.role
         FROM app_user u
         LEFT JOIN membership m ON m.user_id = u.id
         LEFT JOIN organisation o ON o.id = m.organisation_id
        WHERE u.id = $1
        ORDER BY o.name, m.role`,
      [userId],
    );
    if (rows.length === 0 || rows[0].disabled) return null;
    return {
      userId: rows[0].id,
      email: rows[0].email,
      displayName: rows[0].display_name,
      memberships: rows
        .filter((row) => row.organisation_id !== null)
        .map((row) => ({
          organisationId: row.organisation_id!,
          organisationName: row.organisation_name!,
          kind: row.kind!,
          role: row.role!,
        })),
    };
  }
}
