import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, ForbiddenActionException } from '@vigie/core';
import type { Request, Response } from 'express';
import { AuthService, Me } from './auth.service';
import { isCrossSite } from './authentication.guard';
import { SESSION_COOKIE, WebSessions } from './web-sessions';

/**
 * Opens the web session of a user who has just proved who they are (password, or an e-mailed sign-in link):
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

  async open(userId: string, request: Request, response: Response): Promise<Me> {
    const session = await this.sessions.create(userId);
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
