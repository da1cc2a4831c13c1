import { MigrationInterface, QueryRunner } from 'typeorm';

/** The Art. 28.3 first-subparagraph items, in checklist order (frozen here: later catalog changes are not ours). */
const NEW_KEYS = [
  'subject-matter-duration',
  'nature-purpose',
  'personal-data-types',
  'data-subject-categories',
  'controller-obligations-rights',
];

/**
 * The checklist of every existing contract gains the five items the first subparagraph of Art. 28.3 requires
 * the contract to set out (subject-matter and duration, nature and purpose, type of personal data, categories of
 * data subjects, obligations and rights of the controller). They come first, as in the article, and `missing`:
 * nobody has checked them in the contract yet, and a missing Art. 28.3 clause is shown as a non-compliance.
 */
export class ContractArt28Clauses1765300000000 implements MigrationInterface {
  name = 'ContractArt28Clauses1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "contract_clause" SET "position" = "position" + $1
       WHERE "contract_id" IN (SELECT "id" FROM "contract")`,
      [NEW_KEYS.length],
    );
    await queryRunner.query(
      `INSERT INTO "contract_clause"
         ("organisation_id", "contract_id", "key", "family", "position", "status", "comment")
       SELECT c."organisation_id", c."id", k.key, 'gdpr-art28', k.ord - 1, 'missing',
              'Clause ajoutée à la liste de contrôle (article 28.3, premier alinéa, du RGPD) : à vérifier dans le contrat'
       FROM "contract" c CROSS JOIN unnest($1::text[]) WITH ORDINALITY AS k(key, ord)
       ON CONFLICT ("contract_id", "key") DO NOTHING`,
      [NEW_KEYS],
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "contract_clause" WHERE "key" = ANY($1::text[])`, [NEW_KEYS]);
    await queryRunner.query(
      `UPDATE "contract_clause" SET "position" = "position" - $1 WHERE "position" >= $1`,
      [NEW_KEYS.length],
    );
  }
}
