import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import { MeDto, WebSignIn } from '@vigie/identity';
import type { Me, UserView } from '@vigie/identity';
import type { Request, Response } from 'express';
import { EmailDto, InviteUserDto, NewPasswordDto, TokenDto } from './account.dto';
import {
  AccountLinksService,
  LINK_REQUESTED,
  SignInResult,
  VendorContactInvitation,
} from './account-links.service';
import { LinkThrottlerGuard } from './link-throttler.guard';

@ApiTags('Accounts by e-mail')
@Controller()
export class AccountsController {
  constructor(
    private readonly links: AccountLinksService,
    private readonly webSignIn: WebSignIn,
  ) {}

  @Post('users/invitations')
  @ApiBearerAuth()
  @Endpoint(
    'Invite a new user (administrator): e-mails a single-use link to choose a password, valid 7 days',
    { action: 'create', subject: 'User' },
    201,
  )
  invite(
    @Ctx() ctx: RequestContext,
    @Body() dto: InviteUserDto,
  ): Promise<UserView & { invitation: { expiresAt: Date; emailSent: boolean } }> {
    return this.links.invite(ctx, dto);
  }

  @Post('users/:id/invitation')
  @ApiBearerAuth()
  @Endpoint('Send a new invitation link to a user who has not chosen a password yet (administrator)', {
    action: 'update',
    subject: 'User',
  })
  reinvite(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ expiresAt: Date; emailSent: boolean }> {
    return this.links.reinvite(ctx, id);
  }

  @Post('vendors/:id/contacts')
  @ApiBearerAuth()
  @Endpoint(
    'Invite a new contact of a vendor (security officer, administrator): an account with the vendor-contact role and its invitation link',
    { action: 'create', subject: 'VendorContact' },
    201,
  )
  inviteVendorContact(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InviteUserDto,
  ): Promise<VendorContactInvitation> {
    return this.links.inviteVendorContact(ctx, id, dto);
  }

  @Post('auth/invitation/accept')
  @UseGuards(LinkThrottlerGuard)
  @Endpoint('Choose one’s password with the invitation link (single use)', 'public', 204)
  async acceptInvitation(@Body() dto: NewPasswordDto): Promise<void> {
    await this.links.acceptInvitation(dto.token, dto.newPassword);
  }

  @Post('auth/password-reset')
  @UseGuards(LinkThrottlerGuard)
  @Endpoint(
    '« Mot de passe oublié »: e-mails a link valid 30 minutes; the same answer for any address',
    'public',
    202,
  )
  requestReset(@Body() dto: EmailDto): Promise<typeof LINK_REQUESTED> {
    return this.links.requestPasswordReset(dto.email);
  }

  @Post('auth/password-reset/confirm')
  @UseGuards(LinkThrottlerGuard)
  @Endpoint('Choose a new password with the reset link (single use, 30 minutes)', 'public', 204)
  async confirmReset(@Body() dto: NewPasswordDto): Promise<void> {
    await this.links.confirmPasswordReset(dto.token, dto.newPassword);
  }

  @Post('auth/sign-in-link')
  @UseGuards(LinkThrottlerGuard)
  @Endpoint(
    'A vendor contact asks for a sign-in link by e-mail (15 minutes); the same answer for any address',
    'public',
    202,
  )
  requestSignInLink(@Body() dto: EmailDto): Promise<typeof LINK_REQUESTED> {
    return this.links.requestSignInLink(dto.email);
  }

  @Post('auth/sign-in-link/confirm')
  @UseGuards(LinkThrottlerGuard)
  @Endpoint('Sign in with the e-mailed link (single use); answers a bearer token like /auth/login', 'public')
  signIn(@Body() dto: TokenDto): Promise<SignInResult> {
    return this.links.signInWithLink(dto.token);
  }

  @Post('auth/session/link')
  @UseGuards(LinkThrottlerGuard)
  @Endpoint(
    'Sign in the web application with the e-mailed link (single use): sets the session cookie like POST /auth/session',
    'public',
  )
  @ApiOkResponse({ type: MeDto })
  async openSession(
    @Body() dto: TokenDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Me> {
    this.webSignIn.refuseCrossSite(request);
    const user = await this.links.consumeSignInLink(dto.token);
    return this.webSignIn.open(user.id, request, response);
  }
}
