import { Body, Controller, Get, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx, Public } from '@vigie/authz';
import { Endpoint, RequestContext } from '@vigie/core';
import { LoginDto } from '../users/user.dto';
import { AuthService, LoginResult, Me } from './auth.service';
import { LoginThrottlerGuard } from './login-throttler.guard';

@ApiTags('Authentication')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Endpoint('Sign in with email and password; answers a short-lived bearer token')
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Get('me')
  @ApiBearerAuth()
  @Endpoint('The signed-in user and their memberships')
  me(@Ctx() ctx: RequestContext): Me {
    return this.auth.me(ctx.requireActor());
  }
}
