import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, users, memberships, the audit trail and the generated PDF records. */
export class Platform1764331200000 implements MigrationInterface {
  name = 'Platform1764331200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "organisation" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "name" character varying(200) NOT NULL,
        "short_name" character varying(30) NOT NULL,
        "kind" character varying(10) NOT NULL,
        "siren" character(9),
        CONSTRAINT "PK_organisation" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_organisation_siren" UNIQUE ("siren"),
        CONSTRAINT "CHK_organisation_kind" CHECK ("kind" IN ('operator', 'member', 'vendor'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organisation_short_name" ON "organisation" (lower("short_name"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_organisation_name" ON "organisation" ("name", "id")`);

    await queryRunner.query(`
      CREATE TABLE "app_user" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "email" character varying(254) NOT NULL,
        "display_name" character varying(200) NOT NULL,
        "password_hash" character varying(255) NOT NULL,
        "disabled" boolean NOT NULL DEFAULT false,
        CONSTRAINT "PK_app_user" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_app_user_email" UNIQUE ("email"),
        CONSTRAINT "CHK_app_user_email_lower" CHECK ("email" = lower("email"))
      )`);

    await queryRunner.query(`
      CREATE TABLE "membership" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "role" character varying(30) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_membership" PRIMARY KEY ("id"),
        CONSTRAINT "FK_membership_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_membership_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_membership" ON "membership" ("organisation_id", "user_id", "role")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_membership_user" ON "membership" ("user_id")`);

    await queryRunner.query(`
      CREATE TABLE "audit_event" (
        "id" uuid NOT NULL,
        "seq" BIGSERIAL NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "actor_id" uuid,
        "organisation_id" uuid,
        "action" character varying(100) NOT NULL,
        "entity" character varying(100) NOT NULL,
        "entity_id" uuid NOT NULL,
        "changes" jsonb NOT NULL,
        "request_id" character varying(100) NOT NULL,
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        CONSTRAINT "PK_audit_event" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_audit_event_seq" UNIQUE ("seq"),
        CONSTRAINT "FK_audit_event_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_audit_event_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_audit_event_organisation_seq" ON "audit_event" ("organisation_id", "seq")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_audit_event_entity_id" ON "audit_event" ("entity_id")`);

    await queryRunner.query(`
      CREATE TABLE "generated_document" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "kind" character varying(50) NOT NULL,
        "title" character varying(300) NOT NULL,
        "sha256" character(64) NOT NULL,
        "size" integer NOT NULL,
        "content_type" character varying(100) NOT NULL DEFAULT 'application/pdf',
        "content" bytea NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" uuid,
        CONSTRAINT "PK_generated_document" PRIMARY KEY ("id"),
        CONSTRAINT "FK_generated_document_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_generated_document_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_generated_document_organisation_created" ON "generated_document" ("organisation_id", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "generated_document"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
    await queryRunner.query(`DROP TABLE "membership"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
  }
}
