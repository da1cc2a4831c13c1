import { MigrationInterface, QueryRunner } from 'typeorm';

/** What a member publishes of its register (opt-in by its DPO): one row per member that has set it. */
export class RegisterPublication1766000000000 implements MigrationInterface {
  name = 'RegisterPublication1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "register_publication" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "enabled" boolean NOT NULL DEFAULT false,
        "fields" jsonb NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE,
        "updated_by" uuid,
        CONSTRAINT "PK_register_publication" PRIMARY KEY ("id"),
        CONSTRAINT "FK_register_publication_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_register_publication_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_register_publication_fields" CHECK (jsonb_typeof("fields") = 'array')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_register_publication_organisation" ON "register_publication" ("organisation_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "register_publication"`);
  }
}
