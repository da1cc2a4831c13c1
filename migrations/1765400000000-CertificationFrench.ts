import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Framework requirements keep the English title and group of their referential beside the French ones read
 * by users (`title`, `group_label`). The texts themselves are written by the framework loader at start-up
 * (`ensureBuiltinFrameworks`, which corrects stored reference texts in place), not by this migration.
 */
export class CertificationFrench1765400000000 implements MigrationInterface {
  name = 'CertificationFrench1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "framework_requirement" ADD "title_en" text`);
    await queryRunner.query(
      `ALTER TABLE "framework_requirement" ADD "group_label_en" character varying(200)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "framework_requirement" DROP COLUMN "group_label_en"`);
    await queryRunner.query(`ALTER TABLE "framework_requirement" DROP COLUMN "title_en"`);
  }
}
