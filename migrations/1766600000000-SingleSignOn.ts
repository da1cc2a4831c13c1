import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (OpenID Connect): the organisations' SIRET and « connexion unique obligatoire » policy, the
 * (issuer, subject) pairs of the users, the pending sign-ins, and the ID token of a session opened by the
 * provider (the hint of the logout).
 */
export class SingleSignOn1766600000000 implements MigrationInterface {
  name = 'SingleSignOn1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organisation" ADD "siret" character(14), ADD "sso_required" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisation_siret" ON "organisation" ("siret")`);
    await queryRunner.query(`
      CREATE TABLE "user_oidc_identity" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "issuer" character varying(500) NOT NULL,
        "subject" character varying(255) NOT NULL,
        "siret" character(14),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_sign_in_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_user_oidc_identity" PRIMARY KEY ("id"),
        CONSTRAINT "FK_user_oidc_identity_user" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_user_oidc_identity_subject" ON "user_oidc_identity" ("issuer", "subject")`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_user_oidc_identity_user" ON "user_oidc_identity" ("user_id", "issuer")`,
    );
    await queryRunner.query(`
      CREATE TABLE "oidc_pending_login" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "browser_hash" character(64) NOT NULL,
        "state" character varying(128) NOT NULL,
        "nonce" character varying(128) NOT NULL,
        "code_verifier" character varying(128) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_oidc_pending_login" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_oidc_pending_login_browser" ON "oidc_pending_login" ("browser_hash")`,
    );
    await queryRunner.query(`ALTER TABLE "web_session" ADD "oidc_id_token" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "web_session" DROP COLUMN "oidc_id_token"`);
    await queryRunner.query(`DROP TABLE "oidc_pending_login"`);
    await queryRunner.query(`DROP TABLE "user_oidc_identity"`);
    await queryRunner.query(`DROP INDEX "uq_organisation_siret"`);
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "sso_required", DROP COLUMN "siret"`);
  }
}
