import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, resolveAuditKey, useAuditKey } from '@vigie/core';

import { DatabaseTarget, EmbeddedPostgres, runMigrations } from '@vigie/db';
import { BootstrapOutcome, BootstrapService } from '@vigie/identity';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { configureHttp } from './http-setup';

/** Where the database comes from when it is not a server named by DATABASE_URL. */
export type DatabaseChoice = { embedded: EmbeddedPostgres } | { url: string };

export interface RunningVigie {
  app: NestExpressApplication;
  bootstrap: BootstrapOutcome;
  /** Closes the HTTP server, the pool, then the embedded database if this process opened it. */
  close(): Promise<void>;
}

/** Opens the configured database: the server of DATABASE_URL, or the embedded one under the data folder. */
export async function openDatabase(
  config: AppConfig,
): Promise<{ target: DatabaseTarget; embedded?: EmbeddedPostgres }> {
  if (config.databaseUrl) return { target: { url: config.databaseUrl, poolSize: config.databasePoolSize } };
  const embedded = await EmbeddedPostgres.open({ dataDir: join(config.dataDir, 'pglite') });
  return { target: { url: embedded.url, poolSize: 1 }, embedded };
}

/**
 * Starts the whole service: Nest application, migrations, first-start bootstrap. `listen: false` leaves the
 * HTTP server unbound (tests drive it through supertest).
 */
export async function startVigie(
  config: AppConfig,
  database: { target: DatabaseTarget; embedded?: EmbeddedPostgres },
  options: { jwtSecret: string; listen: boolean; logger?: boolean },
): Promise<RunningVigie> {
  let app: NestExpressApplication | undefined;
  useAuditKey(resolveAuditKey(config));
  try {
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.register({ config, database: database.target, jwtSecret: options.jwtSecret }),
      {
        bufferLogs: true,
        bodyParser: false,
        abortOnError: false,
        logger: options.logger === false ? false : undefined,
      },
    );
    if (options.logger !== false) app.useLogger(app.get(Logger));
    configureHttp(app, config);
    await runMigrations(app.get(DataSource));
    await app.init();
    const bootstrap = await app.get(BootstrapService).ensureInitialised();
    if (options.listen) await app.listen(config.port);
    const started = app;
    let closing: Promise<void> | undefined;
    return {
      app: started,
      bootstrap,
      close: () =>
        (closing ??= (async () => {
          await started.close();
          await database.embedded?.close();
        })()),
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.embedded?.close().catch(() => undefined);
    throw error;
  }
}
