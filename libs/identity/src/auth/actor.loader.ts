import { unscoped } from '@vigie/authz';
import { Inject, Injectable } from '@nestjs/common';
import { Actor, APP_CONFIG, AppConfig, OrganisationKind, PARIS_TIME_ZONE } from '@vigie/core';
import { DataSource } from 'typeorm';

interface ActorRow {
  id: string;
  email: string;
  display_name: string;
  disabled: boolean;
  session_version: number;
  organisation_id: string | null;
  organisation_name: string | null;
  kind: OrganisationKind | null;
  role: string | null;
  ends_on: string | null;
}

const MAX_CACHED_ACTORS = 10_000;

/**
 * Reads a user and their memberships in one query. The answer is kept for `VIGIE_ACTOR_CACHE_MS` (1 s by
 * default, 0 to read at every request): a change made through this instance (account disabled, role given or
 * removed) drops the cached entry at once; on other instances it takes effect within that delay, even for
 * tokens already issued.
 */
@Injectable()
export class ActorLoader {
  private readonly cache = new Map<
    string,
    { found: { actor: Actor; sessionVersion: number } | null; expiresAt: number }
  >();
  private readonly ttlMs: number;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = config.actorCacheMs;
  }

  /**
   * The enabled user with their memberships, or null: unknown, disabled, or a token of an older session
   * version (issued before a password change, a disable or a removed membership). Without a version (a web
   * session, ended in its own table, or a user who has just proved who they are) only the account counts.
   */
  async load(userId: string, sessionVersion?: number): Promise<Actor | null> {
    const found = await this.lookUp(userId);
    if (!found) return null;
    return sessionVersion === undefined || found.sessionVersion === sessionVersion ? found.actor : null;
  }

  private async lookUp(userId: string): Promise<{ actor: Actor; sessionVersion: number } | null> {
    if (this.ttlMs === 0) return this.read(userId);
    const now = Date.now();
    const cached = this.cache.get(userId);
    if (cached && cached.expiresAt > now) return cached.found;
    const found = await this.read(userId);
    if (this.cache.size >= MAX_CACHED_ACTORS) this.cache.clear();
    this.cache.set(userId, { found, expiresAt: now + this.ttlMs });
    return found;
  }

  /** Forgets a user's cached entry, after a change to their account or roles has been committed. */
  invalidate(userId: string): void {
    this.cache.delete(userId);
  }

  private async read(userId: string): Promise<{ actor: Actor; sessionVersion: number } | null> {
    const rows: ActorRow[] = await unscoped(
      this.dataSource,
      'loads the caller’s own actor, before any context exists',
    ).query(
      `SELECT u.id, u.email, u.display_name, u.disabled, u.session_version, m.organisation_id, o.name AS organisation_name, o.kind, m.role,
              to_char(m.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM app_user u
         LEFT JOIN membership m ON m.user_id = u.id
              AND (m.ends_on IS NULL OR m.ends_on >= (now() AT TIME ZONE '${PARIS_TIME_ZONE}')::date)
         LEFT JOIN organisation o ON o.id = m.organisation_id
        WHERE u.id = $1
        ORDER BY o.name, m.role`,
      [userId],
    );
    if (rows.length === 0 || rows[0].disabled) return null;
    const actor: Actor = {
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
          endsOn: row.ends_on,
        })),
    };
    return { actor, sessionVersion: rows[0].session_version };
  }
}
