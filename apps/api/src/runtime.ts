import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, generateSecret } from '@vigie/core';
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

/** The JWT secret: configured, or for the embedded database generated once and kept in the data folder. */
export function resolveJwtSecret(config: AppConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = generateSecret();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
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
