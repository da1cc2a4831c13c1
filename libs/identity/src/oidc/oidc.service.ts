import { unscoped } from '@vigie/authz';
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, OidcConfig } from '@vigie/core';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { cookieValue, SESSION_KEY, SessionRequest } from '../auth/authentication.guard';
import { SESSION_COOKIE, WebSessions } from '../auth/web-sessions';
import { WebSignIn } from '../auth/web-sign-in';
import { OidcAccounts, OidcClaims, OidcRefusal } from './oidc-accounts';
import { OidcConfiguration, openidClient } from './openid-client';

/** Path of the callback under the public address: the redirect URI given to the provider. */
export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
/** Where the provider sends the browser back after its logout: the sign-in page. */
export const OIDC_POST_LOGOUT_PATH = '/connexion';
/** The cookie that binds a pending sign-in to the browser that started it. */
export const OIDC_PENDING_COOKIE = 'vigie_oidc';
/** A pending sign-in lasts this long (the person signs in at the provider meanwhile). */
const PENDING_SECONDS = 600;
/** Scopes asked for when the provider offers them (ProConnect names its claims' scopes after them). */
const OPTIONAL_SCOPES = ['given_name', 'usual_name', 'siret', 'uid', 'profile'];

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
/** 32 random bytes: 43 characters of base64url (state, nonce, PKCE verifier, browser binding). */
const random = () => randomBytes(32).toString('base64url');

/** What the callback ends with: a session opened, or a refusal to show. */
export type OidcOutcome = { signedIn: true } | { signedIn: false; refusal: OidcRefusal };

