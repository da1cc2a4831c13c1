import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the orders of the register list (`?sort=`): review date, last update, status then name. */
export class RegisterListSort1766100000000 implements MigrationInterface {
  name = 'RegisterListSort1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_organisation_review_date" ON "processing_activity" ("organisation_id", "review_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_organisation_updated" ON "processing_activity" ("organisation_id", "updated_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_organisation_status_name" ON "processing_activity" ("organisation_id", "status", "name", "id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "idx_processing_activity_organisation_status_name"`);
    await queryRunner.query(`DROP INDEX "idx_processing_activity_organisation_updated"`);
    await queryRunner.query(`DROP INDEX "idx_processing_activity_organisation_review_date"`);
  }
}
