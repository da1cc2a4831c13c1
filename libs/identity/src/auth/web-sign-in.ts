import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ForbiddenActionException } from '@vigie/core';
import type { Request, Response } from 'express';
import { AuthService, Me } from './auth.service';
import { isCrossSite } from './authentication.guard';
import { SESSION_COOKIE, WebSessions } from './web-sessions';

/**
 * Opens the web session of a user who has just proved who they are (password, e-mailed link, single sign-on):
 * sets the httpOnly, SameSite=Strict cookie and answers like /auth/me with the CSRF token.
 */
@Injectable()
export class WebSignIn {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A cross-site sign-in is refused before anything is checked or used. */
  refuseCrossSite(request: Request): void {
    if (isCrossSite(request)) throw new ForbiddenActionException('Cross-site request refused');
  }

  /**
   * Opens the session. Without `oidcIdToken` (a password, an e-mailed link) the person must not be bound to
   * single sign-on by their organisation's policy (403); with it, the session was opened by the provider.
   */
  async open(
    userId: string,
    request: Request,
    response: Response,
    options: { oidcIdToken?: string } = {},
  ): Promise<Me> {
    if (!options.oidcIdToken && (await this.auth.mustUseSingleSignOn(userId))) {
      throw new ForbiddenActionException(
        'Votre organisme impose la connexion unique : connectez-vous avec le bouton de connexion unique.',
      );
    }
    const session = await this.sessions.create(userId, options.oidcIdToken ?? null);
    response.cookie(SESSION_COOKIE, session.secret, {
      ...this.cookieOptions(request),
      maxAge: this.sessions.absoluteSeconds * 1000,
    });
    const actor = await this.auth.actorOf(userId);
    return { ...this.auth.me(actor), csrfToken: this.sessions.csrfToken(session) };
  }

  /** The cookie's attributes; `Secure` behind HTTPS (the request came over TLS, or the public URL is https). */
  cookieOptions(request: Request) {
    return {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: request.secure || (this.config.publicUrl?.startsWith('https:') ?? false),
      path: '/',
    };
  }
}
