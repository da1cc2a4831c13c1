import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certification: frameworks and their requirements (read-only reference data, filled at start-up from
 * `libs/reference-data` and by `framework:import`), assessments, requirement assessments, evidence files (bytes
 * in the database so that a backup holds everything) and the links between evidence and requirements.
 */
export class Certification1764500000000 implements MigrationInterface {
  name = 'Certification1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "framework" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "code" character varying(50) NOT NULL,
        "name" character varying(200) NOT NULL,
        "edition" character varying(50) NOT NULL,
        "description" text,
        "builtin" boolean NOT NULL DEFAULT false,
        "activities" jsonb NOT NULL DEFAULT '[]',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_framework" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_framework_code" UNIQUE ("code")
      )`);

    await queryRunner.query(`
      CREATE TABLE "framework_requirement" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "framework_id" uuid NOT NULL,
        "ref" character varying(50) NOT NULL,
        "title" text NOT NULL,
        "kind" character varying(20) NOT NULL,
        "group_label" character varying(200) NOT NULL,
        "parent_ref" character varying(50),
        "anchor" character varying(100),
        "anchor_framework_code" character varying(50),
        "anchor_ref" character varying(50),
        "assessable" boolean NOT NULL,
        "position" integer NOT NULL,
        CONSTRAINT "PK_framework_requirement" PRIMARY KEY ("id"),
        CONSTRAINT "FK_framework_requirement_framework" FOREIGN KEY ("framework_id") REFERENCES "framework"("id") ON DELETE CASCADE,
        CONSTRAINT "CHK_framework_requirement_kind" CHECK ("kind" IN ('clause', 'control', 'requirement'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_framework_requirement_ref" ON "framework_requirement" ("framework_id", "ref")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_framework_requirement_position" ON "framework_requirement" ("framework_id", "position")`,
    );

    await queryRunner.query(`
      CREATE TABLE "assessment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "framework_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "scope" jsonb NOT NULL DEFAULT '{}',
        "archived" boolean NOT NULL DEFAULT false,
        "created_by" uuid,
        CONSTRAINT "PK_assessment" PRIMARY KEY ("id"),
        CONSTRAINT "FK_assessment_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_assessment_framework" FOREIGN KEY ("framework_id") REFERENCES "framework"("id"),
        CONSTRAINT "FK_assessment_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_assessment_organisation" ON "assessment" ("organisation_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_assessment_framework_current" ON "assessment" ("framework_id", "organisation_id", "created_at") WHERE NOT "archived"`,
    );

    await queryRunner.query(`
      CREATE TABLE "requirement_assessment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "assessment_id" uuid NOT NULL,
        "requirement_id" uuid NOT NULL,
        "applicable" boolean NOT NULL DEFAULT true,
        "justification" text,
        "inclusion_reasons" jsonb NOT NULL DEFAULT '[]',
        "status" character varying(20) NOT NULL DEFAULT 'not-started',
        "owner_id" uuid,
        "due_date" date,
        "notes" text,
        CONSTRAINT "PK_requirement_assessment" PRIMARY KEY ("id"),
        CONSTRAINT "FK_requirement_assessment_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_requirement_assessment_assessment" FOREIGN KEY ("assessment_id") REFERENCES "assessment"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_requirement_assessment_requirement" FOREIGN KEY ("requirement_id") REFERENCES "framework_requirement"("id"),
        CONSTRAINT "FK_requirement_assessment_owner" FOREIGN KEY ("owner_id") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_requirement_assessment_status" CHECK ("status" IN ('not-started', 'in-progress', 'implemented', 'not-applicable')),
        CONSTRAINT "CHK_requirement_assessment_applicability" CHECK (("status" = 'not-applicable') = (NOT "applicable")),
        CONSTRAINT "CHK_requirement_assessment_justification" CHECK ("applicable" OR length(btrim(coalesce("justification", ''))) > 0)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_requirement_assessment" ON "requirement_assessment" ("assessment_id", "requirement_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_requirement_assessment_organisation" ON "requirement_assessment" ("organisation_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_requirement_assessment_requirement" ON "requirement_assessment" ("requirement_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_requirement_assessment_owner" ON "requirement_assessment" ("owner_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "evidence" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "file_name" character varying(255) NOT NULL,
        "content_type" character varying(150) NOT NULL,
        "size" integer NOT NULL,
        "sha256" character(64) NOT NULL,
        "content" bytea NOT NULL,
        "description" character varying(1000),
        "effective_date" date NOT NULL,
        "expires_at" date,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "uploaded_by" uuid,
        CONSTRAINT "PK_evidence" PRIMARY KEY ("id"),
        CONSTRAINT "FK_evidence_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_evidence_uploader" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_evidence_expiry" CHECK ("expires_at" IS NULL OR "expires_at" >= "effective_date")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_evidence_organisation" ON "evidence" ("organisation_id", "uploaded_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_evidence_expires_at" ON "evidence" ("expires_at") WHERE "expires_at" IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE "evidence_link" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "evidence_id" uuid NOT NULL,
        "requirement_assessment_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "created_by" uuid,
        CONSTRAINT "PK_evidence_link" PRIMARY KEY ("id"),
        CONSTRAINT "FK_evidence_link_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_evidence_link_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_evidence_link_requirement_assessment" FOREIGN KEY ("requirement_assessment_id") REFERENCES "requirement_assessment"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_evidence_link_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_evidence_link" ON "evidence_link" ("requirement_assessment_id", "evidence_id")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_evidence_link_evidence" ON "evidence_link" ("evidence_id")`);
    await queryRunner.query(
      `CREATE INDEX "idx_evidence_link_organisation" ON "evidence_link" ("organisation_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "evidence_link"`);
    await queryRunner.query(`DROP TABLE "evidence"`);
    await queryRunner.query(`DROP TABLE "requirement_assessment"`);
    await queryRunner.query(`DROP TABLE "assessment"`);
    await queryRunner.query(`DROP TABLE "framework_requirement"`);
    await queryRunner.query(`DROP TABLE "framework"`);
  }
}
