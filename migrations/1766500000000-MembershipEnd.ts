import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An auditor's membership may end on a date (its last day, Paris time): after it the membership grants
 * nothing. Null: no end.
 */
export class MembershipEnd1766500000000 implements MigrationInterface {
  name = 'MembershipEnd1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership" ADD "ends_on" date`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "membership" DROP COLUMN "ends_on"`);
  }
}
