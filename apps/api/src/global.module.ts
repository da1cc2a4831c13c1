import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, ExpensiveRouteGuard, RateLimits, WorkerPool } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { TOKEN_SETTINGS } from '@vigie/identity';
import type { Runtime } from './app.module';

/** Providers every capability module may inject: the configuration, token settings and transactions. */
@Global()
@Module({})
export class GlobalModule {
  static register(runtime: Runtime): DynamicModule {
    return {
      module: GlobalModule,
      providers: [
        { provide: APP_CONFIG, useValue: runtime.config },
        {
          provide: TOKEN_SETTINGS,
          useValue: { secret: runtime.jwtSecret, ttlSeconds: runtime.config.tokenTtlSeconds },
        },
        Transactions,
        RateLimits,
        ExpensiveRouteGuard,
        {
          provide: WorkerPool,
          useFactory: () =>
            WorkerPool.open({ threads: runtime.config.workerThreads, queue: runtime.config.workerQueue }),
        },
      ],
      exports: [APP_CONFIG, TOKEN_SETTINGS, Transactions, WorkerPool, RateLimits, ExpensiveRouteGuard],
    };
  }
}
