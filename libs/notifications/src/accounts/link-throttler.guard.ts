import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limit of the routes that e-mail a link or use one, per client address (the `login` throttler of the
 * application): slows down probing addresses or guessing tokens. Links per address are limited separately.
 */
@Injectable()
export class LinkThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    return String(request.ip);
  }
}
