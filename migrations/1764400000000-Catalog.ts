import { MigrationInterface, QueryRunner } from 'typeorm';

/** The application catalog and its deployments (which member uses which application). */
export class Catalog1764400000000 implements MigrationInterface {
  name = 'Catalog1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "application" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "name" character varying(200) NOT NULL,
        "domain" character varying(100) NOT NULL,
        "purpose" character varying(500),
        "vendor_id" uuid,
        "hosting" character varying(20) NOT NULL,
        "data_location" character(2) NOT NULL,
        "health_data" boolean NOT NULL DEFAULT false,
        "security_measures" jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT "PK_application" PRIMARY KEY ("id"),
        CONSTRAINT "FK_application_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id"),
        CONSTRAINT "CHK_application_hosting" CHECK ("hosting" IN ('operator', 'vendor-saas', 'member')),
        CONSTRAINT "CHK_application_security_measures" CHECK (jsonb_typeof("security_measures") = 'array')
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_application_name" ON "application" (lower("name"))`);
    await queryRunner.query(`CREATE INDEX "idx_application_name" ON "application" ("name", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_application_vendor" ON "application" ("vendor_id")`);

    await queryRunner.query(`
      CREATE TABLE "deployment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "application_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" uuid,
        CONSTRAINT "PK_deployment" PRIMARY KEY ("id"),
        CONSTRAINT "FK_deployment_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_deployment_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_deployment_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_deployment_application_organisation" ON "deployment" ("application_id", "organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_deployment_organisation_application" ON "deployment" ("organisation_id", "application_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "deployment"`);
    await queryRunner.query(`DROP TABLE "application"`);
  }
}
