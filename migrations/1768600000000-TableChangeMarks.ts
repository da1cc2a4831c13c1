import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change mark per table whose answers the API keeps in memory (`findPlainPageAnswer`, libs/db): every
 * statement that writes the table gives it a new random mark, in that statement's own transaction, whoever
 * writes it (any API instance, the CLI, plain SQL). A kept answer is given only while the mark it was read under
 * is still the table's. Random rather than counted, so that no mark ever comes back (a restored backup, a
 * rolled-back change).
 */
export class TableChangeMarks1768600000000 implements MigrationInterface {
  name = 'TableChangeMarks1768600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "table_change_mark" ("table_name" text PRIMARY KEY, "mark" uuid NOT NULL DEFAULT gen_random_uuid())`,
    );
    await queryRunner.query(`CREATE FUNCTION "vigie_mark_table_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE table_change_mark SET mark = gen_random_uuid() WHERE table_name = TG_TABLE_NAME;
        RETURN NULL;
      END
    $$`);
    await queryRunner.query(`INSERT INTO "table_change_mark" ("table_name") VALUES ('organisation')`);
    await queryRunner.query(
      `CREATE TRIGGER "organisation_change_mark" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "organisation"
       FOR EACH STATEMENT EXECUTE FUNCTION "vigie_mark_table_change"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "organisation_change_mark" ON "organisation"`);
    await queryRunner.query(`DROP FUNCTION "vigie_mark_table_change"()`);
    await queryRunner.query(`DROP TABLE "table_change_mark"`);
  }
}
