import { Body, Controller, Delete, Get, Inject, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, Public } from '@vigie/authz';
import { APP_CONFIG, AppConfig, Endpoint, ForbiddenActionException, RequestContext } from '@vigie/core';
import type { Request, Response } from 'express';
import { LoginDto } from '../users/user.dto';
import { AuthService, LoginResult, Me } from './auth.service';
import { isCrossSite, SESSION_KEY, SessionRequest } from './authentication.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { ChangePasswordDto, LoginResultDto, MeDto } from './session.dto';
import { SESSION_COOKIE, WebSessions } from './web-sessions';

@ApiTags('Authentication')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Endpoint('Sign in with email and password; answers a short-lived bearer token')
  @ApiOkResponse({ type: LoginResultDto })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @Endpoint('The signed-in user and their memberships (with a web session, its CSRF token)')
  @ApiOkResponse({ type: MeDto })
  me(@Ctx() ctx: RequestContext, @Req() request: SessionRequest): Me {
    const session = request[SESSION_KEY];
    const me = this.auth.me(ctx.requireActor());
    return session ? { ...me, csrfToken: this.sessions.csrfToken(session) } : me;
  }

  @Post('session')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Endpoint(
    'Sign in the web application: sets an httpOnly, SameSite=Strict session cookie; answers like /auth/me with the CSRF token',
  )
  @ApiOkResponse({ type: MeDto })
  async createSession(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Me> {
    if (isCrossSite(request)) throw new ForbiddenActionException('Cross-site request refused');
    const user = await this.auth.verifyCredentials(dto.email, dto.password, ip);
    const session = await this.sessions.create(user.id);
    response.cookie(SESSION_COOKIE, session.secret, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookie(request),
      path: '/',
      maxAge: this.sessions.absoluteSeconds * 1000,
    });
    const actor = await this.auth.actorOf(user.id);
    return { ...this.auth.me(actor), csrfToken: this.sessions.csrfToken(session) };
  }

  @Delete('session')
  @ApiCookieAuth()
  @Endpoint('Sign out of the web application: ends the session and clears its cookie', 204)
  async endSession(
    @Req() request: SessionRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const session = request[SESSION_KEY];
    if (session) await this.sessions.end(session.id);
    response.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookie(request),
      path: '/',
    });
  }

  @Post('password')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @Endpoint("Change one's own password; ends one's other web sessions", 204)
  async changePassword(
    @Ctx() ctx: RequestContext,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
    @Req() request: SessionRequest,
  ): Promise<void> {
    await this.auth.changePassword(ctx, dto.currentPassword, dto.newPassword, ip, request[SESSION_KEY]?.id);
  }

  /** `Secure` behind HTTPS: the request came over TLS (or a trusted proxy says so), or the public URL is https. */
  private secureCookie(request: Request): boolean {
    return request.secure || (this.config.publicUrl?.startsWith('https:') ?? false);
  }
}
