import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limit of the login route per client address, whatever the outcome: slows down spraying passwords over
 * many accounts from one address. Failures per account are limited separately by `LoginFailures`.
 */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return String(request.ip);
  }
}
