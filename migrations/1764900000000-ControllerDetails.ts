import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The controller's details on organisations (contact, legal representative, designated DPO: Art. 30.1.a and
 * 30.2.a GDPR), and the content key of generated documents: generating an unchanged document again finds the
 * record first stored instead of storing a copy. Records stored before have no key (they are never matched).
 */
export class ControllerDetails1764900000000 implements MigrationInterface {
  name = 'ControllerDetails1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD "contact" jsonb, ADD "representative" jsonb, ADD "dpo" jsonb`,
    );
    await queryRunner.query(`ALTER TABLE "generated_document" ADD "content_key" character(64)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_generated_document_content" ON "generated_document" ("organisation_id", "kind", "content_key") WHERE "content_key" IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "uq_generated_document_content"`);
    await queryRunner.query(`ALTER TABLE "generated_document" DROP COLUMN "content_key"`);
    await queryRunner.query(
      `ALTER TABLE "organisation" DROP COLUMN "dpo", DROP COLUMN "representative", DROP COLUMN "contact"`,
    );
  }
}
