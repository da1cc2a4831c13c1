import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vendors: vendor profiles, contracts with the applications they cover and their clause checklist,
 * questionnaire templates, questionnaires sent to vendors with their answers, reviewer comments and attached
 * files (bytes in the database so that a backup holds everything).
 */
export class Vendors1764600000000 implements MigrationInterface {
  name = 'Vendors1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "vendor_profile" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "vendor_id" uuid NOT NULL,
        "address" character varying(500),
        "certifications" jsonb NOT NULL DEFAULT '[]',
        "data_locations" jsonb NOT NULL DEFAULT '[]',
        "sub_processors" jsonb NOT NULL DEFAULT '[]',
        "updated_by" uuid,
        CONSTRAINT "PK_vendor_profile" PRIMARY KEY ("id"),
        CONSTRAINT "FK_vendor_profile_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_vendor_profile_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_vendor_profile_certifications" CHECK (jsonb_typeof("certifications") = 'array'),
        CONSTRAINT "CHK_vendor_profile_data_locations" CHECK (jsonb_typeof("data_locations") = 'array'),
        CONSTRAINT "CHK_vendor_profile_sub_processors" CHECK (jsonb_typeof("sub_processors") = 'array')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_vendor_profile_vendor" ON "vendor_profile" ("vendor_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "contract" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "vendor_id" uuid NOT NULL,
        "reference" character varying(100) NOT NULL,
        "start_date" date NOT NULL,
        "end_date" date,
        "notice_date" date,
        "health_data" boolean NOT NULL DEFAULT false,
        "created_by" uuid,
        CONSTRAINT "PK_contract" PRIMARY KEY ("id"),
        CONSTRAINT "FK_contract_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_contract_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_contract_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_contract_dates" CHECK ("end_date" IS NULL OR "end_date" >= "start_date")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contract_reference" ON "contract" ("organisation_id", lower("reference"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_organisation" ON "contract" ("organisation_id", "start_date", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_contract_vendor" ON "contract" ("vendor_id")`);

    await queryRunner.query(`
      CREATE TABLE "contract_application" (
        "contract_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_contract_application" PRIMARY KEY ("contract_id", "application_id"),
        CONSTRAINT "FK_contract_application_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_contract_application_application" FOREIGN KEY ("application_id") REFERENCES "application"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_contract_application_application" ON "contract_application" ("application_id", "contract_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "contract_clause" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "contract_id" uuid NOT NULL,
        "key" character varying(60) NOT NULL,
        "family" character varying(20) NOT NULL,
        "position" integer NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'missing',
        "reference" character varying(200),
        "comment" text,
        "updated_by" uuid,
        CONSTRAINT "PK_contract_clause" PRIMARY KEY ("id"),
        CONSTRAINT "FK_contract_clause_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_contract_clause_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_contract_clause_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_contract_clause_status" CHECK ("status" IN ('present', 'partial', 'missing', 'not-applicable')),
        CONSTRAINT "CHK_contract_clause_family" CHECK ("family" IN ('gdpr-art28', 'vendor-security', 'hds'))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_contract_clause_key" ON "contract_clause" ("contract_id", "key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_contract_clause_organisation" ON "contract_clause" ("organisation_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "questionnaire_template" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "code" character varying(50),
        "name" character varying(200) NOT NULL,
        "description" text,
        "builtin" boolean NOT NULL DEFAULT false,
        "sections" jsonb NOT NULL,
        "created_by" uuid,
        CONSTRAINT "PK_questionnaire_template" PRIMARY KEY ("id"),
        CONSTRAINT "FK_questionnaire_template_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_questionnaire_template_sections" CHECK (jsonb_typeof("sections") = 'array')
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_questionnaire_template_code" ON "questionnaire_template" ("code")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_template_name" ON "questionnaire_template" ("name", "id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "questionnaire" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "vendor_id" uuid NOT NULL,
        "template_id" uuid NOT NULL,
        "previous_questionnaire_id" uuid,
        "status" character varying(20) NOT NULL DEFAULT 'sent',
        "due_date" date NOT NULL,
        "score" numeric(4,1),
        "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "sent_by" uuid,
        "submitted_at" TIMESTAMP WITH TIME ZONE,
        "reviewed_at" TIMESTAMP WITH TIME ZONE,
        "reviewed_by" uuid,
        "review_comment" text,
        CONSTRAINT "PK_questionnaire" PRIMARY KEY ("id"),
        CONSTRAINT "FK_questionnaire_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_questionnaire_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_questionnaire_template" FOREIGN KEY ("template_id") REFERENCES "questionnaire_template"("id"),
        CONSTRAINT "FK_questionnaire_previous" FOREIGN KEY ("previous_questionnaire_id") REFERENCES "questionnaire"("id"),
        CONSTRAINT "FK_questionnaire_sender" FOREIGN KEY ("sent_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_questionnaire_reviewer" FOREIGN KEY ("reviewed_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_questionnaire_status" CHECK ("status" IN ('sent', 'in-progress', 'submitted', 'changes-requested', 'accepted'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_vendor" ON "questionnaire" ("vendor_id", "sent_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_organisation" ON "questionnaire" ("organisation_id")`,
    );
    await queryRunner.query(`CREATE INDEX "idx_questionnaire_template" ON "questionnaire" ("template_id")`);
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_previous" ON "questionnaire" ("previous_questionnaire_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "questionnaire_answer" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "questionnaire_id" uuid NOT NULL,
        "vendor_id" uuid NOT NULL,
        "question_key" character varying(60) NOT NULL,
        "value" jsonb NOT NULL,
        "comment" text,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_by" uuid,
        CONSTRAINT "PK_questionnaire_answer" PRIMARY KEY ("id"),
        CONSTRAINT "FK_questionnaire_answer_questionnaire" FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_questionnaire_answer_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_questionnaire_answer_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_questionnaire_answer_question" ON "questionnaire_answer" ("questionnaire_id", "question_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_answer_vendor" ON "questionnaire_answer" ("vendor_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "questionnaire_comment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "questionnaire_id" uuid NOT NULL,
        "vendor_id" uuid NOT NULL,
        "question_key" character varying(60) NOT NULL,
        "internal" boolean NOT NULL DEFAULT false,
        "body" text NOT NULL,
        "author_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_questionnaire_comment" PRIMARY KEY ("id"),
        CONSTRAINT "FK_questionnaire_comment_questionnaire" FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_questionnaire_comment_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_questionnaire_comment_author" FOREIGN KEY ("author_id") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_comment_questionnaire" ON "questionnaire_comment" ("questionnaire_id", "created_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_comment_vendor" ON "questionnaire_comment" ("vendor_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "questionnaire_attachment" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "questionnaire_id" uuid NOT NULL,
        "vendor_id" uuid NOT NULL,
        "question_key" character varying(60) NOT NULL,
        "file_name" character varying(255) NOT NULL,
        "content_type" character varying(150) NOT NULL,
        "size" integer NOT NULL,
        "sha256" character(64) NOT NULL,
        "content" bytea NOT NULL,
        "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "uploaded_by" uuid,
        CONSTRAINT "PK_questionnaire_attachment" PRIMARY KEY ("id"),
        CONSTRAINT "FK_questionnaire_attachment_questionnaire" FOREIGN KEY ("questionnaire_id") REFERENCES "questionnaire"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_questionnaire_attachment_vendor" FOREIGN KEY ("vendor_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_questionnaire_attachment_uploader" FOREIGN KEY ("uploaded_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_attachment_questionnaire" ON "questionnaire_attachment" ("questionnaire_id", "question_key")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_questionnaire_attachment_vendor" ON "questionnaire_attachment" ("vendor_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "questionnaire_attachment"`);
    await queryRunner.query(`DROP TABLE "questionnaire_comment"`);
    await queryRunner.query(`DROP TABLE "questionnaire_answer"`);
    await queryRunner.query(`DROP TABLE "questionnaire"`);
    await queryRunner.query(`DROP TABLE "questionnaire_template"`);
    await queryRunner.query(`DROP TABLE "contract_clause"`);
    await queryRunner.query(`DROP TABLE "contract_application"`);
    await queryRunner.query(`DROP TABLE "contract"`);
    await queryRunner.query(`DROP TABLE "vendor_profile"`);
  }
}
