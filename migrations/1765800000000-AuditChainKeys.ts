import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events hashed with an HMAC under a key kept outside the database. Events already written keep their
 * plain SHA-256 (`keyed = false`): the key is not in the database, so they cannot be rehashed here; the chain
 * verification accepts them only before the first keyed event.
 */
export class AuditChainKeys1765800000000 implements MigrationInterface {
  name = 'AuditChainKeys1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "keyed" boolean NOT NULL DEFAULT false`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "keyed"`);
  }
}
