import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, RateLimits, TooManyRequestsException } from '@vigie/core';

/**
 * Counts failed sign-ins per client address and email within a window: past the limit, that pair answers 429
 * until the window ends, whether the password is right or not. A success clears the count. Kept in the
 * database (`rate_limit_counter`), so that every API instance on it enforces the same limit.
 */
@Injectable()
export class LoginFailures {
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly limits: RateLimits,
  ) {
    this.limit = config.loginAttemptLimit;
    this.windowMs = config.loginWindowSeconds * 1000;
  }

  /** 429 when this address has failed too often for this email lately. */
  async assertAllowed(ip: string, email: string): Promise<void> {
    const window = await this.limits.current(key(ip, email));
    if (window && window.hits >= this.limit) {
      const seconds = Math.max(1, Math.ceil(window.resetInMs / 1000));
      throw new TooManyRequestsException(
        `Trop de connexions échouées ; réessayez dans ${seconds} secondes`,
        seconds,
      );
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await this.limits.hit(key(ip, email), this.windowMs);
  }

  async recordSuccess(ip: string, email: string): Promise<void> {
    await this.limits.clear(key(ip, email));
  }
}

function key(ip: string, email: string): string {
  return `login-failures:${ip}|${email.trim().toLowerCase()}`;
}
