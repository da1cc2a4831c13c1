import { Body, Controller, Delete, Get, Ip, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx, Public } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import type { Request, Response } from 'express';
import { LoginDto } from '../users/user.dto';
import { AuthService, LoginResult, Me } from './auth.service';
import { SESSION_KEY, SessionRequest } from './authentication.guard';
import { LoginThrottlerGuard } from './login-throttler.guard';
import { ChangePasswordDto, LoginResultDto, MeDto } from './session.dto';
import { SESSION_COOKIE, WebSessions } from './web-sessions';
import { WebSignIn } from './web-sign-in';

@ApiTags('Authentication')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    private readonly webSignIn: WebSignIn,
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
    this.webSignIn.refuseCrossSite(request);
    const user = await this.auth.verifyCredentials(dto.email, dto.password, ip);
    return this.webSignIn.open(user.id, request, response);
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
    response.clearCookie(SESSION_COOKIE, this.webSignIn.cookieOptions(request));
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
}
