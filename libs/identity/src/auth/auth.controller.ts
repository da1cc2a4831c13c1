import { Body, Controller, Delete, Get, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import type { Request, Response } from 'express';
import { OidcService } from '../oidc/oidc.service';
import { LoginDto } from '../users/user.dto';
import { AuthService, LoginResult, Me } from './auth.service';
import { SESSION_KEY, SessionRequest } from './authentication.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { ChangePasswordDto, LoginResultDto, MeDto } from './session.dto';
import { SESSION_COOKIE, WebSessions } from './web-sessions';
import { WebSignIn } from './web-sign-in';

export class EndedSessionDto {
  @ApiProperty({
    description:
      "A session opened by single sign-on: the provider's end-session URL (with id_token_hint), where the browser goes next",
  })
  endSessionUrl: string;
}

@ApiTags('Authentication')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    private readonly webSignIn: WebSignIn,
    private readonly oidc: OidcService,
  ) {}

  @Post('login')
  @UseGuards(LoginThrottlerGuard)
  @Endpoint('Sign in with email and password; answers a short-lived bearer token', 'public')
  @ApiOkResponse({ type: LoginResultDto })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @Endpoint('The signed-in user and their memberships (with a web session, its CSRF token)', 'signed-in')
  @ApiOkResponse({ type: MeDto })
  me(@Ctx() ctx: RequestContext, @Req() request: SessionRequest): Me {
    const session = request[SESSION_KEY];
    const me = this.auth.me(ctx.requireActor());
    return session ? { ...me, csrfToken: this.sessions.csrfToken(session) } : me;
  }

  @Post('session')
  @UseGuards(LoginThrottlerGuard)
  @Endpoint(
    'Sign in the web application: sets an httpOnly, SameSite=Strict session cookie; answers like /auth/me with the CSRF token',
    'public',
  )
  @ApiOkResponse({ type: MeDto })
  async createSession(
    @Body() dto: LoginDto,
    @Ip() ip: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Me> {
    this.webSignIn.refuseCrossSite(request);
    const user = await this.auth.verifyCredentials(dto.email, dto.password, ip);
    return this.webSignIn.open(user.id, request, response);
  }

  @Delete('session')
  @ApiCookieAuth()
  @Endpoint(
    "Sign out of the web application: ends the session and clears its cookie; a session opened by single sign-on answers 200 with the provider's end-session URL",
    'signed-in',
    204,
  )
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiOkResponse({ type: EndedSessionDto, description: 'Signed out of Vigie; the provider’s logout next' })
  async endSession(
    @Req() request: SessionRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EndedSessionDto | void> {
    const session = request[SESSION_KEY];
    const ended = session ? await this.sessions.end(session.id) : undefined;
    response.clearCookie(SESSION_COOKIE, this.webSignIn.cookieOptions(request));
    if (ended?.oidcIdToken && this.oidc.settings) {
      const endSessionUrl = await this.oidc.logoutUrl(ended.oidcIdToken).catch(() => null);
      if (endSessionUrl) {
        response.status(200);
        return { endSessionUrl };
      }
    }
  }

  @Post('password')
  @ApiBearerAuth()
  @ApiCookieAuth()
  @Endpoint("Change one's own password; ends one's other web sessions", 'signed-in', 204)
  async changePassword(
    @Ctx() ctx: RequestContext,
    @Body() dto: ChangePasswordDto,
    @Ip() ip: string,
    @Req() request: SessionRequest,
  ): Promise<void> {
    await this.auth.changePassword(ctx, dto.currentPassword, dto.newPassword, ip, request[SESSION_KEY]?.id);
  }
}
