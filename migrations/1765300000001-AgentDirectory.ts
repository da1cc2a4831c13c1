import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members' directories of agents (an account under review with no matching agent, or matching an agent who has
 * left, is an orphan) and, on each campaign, the directory import its orphan flags were computed from.
 * Existing campaigns keep their flags (computed before, from the Vigie accounts): `agent_directory_at` null.
 */
export class AgentDirectory1765300000001 implements MigrationInterface {
  name = 'AgentDirectory1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "agent_directory_entry" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "line" integer NOT NULL,
        "email" character varying(254) NOT NULL,
        "display_name" character varying(200),
        "status" character varying(20) NOT NULL,
        "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "imported_by" uuid,
        CONSTRAINT "PK_agent_directory_entry" PRIMARY KEY ("id"),
        CONSTRAINT "FK_agent_directory_entry_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_agent_directory_entry_importer" FOREIGN KEY ("imported_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_agent_directory_entry_status" CHECK ("status" IN ('active', 'left', 'suspended'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_agent_directory_entry_email" ON "agent_directory_entry" ("organisation_id", "email")`,
    );
    await queryRunner.query(`ALTER TABLE "access_review" ADD "agent_directory_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "access_review" DROP COLUMN "agent_directory_at"`);
    await queryRunner.query(`DROP TABLE "agent_directory_entry"`);
  }
}
