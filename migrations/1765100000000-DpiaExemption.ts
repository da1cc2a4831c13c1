import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A register entry may fall under an item of the CNIL list of processing types for which no DPIA is required
 * (délibération n° 2019-118), by the item's number.
 */
export class DpiaExemption1765100000000 implements MigrationInterface {
  name = 'DpiaExemption1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "processing_activity" ADD COLUMN "cnil_exemption_item" character varying(10)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "processing_activity" DROP COLUMN "cnil_exemption_item"`);
  }
}
