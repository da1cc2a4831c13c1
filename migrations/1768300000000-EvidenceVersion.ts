import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The version of an evidence: the file is immutable, but the requirements it supports change (a link added or
 * removed), and each such change carries the version the client read last, like every other change.
 */
export class EvidenceVersion1768300000000 implements MigrationInterface {
  name = 'EvidenceVersion1768300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" ADD "version" integer NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "version"`);
  }
}
