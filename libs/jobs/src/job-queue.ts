import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { APP_CONFIG, AppConfig, PARIS_TIME_ZONE } from '@vigie/core';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';

/** Time zone of the operator: cron expressions are read in it. */
export const JOBS_TIME_ZONE = PARIS_TIME_ZONE;

/** A kind of background work: what it does and, for scheduled work, when (cron, Paris time). */
export interface JobDefinition {
  /** Queue name: letters, digits, `.`, `-` and `_`. */
  name: string;
  /** Five-field cron expression, e.g. `15 2 * * *` every day at 02:15. */
  cron?: string;
  /** The work itself; an error marks the job failed (pg-boss retries it). */
  handler(): Promise<void>;
}

/**
 * pg-boss's database adapter over TypeORM's pool: each statement runs on a connection borrowed from the pool
 * and given back at once. On the embedded database (PGlite, a single connection) this is the only way for
 * pg-boss to share it; `query(…, true)` gives the raw result, whose `records` are the rows even for
 * `UPDATE … RETURNING` (TypeORM's plain `query` answers `[rows, count]` there, which pg-boss would misread).
 */
export function typeOrmExecutor(dataSource: DataSource): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const runner = dataSource.createQueryRunner();
      try {
        const result = await runner.query(text, values, true);
        return { rows: (result.records as unknown[]) ?? [] };
      } finally {
        await runner.release();
      }
    },
  };
}

/**
 * The PostgreSQL-backed job queue (pg-boss, in the `pgboss` schema of the application's database). Capabilities
 * define their jobs in `onModuleInit`; the queue starts after the migrations, when the application boots, and
 * stops before the database pool closes. Several API instances may run it: pg-boss hands each job to one
 * worker only, and a cron fires once per slot whatever the number of instances. `VIGIE_JOBS=0` leaves it off.
 */
@Injectable()
export class JobQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly definitions = new Map<string, JobDefinition>();
  private boss?: PgBoss;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** Declares a job (before the application boots). */
  define(definition: JobDefinition): void {
    if (this.boss) throw new Error(`Job ${definition.name} defined after the queue started`);
    if (this.definitions.has(definition.name)) throw new Error(`Job ${definition.name} defined twice`);
    this.definitions.set(definition.name, definition);
  }

  /** Whether this process runs the queue (false with `VIGIE_JOBS=0`). */
  get running(): boolean {
    return this.boss !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.jobs) return;
    const boss = new PgBoss({
      db: typeOrmExecutor(this.dataSource),
      schema: 'pgboss',
      // Completed jobs are kept a week for inspection, then archived and deleted by pg-boss's maintenance.
      retentionDays: 7,
    });
    boss.on('error', (error) => this.logger.error(`job queue: ${error.message}`));
    await boss.start();
    this.boss = boss;
    try {
      for (const definition of this.definitions.values()) {
        // `stately`: at most one job waiting and one running per queue, so that a slow run is never doubled.
        await boss.createQueue(definition.name, { name: definition.name, policy: 'stately' });
        await boss.work(definition.name, { pollingIntervalSeconds: 1 }, async () => {
          this.logger.log(`job ${definition.name} started`);
          await definition.handler();
          this.logger.log(`job ${definition.name} done`);
        });
        if (definition.cron)
          await boss.schedule(definition.name, definition.cron, {}, { tz: JOBS_TIME_ZONE });
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Queues a run of a defined job now (e.g. on an operator's request); answers the job id. */
  async send(name: string): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`Unknown job ${name}`);
    if (!this.boss) throw new Error('The job queue is not running in this process (VIGIE_JOBS=0)');
    return this.boss.send(name, {});
  }

  /** The cron schedules stored in the database. */
  async schedules(): Promise<{ name: string; cron: string; timezone: string | null }[]> {
    if (!this.boss) return [];
    // pg-boss 10 answers the stored rows (`timezone` column), typed without it.
    const rows = (await this.boss.getSchedules()) as (PgBoss.Schedule & { timezone?: string })[];
    return rows.map(({ name, cron, timezone }) => ({ name, cron, timezone: timezone ?? null }));
  }

  /** State of a job (`created`, `active`, `completed`, `failed`…), or null when unknown. */
  async state(name: string, id: string): Promise<string | null> {
    return (await this.boss?.getJobById(name, id))?.state ?? null;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    // The pool belongs to TypeORM: pg-boss stops its workers and timers and leaves the connections alone.
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
  }
}
