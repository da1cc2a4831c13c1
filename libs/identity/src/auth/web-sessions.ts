import { unscoped } from '@vigie/authz';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vigie/core';
import { DataSource, EntityManager } from 'typeorm';
import { TOKEN_SETTINGS, TokenSettings } from './token.service';
import { WebSession } from './web-session.entity';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'vigie_session';
/** Header that carries the CSRF token of a cookie-authenticated mutation. */
export const CSRF_HEADER = 'x-csrf-token';

/** A session found from its cookie. */
export interface ActiveSession {
  id: string;
  userId: string;
  /** The cookie's secret, to derive the CSRF token. */
  secret: string;
}

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Web sessions: created at sign-in, found from the cookie at each request (which also pushes the idle limit
 * back), ended one by one or all of a user's at once.
 */
@Injectable()
export class WebSessions {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOKEN_SETTINGS) private readonly tokens: TokenSettings,
  ) {}

  /** Sessions are authentication work, before a caller exists or on the caller's own sessions: no subject. */
  private get sessions(): DataSource {
    return unscoped(this.dataSource, 'web sessions, opened, resolved and ended before or beside any caller');
  }

  get absoluteSeconds(): number {
    return this.config.sessionAbsoluteSeconds;
  }

  /**
   * Opens a session; answers the cookie's secret (shown to nobody else, stored only as a hash). A session
   * opened by single sign-on keeps the provider's ID token, the hint of its logout.
   */
  async create(userId: string, oidcIdToken: string | null = null): Promise<ActiveSession> {
    const secret = randomBytes(32).toString('base64url');
    // A user's sessions past their limits go first: the table holds live sessions only, give or take.
    await this.sessions.query(
      `DELETE FROM web_session WHERE user_id = $1 AND (expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $2))`,
      [userId, this.config.sessionIdleSeconds],
    );
    const rows: { id: string }[] = await this.sessions.query(
      `INSERT INTO web_session (token_hash, user_id, expires_at, oidc_id_token)
       VALUES ($1, $2, now() + make_interval(secs => $3), $4) RETURNING id`,
      [hashOf(secret), userId, this.config.sessionAbsoluteSeconds, oidcIdToken],
    );
    return { id: rows[0].id, userId, secret };
  }

  /** The live session of a cookie's secret, its idle limit pushed back; null when unknown, ended or expired. */
  async resolve(secret: string): Promise<ActiveSession | null> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(secret)) return null;
    const rows: { id: string; user_id: string }[] = await this.sessions.query(
      `UPDATE web_session SET last_seen_at = now()
        WHERE token_hash = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(secs => $2)
        RETURNING id, user_id`,
      [hashOf(secret), this.config.sessionIdleSeconds],
    );
    // pg answers [rows, count] for an UPDATE … RETURNING through TypeORM's query().
    const found = (Array.isArray(rows[0]) ? rows[0] : rows) as { id: string; user_id: string }[];
    return found[0] ? { id: found[0].id, userId: found[0].user_id, secret } : null;
  }

  /** Ends a session; answers the provider's ID token when single sign-on opened it. */
  async end(sessionId: string): Promise<{ oidcIdToken: string | null }> {
    const rows: unknown[] = await this.sessions.query(
      'DELETE FROM web_session WHERE id = $1 RETURNING oidc_id_token',
      [sessionId],
    );
    // pg answers [rows, count] for a DELETE … RETURNING through TypeORM's query().
    const found = (Array.isArray(rows[0]) ? rows[0] : rows) as { oidc_id_token: string | null }[];
    return { oidcIdToken: found[0]?.oidc_id_token ?? null };
  }

  /** The CSRF token of a session: an HMAC of its secret, so nothing more is stored. */
  csrfToken(session: ActiveSession): string {
    return createHmac('sha256', this.tokens.secret).update(`csrf:${session.secret}`).digest('base64url');
  }

  csrfMatches(session: ActiveSession, candidate: string | undefined): boolean {
    if (!candidate) return false;
    const expected = Buffer.from(this.csrfToken(session));
    const given = Buffer.from(candidate);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/**
 * Ends every session of a user (or all but one), inside the caller's transaction: called when the password
 * changes, the account is disabled or a membership is removed.
 */
export async function endSessionsOf(
  manager: EntityManager,
  userId: string,
  exceptId?: string,
): Promise<void> {
  const query = unscoped(manager, 'ends a user’s own web sessions')
    .createQueryBuilder()
    .delete()
    .from(WebSession)
    .where('user_id = :userId', { userId });
  if (exceptId) query.andWhere('id <> :exceptId', { exceptId });
  await query.execute();
}
