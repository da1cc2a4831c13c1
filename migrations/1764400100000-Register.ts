import { MigrationInterface, QueryRunner } from 'typeorm';

/** Registers of processing activities, their versions, and the operator's register templates. */
export class Register1764400100000 implements MigrationInterface {
  name = 'Register1764400100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "register_template" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "application_id" uuid NOT NULL,
        "name" character varying(300) NOT NULL,
        "content" jsonb NOT NULL,
        "created_by" uuid,
        CONSTRAINT "PK_register_template" PRIMARY KEY ("id"),
        CONSTRAINT "FK_register_template_application" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_register_template_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_register_template_application" ON "register_template" ("application_id", "name")`,
    );
    await queryRunner.query(`
      CREATE TABLE "register_template_version" (
        "template_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "content" jsonb NOT NULL,
        "published_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "published_by" uuid,
        CONSTRAINT "PK_register_template_version" PRIMARY KEY ("template_id", "version"),
        CONSTRAINT "FK_register_template_version_template" FOREIGN KEY ("template_id") REFERENCES "register_template"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_register_template_version_publisher" FOREIGN KEY ("published_by") REFERENCES "app_user"("id")
      )`);

    await queryRunner.query(`
      CREATE TABLE "processing_activity" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "name" character varying(300) NOT NULL,
        "description" text,
        "status" character varying(10) NOT NULL DEFAULT 'draft',
        "application_ids" uuid[] NOT NULL DEFAULT '{}',
        "purposes" jsonb NOT NULL,
        "data_subjects" jsonb NOT NULL,
        "data_categories" jsonb NOT NULL,
        "special_categories" jsonb NOT NULL,
        "recipients" jsonb NOT NULL,
        "transfers" jsonb NOT NULL,
        "security_measures" jsonb NOT NULL,
        "dpia_criteria" jsonb NOT NULL,
        "cnil_list_items" jsonb NOT NULL,
        "art35_cases" jsonb NOT NULL,
        "review_date" date,
        "validated_at" TIMESTAMP WITH TIME ZONE,
        "validated_by" uuid,
        "archived_at" TIMESTAMP WITH TIME ZONE,
        "dpia_decision" jsonb,
        "template_id" uuid,
        "template_version" integer,
        "created_by" uuid,
        "updated_by" uuid,
        CONSTRAINT "PK_processing_activity" PRIMARY KEY ("id"),
        CONSTRAINT "FK_processing_activity_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_processing_activity_template" FOREIGN KEY ("template_id") REFERENCES "register_template"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_processing_activity_validator" FOREIGN KEY ("validated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_processing_activity_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_processing_activity_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_processing_activity_status" CHECK ("status" IN ('draft', 'validated', 'archived'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_organisation_name" ON "processing_activity" ("organisation_id", "name", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_organisation_review" ON "processing_activity" ("organisation_id", "status", "review_date")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_application_ids" ON "processing_activity" USING gin ("application_ids")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_template" ON "processing_activity" ("template_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "processing_activity_version" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "activity_id" uuid NOT NULL,
        "organisation_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "action" character varying(30) NOT NULL,
        "status" character varying(10) NOT NULL,
        "changed_fields" jsonb NOT NULL,
        "note" character varying(500),
        "snapshot" jsonb NOT NULL,
        "actor_id" uuid,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_processing_activity_version" PRIMARY KEY ("id"),
        CONSTRAINT "FK_processing_activity_version_activity" FOREIGN KEY ("activity_id") REFERENCES "processing_activity"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_processing_activity_version_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_processing_activity_version_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_processing_activity_version" ON "processing_activity_version" ("activity_id", "version")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_processing_activity_version_organisation" ON "processing_activity_version" ("organisation_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "processing_activity_version"`);
    await queryRunner.query(`DROP TABLE "processing_activity"`);
    await queryRunner.query(`DROP TABLE "register_template_version"`);
    await queryRunner.query(`DROP TABLE "register_template"`);
  }
}
