import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  UseGuards,
} from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';
import { TooManyRequestsException } from '../errors/domain.exception';

/** A counter's state after a hit: hits in the current window and milliseconds until it ends. */
export interface Counter {
  hits: number;
  resetInMs: number;
}

/** Hits between two sweeps of the windows that have ended. */
const SWEEP_EVERY = 1000;

/**
 * Fixed-window counters kept in the database (`rate_limit_counter`), so that every API instance on the same
 * database counts the same hits: the failed sign-ins, the rate limits of the login and link routes, and the
 * per-user limit of the expensive routes. One statement per hit (an upsert), atomic across instances.
 */
@Injectable()
export class RateLimits {
  private sinceSweep = 0;

  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit on `key`; a window of `windowMs` starts with the first hit after the previous one ended. */
  async hit(key: string, windowMs: number): Promise<Counter> {
    this.sinceSweep += 1;
    if (this.sinceSweep >= SWEEP_EVERY) {
      this.sinceSweep = 0;
      await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE reset_at < now()`);
    }
    const rows: { hits: number; resetInMs: number }[] = await this.dataSource.query(
      `INSERT INTO rate_limit_counter AS c (key, hits, reset_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.hits + 1 END,
         reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
       RETURNING hits, GREATEST(0, EXTRACT(EPOCH FROM (reset_at - now())) * 1000)::float8 AS "resetInMs"`,
      [key, windowMs],
    );
    return { hits: Number(rows[0].hits), resetInMs: Number(rows[0].resetInMs) };
  }

  /** The current window of `key`, if one is running. */
  async current(key: string): Promise<Counter | undefined> {
    const rows: { hits: number; resetInMs: number }[] = await this.dataSource.query(
      `SELECT hits, EXTRACT(EPOCH FROM (reset_at - now())) * 1000 AS "resetInMs"
       FROM rate_limit_counter WHERE key = $1 AND reset_at > now()`,
      [key],
    );
    return rows[0] ? { hits: Number(rows[0].hits), resetInMs: Number(rows[0].resetInMs) } : undefined;
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM rate_limit_counter WHERE key = $1`, [key]);
  }
}

/** The storage of `@nestjs/throttler` on {@link RateLimits}: the login and link routes' limits, shared. */
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly limits: RateLimits) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const counter = await this.limits.hit(`throttle:${throttlerName}:${key}`, ttl);
    const seconds = Math.max(1, Math.ceil(counter.resetInMs / 1000));
    const isBlocked = counter.hits > limit;
    return {
      totalHits: counter.hits,
      timeToExpire: seconds,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds : 0,
    };
  }
}

/** Property of the Express request where the authentication guard leaves the caller's context (authz). */
const CONTEXT_KEY = 'vigieContext';
const EXPENSIVE_WINDOW_MS = 60_000;

/**
 * Per-user limit of the expensive routes (imports, PDF and spreadsheet exports): `VIGIE_EXPENSIVE_PER_MINUTE`
 * requests a minute per user, counted in the database across instances; past it, 429 with `Retry-After`.
 */
@Injectable()
export class ExpensiveRouteGuard implements CanActivate {
  constructor(
    private readonly limits: RateLimits,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const request = execution.switchToHttp().getRequest<Record<string, unknown>>();
    const ctx = request[CONTEXT_KEY];
    const userId = ctx instanceof RequestContext ? ctx.userId : null;
    // Anonymous callers are refused by the authentication guard before this one.
    if (!userId) return true;
    const counter = await this.limits.hit(`expensive:${userId}`, EXPENSIVE_WINDOW_MS);
    if (counter.hits > this.config.expensivePerMinute) {
      const seconds = Math.max(1, Math.ceil(counter.resetInMs / 1000));
      throw new TooManyRequestsException(
        `Trop d’imports ou d’exports demandés (au plus ${this.config.expensivePerMinute} par minute) ; réessayez dans ${seconds} secondes`,
        seconds,
      );
    }
    return true;
  }
}

/** Marks an expensive route (import, PDF or spreadsheet export): limited per user, see {@link ExpensiveRouteGuard}. */
export function Expensive(): MethodDecorator {
  return applyDecorators(UseGuards(ExpensiveRouteGuard));
}
