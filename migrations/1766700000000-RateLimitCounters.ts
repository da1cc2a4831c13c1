import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit and failed sign-in counters in the database, shared by every API instance on it: a fixed window
 * per key (`hits` since `reset_at` minus the window). Rows whose window has ended are swept from time to time.
 */
export class RateLimitCounters1766700000000 implements MigrationInterface {
  name = 'RateLimitCounters1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit_counter" ("key" text PRIMARY KEY, "hits" integer NOT NULL, "reset_at" timestamptz NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE INDEX "rate_limit_counter_reset_at" ON "rate_limit_counter" ("reset_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counter"`);
  }
}
