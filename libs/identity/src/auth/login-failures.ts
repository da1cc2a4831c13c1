import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, TooManyRequestsException } from '@vigie/core';

interface Window {
  failures: number;
  resetAt: number;
}

const SWEEP_THRESHOLD = 10_000;

/**
 * Counts failed sign-ins per client address and email within a window: past the limit, that pair answers 429
 * until the window ends, whether the password is right or not. A success clears the count. Kept in memory
 * per API instance (see OPERATIONS.md for several instances).
 */
@Injectable()
export class LoginFailures {
  private readonly windows = new Map<string, Window>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = config.loginAttemptLimit;
    this.windowMs = config.loginWindowSeconds * 1000;
  }

  /** 429 when this address has failed too often for this email lately. */
  assertAllowed(ip: string, email: string, now = Date.now()): void {
    const window = this.windows.get(key(ip, email));
    if (window && window.resetAt > now && window.failures >= this.limit) {
      throw new TooManyRequestsException(
        `Trop de connexions échouées ; réessayez dans ${Math.ceil((window.resetAt - now) / 1000)} secondes`,
      );
    }
  }

  recordFailure(ip: string, email: string, now = Date.now()): void {
    if (this.windows.size > SWEEP_THRESHOLD) this.sweep(now);
    const k = key(ip, email);
    const window = this.windows.get(k);
    if (!window || window.resetAt <= now) this.windows.set(k, { failures: 1, resetAt: now + this.windowMs });
    else window.failures += 1;
  }

  recordSuccess(ip: string, email: string): void {
    this.windows.delete(key(ip, email));
  }

  private sweep(now: number): void {
    for (const [k, window] of this.windows) if (window.resetAt <= now) this.windows.delete(k);
  }
}

function key(ip: string, email: string): string {
  return `${ip}|${email.trim().toLowerCase()}`;
}
