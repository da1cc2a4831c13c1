import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessReviewsModule } from '@vigie/access-reviews';
import {
  AppConfig,
  AuditEvent,
  DatabaseThrottlerStorage,
  ProblemFilter,
  RateLimits,
  requestIdFor,
} from '@vigie/core';
import { dataSourceOptions, DatabaseTarget } from '@vigie/db';
import { BreachesModule } from '@vigie/breaches';
import { CertificationModule } from '@vigie/certification';
import { CatalogModule } from '@vigie/catalog';
import { DocumentsModule } from '@vigie/documents';
import { IdentityModule } from '@vigie/identity';
import { MIGRATIONS } from '@vigie/migrations';
import { PublicationModule } from '@vigie/publication';
import { NotificationsModule } from '@vigie/notifications';
import { RegisterModule } from '@vigie/register';
import { VendorsModule } from '@vigie/vendors';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { HealthController } from './health.controller';
import { GlobalModule } from './global.module';
import { loggerOptions } from './logging';
import { REMINDER_SCANNERS } from './reminders';
import { defaultWebDir, webModule } from './web';

/** Everything the application needs that is decided before Nest starts. */
export interface Runtime {
  config: AppConfig;
  database: DatabaseTarget;
  jwtSecret: string;
}

/** Composition only: the capability modules and the shared infrastructure, configured from the runtime. */
@Module({})
export class AppModule {
  static register(runtime: Runtime): DynamicModule {
    const web = webModule(runtime.config.webDir ?? defaultWebDir());
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerOptions(runtime.config, requestIdFor)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(runtime.database, [AuditEvent], MIGRATIONS),
          autoLoadEntities: true,
        }),
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          // Counted in the database: every instance on it enforces the same limits.
          useFactory: (dataSource: DataSource) => ({
            storage: new DatabaseThrottlerStorage(new RateLimits(dataSource)),
            throttlers: [
              // Per address, all outcomes: ten times the per-account failure limit.
              {
                name: 'login',
                ttl: runtime.config.loginWindowSeconds * 1000,
                limit: runtime.config.loginAttemptLimit * 10,
              },
            ],
          }),
        }),
        GlobalModule.register(runtime),
        IdentityModule,
        DocumentsModule,
        CertificationModule,
        CatalogModule,
        RegisterModule,
        BreachesModule,
        VendorsModule,
        AccessReviewsModule,
        PublicationModule,
        NotificationsModule.forRoot({ scanners: REMINDER_SCANNERS }),
        ...(web ? [web] : []),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
