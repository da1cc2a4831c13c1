import { Controller, Get, Logger, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Endpoint, NotFoundException } from '@vigie/core';
import type { Response } from 'express';
import type { SessionRequest } from '../auth/authentication.guard';
import { OidcService } from './oidc.service';
import { REFUSAL_PAGE_CSP, RefusalReason, refusalStatus, renderRefusalPage } from './refusal-page';

export class OidcSettingsDto {
  @ApiProperty({ description: 'Whether single sign-on (OpenID Connect) is configured' })
  enabled: boolean;

  @ApiPropertyOptional({
    example: 'ProConnect',
    description: 'The name on the button « Se connecter avec <label> » (VIGIE_OIDC_LABEL)',
  })
  label?: string;

  @ApiPropertyOptional({
    example: '/api/v1/auth/oidc/login',
    description: 'Where the browser goes to sign in with the provider',
  })
  loginUrl?: string;
}

function sendRefusal(response: Response, reason: RefusalReason): void {
  response.setHeader('Content-Security-Policy', REFUSAL_PAGE_CSP);
  response.status(refusalStatus(reason)).type('text/html; charset=utf-8').send(renderRefusalPage(reason));
}

/** Single sign-on with the OpenID Provider of `VIGIE_OIDC_ISSUER` (e.g. ProConnect), for the web application. */
@ApiTags('Authentication')
@Controller('auth/oidc')
export class OidcController {
  private readonly logger = new Logger('SingleSignOn');

  constructor(private readonly oidc: OidcService) {}

  @Get('config')
  @Endpoint('Whether single sign-on is configured, and the name of its button (public)', 'public')
  @ApiOkResponse({ type: OidcSettingsDto })
  settings(): OidcSettingsDto {
    const settings = this.oidc.settings;
    return settings
      ? { enabled: true, label: settings.label, loginUrl: '/api/v1/auth/oidc/login' }
      : { enabled: false };
  }

  @Get('login')
  @Endpoint(
    "Start a single sign-on: redirects the browser to the provider's authorization endpoint",
    'public',
    302,
  )
  @ApiFoundResponse({ description: 'To the provider' })
  @ApiProduces('text/html')
  async login(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    if (!this.oidc.settings) throw new NotFoundException('Connexion unique');
    let url: string;
    try {
      url = await this.oidc.start(request, response);
    } catch (error) {
      this.logger.error(`single sign-on: the provider's discovery failed (${(error as Error).message})`);
      sendRefusal(response, 'provider-unavailable');
      return;
    }
    response.redirect(302, url);
  }

  @Get('callback')
  @Endpoint(
    "The provider's redirect URI (VIGIE_PUBLIC_URL + /api/v1/auth/oidc/callback): opens the session and goes to the application, or shows why not",
    'public',
    302,
  )
  @ApiFoundResponse({ description: 'Signed in: to the application' })
  @ApiProduces('text/html')
  async callback(@Req() request: SessionRequest, @Res() response: Response): Promise<void> {
    if (!this.oidc.settings) throw new NotFoundException('Connexion unique');
    const outcome = await this.oidc.finish(request, response);
    if (outcome.signedIn) response.redirect(302, '/');
    else sendRefusal(response, outcome.refusal.reason);
  }
}
