import { MigrationInterface, QueryRunner } from 'typeorm';

/** A session version on every user, carried by their tokens: raising it ends every token issued before. */
export class SessionVersion1765800000001 implements MigrationInterface {
  name = 'SessionVersion1765800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "session_version" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "session_version"`);
  }
}
