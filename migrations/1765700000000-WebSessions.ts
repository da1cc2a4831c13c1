import { MigrationInterface, QueryRunner } from 'typeorm';

/** Sessions of the web application (cookie), stored by the hash of their secret. */
export class WebSessions1765700000000 implements MigrationInterface {
  name = 'WebSessions1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "web_session" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "token_hash" character(64) NOT NULL,
        "user_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_web_session" PRIMARY KEY ("id"),
        CONSTRAINT "FK_web_session_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_web_session_token_hash" ON "web_session" ("token_hash")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_web_session_user" ON "web_session" ("user_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "web_session"`);
  }
}
