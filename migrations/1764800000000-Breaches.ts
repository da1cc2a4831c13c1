import { MigrationInterface, QueryRunner } from 'typeorm';

/** Operator incidents, members' breach registers (Art. 33.5) and data-subject rights requests. */
export class Breaches1764800000000 implements MigrationInterface {
  name = 'Breaches1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "incident" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "title" character varying(300) NOT NULL,
        "description" text NOT NULL,
        "aware_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "occurred_at" TIMESTAMP WITH TIME ZONE,
        "application_ids" uuid[] NOT NULL,
        "declared_by" uuid,
        CONSTRAINT "PK_incident" PRIMARY KEY ("id"),
        CONSTRAINT "FK_incident_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_incident_declarer" FOREIGN KEY ("declared_by") REFERENCES "app_user"("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_incident_organisation_aware" ON "incident" ("organisation_id", "aware_at", "id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "breach" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "title" character varying(300) NOT NULL,
        "description" text NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'to-assess',
        "occurred_at" TIMESTAMP WITH TIME ZONE,
        "aware_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "notification_deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
        "natures" jsonb NOT NULL,
        "data_categories" jsonb NOT NULL,
        "subject_categories" jsonb NOT NULL DEFAULT '[]',
        "approx_subjects" integer,
        "approx_records" integer,
        "likely_consequences" text,
        "measures_taken" text,
        "measures_planned" text,
        "processing_activity_ids" uuid[] NOT NULL DEFAULT '{}',
        "application_ids" uuid[] NOT NULL DEFAULT '{}',
        "notes" text,
        "risk_level" character varying(10),
        "risk_assessment" text,
        "assessed_at" TIMESTAMP WITH TIME ZONE,
        "assessed_by" uuid,
        "cnil_notified_at" TIMESTAMP WITH TIME ZONE,
        "cnil_reference" character varying(100),
        "notification_delay_reason" text,
        "complementary_notifications" jsonb NOT NULL DEFAULT '[]',
        "not_notifiable_reason" text,
        "subjects_informed" boolean,
        "subjects_informed_at" TIMESTAMP WITH TIME ZONE,
        "subjects_information_means" text,
        "waiver_ground" character varying(10),
        "waiver_justification" text,
        "closed_at" TIMESTAMP WITH TIME ZONE,
        "closed_by" uuid,
        "incident_id" uuid,
        "processor_notified_at" TIMESTAMP WITH TIME ZONE,
        "created_by" uuid,
        "updated_by" uuid,
        CONSTRAINT "PK_breach" PRIMARY KEY ("id"),
        CONSTRAINT "FK_breach_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_breach_incident" FOREIGN KEY ("incident_id") REFERENCES "incident"("id"),
        CONSTRAINT "FK_breach_assessor" FOREIGN KEY ("assessed_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_breach_closer" FOREIGN KEY ("closed_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_breach_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_breach_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_breach_status" CHECK ("status" IN ('to-assess', 'assessed', 'notified', 'not-notifiable', 'closed')),
        CONSTRAINT "CHK_breach_risk_level" CHECK ("risk_level" IN ('none', 'risk', 'high-risk')),
        CONSTRAINT "CHK_breach_waiver_ground" CHECK ("waiver_ground" IN ('34.3.a', '34.3.b', '34.3.c')),
        CONSTRAINT "CHK_breach_natures" CHECK (jsonb_typeof("natures") = 'array'),
        CONSTRAINT "CHK_breach_counts" CHECK ("approx_subjects" >= 0 AND "approx_records" >= 0)
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_breach_organisation_aware" ON "breach" ("organisation_id", "aware_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_breach_organisation_deadline" ON "breach" ("organisation_id", "status", "notification_deadline")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_breach_incident_organisation" ON "breach" ("incident_id", "organisation_id")`,
    );

    await queryRunner.query(`
      CREATE TABLE "rights_request" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "version" integer NOT NULL DEFAULT 1,
        "organisation_id" uuid NOT NULL,
        "right" character varying(30) NOT NULL,
        "requester_name" character varying(200) NOT NULL,
        "requester_contact" character varying(300),
        "details" text,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "received_channel" character varying(20),
        "due_date" date NOT NULL,
        "status" character varying(20) NOT NULL DEFAULT 'received',
        "identity_checked" boolean NOT NULL DEFAULT false,
        "identity_checked_at" TIMESTAMP WITH TIME ZONE,
        "extension_months" integer NOT NULL DEFAULT 0,
        "extension_reason" text,
        "extended_at" TIMESTAMP WITH TIME ZONE,
        "processing_activity_ids" uuid[] NOT NULL DEFAULT '{}',
        "answered_at" TIMESTAMP WITH TIME ZONE,
        "answer_channel" character varying(20),
        "refusal_reason" text,
        "notes" text,
        "created_by" uuid,
        "updated_by" uuid,
        CONSTRAINT "PK_rights_request" PRIMARY KEY ("id"),
        CONSTRAINT "FK_rights_request_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id"),
        CONSTRAINT "FK_rights_request_creator" FOREIGN KEY ("created_by") REFERENCES "app_user"("id"),
        CONSTRAINT "FK_rights_request_updater" FOREIGN KEY ("updated_by") REFERENCES "app_user"("id"),
        CONSTRAINT "CHK_rights_request_status" CHECK ("status" IN ('received', 'identity-pending', 'in-progress', 'extended', 'answered', 'refused')),
        CONSTRAINT "CHK_rights_request_answer_channel" CHECK ("answer_channel" IN ('email', 'postal-mail', 'in-person', 'online-form', 'phone')),
        CONSTRAINT "CHK_rights_request_received_channel" CHECK ("received_channel" IN ('email', 'postal-mail', 'in-person', 'online-form', 'phone')),
        CONSTRAINT "CHK_rights_request_extension" CHECK ("extension_months" BETWEEN 0 AND 2)
      )`);
    await queryRunner.query(
      `CREATE INDEX "idx_rights_request_organisation_received" ON "rights_request" ("organisation_id", "received_at", "id")`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_rights_request_organisation_due" ON "rights_request" ("organisation_id", "status", "due_date")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rights_request"`);
    await queryRunner.query(`DROP TABLE "breach"`);
    await queryRunner.query(`DROP TABLE "incident"`);
  }
}
