import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access reviews: campaigns per member and application, the reviewed accounts (items) with their flags and
 * decision, the history of decisions and reassignments, and the remediation tasks of revocations and
 * modifications.
 */
export class AccessReviews1764700000000 implements MigrationInterface {
  name = 'AccessReviews1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "access_review" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL,
        "due_date" date NOT NULL,
        "recurrence_months" integer,
        "status" character varying(20) NOT NULL DEFAULT 'draft',
        "previous_campaign_id" uuid,
        "opened_at" TIMESTAMP WITH TIME ZONE,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        "remediated_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid,
        "certificate_evidence_id" uuid,
        "certificate_evidence_status" character varying(20),
        CONSTRAINT "PK_access_review" PRIMARY KEY ("id"),
        CONSTRAINT "FK_access_review_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_access_review_application" FOREIGN KEY ("application_id") REFERENCES "application"("id"),
        CONSTRAINT "FK_access_review_previous" FOREIGN KEY ("previous_campaign_id") REFERENCES "access_review"("id") ON DELETE SET NULL,
        CONSTRAINT "FK_access_review_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_access_review_certificate_evidence" FOREIGN KEY ("certificate_evidence_id") REFERENCES "evidence"("id") ON DELETE SET NULL,
        CONSTRAINT "CHK_access_review_status" CHECK ("status" IN ('draft', 'open', 'closed', 'remediated')),
        CONSTRAINT "CHK_access_review_recurrence" CHECK ("recurrence_months" IS NULL OR "recurrence_months" BETWEEN 1 AND 36)
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_access_review_organisation" ON "access_review" ("organisation_id", "due_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_access_review_application" ON "access_review" ("application_id", "organisation_id", "closed_at")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_access_review_previous" ON "access_review" ("previous_campaign_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "access_review_item" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "access_review_id" uuid NOT NULL,
        "line" integer,
        "username" character varying(200) NOT NULL,
        "display_name" character varying(200),
        "email" character varying(254),
        "role" character varying(200),
        "last_login" TIMESTAMP WITH TIME ZONE,
        "flags" text array NOT NULL DEFAULT '{}',
        "reviewer_id" uuid,
        "decision" character varying(10),
        "reason" character varying(2000),
        "decided_by" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_access_review_item" PRIMARY KEY ("id"),
        CONSTRAINT "FK_access_review_item_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_access_review_item_review" FOREIGN KEY ("access_review_id") REFERENCES "access_review"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_access_review_item_reviewer" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_access_review_item_decider" FOREIGN KEY ("decided_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_access_review_item_decision" CHECK ("decision" IS NULL OR "decision" IN ('keep', 'revoke', 'modify')),
        CONSTRAINT "CHK_access_review_item_reason" CHECK ("decision" IS NULL OR "decision" = 'keep' OR length(btrim(coalesce("reason", ''))) > 0)
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_access_review_item_username" ON "access_review_item" ("access_review_id", lower("username"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_access_review_item_reviewer" ON "access_review_item" ("reviewer_id", "access_review_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_access_review_item_organisation" ON "access_review_item" ("organisation_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "access_review_event" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "organisation_id" uuid NOT NULL,
        "item_id" uuid NOT NULL,
        "kind" character varying(20) NOT NULL,
        "decision" character varying(10),
        "reason" character varying(2000),
        "reviewer_id" uuid,
        "actor_id" uuid,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_access_review_event" PRIMARY KEY ("id"),
        CONSTRAINT "FK_access_review_event_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_access_review_event_item" FOREIGN KEY ("item_id") REFERENCES "access_review_item"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_access_review_event_reviewer" FOREIGN KEY ("reviewer_id") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_access_review_event_actor" FOREIGN KEY ("actor_id") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_access_review_event_kind" CHECK ("kind" IN ('decision', 'reassignment'))
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_access_review_event_item" ON "access_review_event" ("item_id", "at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_access_review_event_organisation" ON "access_review_event" ("organisation_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "remediation_task" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "access_review_id" uuid NOT NULL,
        "item_id" uuid NOT NULL,
        "action" character varying(10) NOT NULL,
        "status" character varying(10) NOT NULL DEFAULT 'to-do',
        "due_date" date NOT NULL,
        "done_at" TIMESTAMP WITH TIME ZONE,
        "done_by" uuid,
        "note" character varying(2000),
        CONSTRAINT "PK_remediation_task" PRIMARY KEY ("id"),
        CONSTRAINT "FK_remediation_task_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_remediation_task_review" FOREIGN KEY ("access_review_id") REFERENCES "access_review"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_remediation_task_item" FOREIGN KEY ("item_id") REFERENCES "access_review_item"("id") ON DELETE CASCADE,
        CONSTRAINT "FK_remediation_task_done_by" FOREIGN KEY ("done_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_remediation_task_action" CHECK ("action" IN ('revoke', 'modify')),
        CONSTRAINT "CHK_remediation_task_status" CHECK ("status" IN ('to-do', 'done')),
        CONSTRAINT "CHK_remediation_task_done" CHECK (("status" = 'done') = ("done_at" IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_remediation_task_item" ON "remediation_task" ("item_id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_remediation_task_review" ON "remediation_task" ("access_review_id", "status")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_remediation_task_due" ON "remediation_task" ("status", "due_date", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_remediation_task_organisation" ON "remediation_task" ("organisation_id")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "remediation_task"`);
    await queryRunner.query(`DROP TABLE "access_review_event"`);
    await queryRunner.query(`DROP TABLE "access_review_item"`);
    await queryRunner.query(`DROP TABLE "access_review"`);
  }
}