/**
 * The relying party: discovery from `VIGIE_OIDC_ISSUER`, authorization code flow with PKCE, `state` and
 * `nonce` kept server-side with the pending sign-in, the ID token's and the signed userinfo's signatures
 * checked against the provider's keys, and the logout at the provider's end-session endpoint.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('SingleSignOn');
  private discovered?: Promise<OidcConfiguration>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly accounts: OidcAccounts,
    private readonly sessions: WebSessions,
    private readonly webSignIn: WebSignIn,
  ) {}

  get settings(): OidcConfig | undefined {
    return this.config.oidc;
  }

  get redirectUri(): string {
    return this.config.publicUrl + OIDC_CALLBACK_PATH;
  }

  get postLogoutRedirectUri(): string {
    return this.config.publicUrl + OIDC_POST_LOGOUT_PATH;
  }

  /** The provider's metadata, read once (again after a failure, e.g. the provider was down). */
  private async configuration(): Promise<OidcConfiguration> {
    const settings = this.settings;
    if (!settings) throw new Error('single sign-on is not configured');
    this.discovered ??= (async () => {
      const client = await openidClient();
      const issuer = new URL(settings.issuer);
      const configuration = await client.discovery(
        issuer,
        settings.clientId,
        { client_secret: settings.clientSecret },
        client.ClientSecretPost(settings.clientSecret),
        // Plain http is accepted on the loopback address only (validated with the configuration).
        issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      );
      // Check the signatures of the ID token and of a signed userinfo against the provider's keys.
      client.enableNonRepudiationChecks(configuration);
      return configuration;
    })();
    try {
      return await this.discovered;
    } catch (error) {
      this.discovered = undefined;
      throw error;
    }
  }

  /**
   * Starts a sign-in: stores its state, nonce and PKCE verifier, binds it to the browser by a cookie, and
   * answers the provider's authorization URL.
   */
  async start(request: Request, response: Response): Promise<string> {
    const configuration = await this.configuration();
    const client = await openidClient();
    const browserSecret = random();
    const state = random();
    const nonce = random();
    const codeVerifier = client.randomPKCECodeVerifier();
    const pending = unscoped(
      this.dataSource,
      'pending sign-ins are tied to a browser before any user is known (the expired ones belong to no one)',
    );
    await pending.query(`DELETE FROM oidc_pending_login WHERE expires_at <= now()`);
    await pending.query(
      `INSERT INTO oidc_pending_login (browser_hash, state, nonce, code_verifier, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [sha256(browserSecret), state, nonce, codeVerifier, PENDING_SECONDS],
    );
    response.cookie(OIDC_PENDING_COOKIE, browserSecret, {
      httpOnly: true,
      // The provider sends the browser back with a top-level GET from its own site: Strict would drop it.
      sameSite: 'lax',
      secure: this.webSignIn.cookieOptions(request).secure,
      path: '/api/v1/auth/oidc',
      maxAge: PENDING_SECONDS * 1000,
    });
    const offered = configuration.serverMetadata().scopes_supported ?? [];
    const scope = ['openid', 'email', ...OPTIONAL_SCOPES.filter((s) => offered.includes(s))].join(' ');
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        scope,
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      })
      .toString();
  }

  /**
   * The provider's answer: the pending sign-in of this browser (deleted, used once whatever happens), the
   * code exchanged with its checks, the person matched to a Vigie user, and a new session. A refusal changes
   * nothing (the browser's current session, if any, stays as it was).
   */
  async finish(request: SessionRequest, response: Response): Promise<OidcOutcome> {
    const refuse = (refusal: OidcRefusal, detail?: string): OidcOutcome => {
      // Neither token nor e-mail address in the log: the reason, the request and, when known, the user id.
      this.logger.warn(
        `single sign-on refused: ${refusal.reason}${detail ? ` (${detail})` : ''} [request ${String(request.id ?? '-')}]`,
      );
      return { signedIn: false, refusal };
    };
    const browserSecret = cookieValue(request, OIDC_PENDING_COOKIE);
    response.clearCookie(OIDC_PENDING_COOKIE, { path: '/api/v1/auth/oidc' });
    const pending = browserSecret ? await this.takePending(browserSecret) : undefined;
    if (!pending) return refuse({ reason: 'no-pending-login' });
    const query = request.originalUrl.includes('?')
      ? request.originalUrl.slice(request.originalUrl.indexOf('?'))
      : '';
    const params = new URLSearchParams(query);
    if (params.get('error')) return refuse({ reason: 'provider-error' }, params.get('error') ?? undefined);

    const client = await openidClient();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    let claims: OidcClaims;
    try {
      const configuration = await this.configuration();
      // The exact redirect URI, whatever Host header the request came with.
      const currentUrl = new URL(this.redirectUri + query);
      tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims || !tokens.id_token) return refuse({ reason: 'invalid-response' }, 'no ID token');
      const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...idClaims, ...userinfo, iss: idClaims.iss, sub: idClaims.sub } as OidcClaims;
    } catch (error) {
      const code = (error as { code?: string; error?: string }).error ?? (error as { code?: string }).code;
      return refuse({ reason: 'invalid-response' }, code ?? (error as Error).name);
    }

    const matched = await this.accounts.match(claims, request.id ? String(request.id) : null);
    if ('refusal' in matched)
      return refuse(matched.refusal, matched.userId ? `user ${matched.userId}` : undefined);

    const previous = request[SESSION_KEY] ?? (await this.currentSession(request));
    await this.webSignIn.open(matched.userId, request, response, { oidcIdToken: tokens.id_token });
    if (previous) await this.sessions.end(previous.id);
    this.logger.log(`single sign-on: user ${matched.userId} signed in`);
    return { signedIn: true };
  }

  /** The end-session URL of the provider for a session opened by it (`id_token_hint`), or null. */
  async logoutUrl(idToken: string): Promise<string | null> {
    const configuration = await this.configuration();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const client = await openidClient();
    return client
      .buildEndSessionUrl(configuration, {
        id_token_hint: idToken,
        post_logout_redirect_uri: this.postLogoutRedirectUri,
        state: random(),
      })
      .toString();
  }

  private async takePending(
    browserSecret: string,
  ): Promise<{ state: string; nonce: string; code_verifier: string } | undefined> {
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(browserSecret)) return undefined;
    const rows: unknown[] = await unscoped(
      this.dataSource,
      'a pending sign-in is taken back by its browser, before any user is known',
    ).query(
      `DELETE FROM oidc_pending_login WHERE browser_hash = $1 RETURNING state, nonce, code_verifier, expires_at > now() AS live`,
      [sha256(browserSecret)],
    );
    // pg answers [rows, count] for a DELETE … RETURNING through TypeORM's query().
    const found = (Array.isArray(rows[0]) ? rows[0] : rows) as {
      state: string;
      nonce: string;
      code_verifier: string;
      live: boolean;
    }[];
    return found[0]?.live ? found[0] : undefined;
  }

  /** The browser's current web session (the callback is public: the guard did not look for it). */
  private async currentSession(request: Request) {
    const secret = cookieValue(request, SESSION_COOKIE);
    return secret ? this.sessions.resolve(secret) : null;
  }
}
