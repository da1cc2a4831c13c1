import { MigrationInterface, QueryRunner } from 'typeorm';

type Json = Record<string, unknown>;

/** The safeguard keys of this migration's time (kept here: a migration does not follow later code). */
const SAFEGUARD_KEYS = [
  'adequacy-decision',
  'standard-contractual-clauses',
  'binding-corporate-rules',
  'public-authorities-instrument',
  'supervisory-authority-clauses',
  'code-of-conduct',
  'certification',
  'ad-hoc-contractual-clauses',
  'administrative-arrangement',
  'derogation',
];

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const WORDS: [RegExp, string][] = [
  [/regles d'entreprise contraignantes|\bbcr\b|binding corporate/, 'binding-corporate-rules'],
  [
    /clauses? contractuelles? types?|\bcct\b|\bscc\b|standard contractual|2021\/914/,
    'standard-contractual-clauses',
  ],
  [/adequation|adequacy|data privacy framework|\bdpf\b|art\. ?45|article 45/, 'adequacy-decision'],
  [/code de conduite|code of conduct/, 'code-of-conduct'],
  [/certification/, 'certification'],
  [/arrangement administratif/, 'administrative-arrangement'],
  [/derogation|\bart(icle|\.)? ?49\b/, 'derogation'],
];

/** A free-text safeguard becomes the closest key of the list, the text kept as the precision. */
function transferUp(transfer: Json): Json {
  const text = typeof transfer.safeguard === 'string' ? transfer.safeguard.trim() : '';
  if (!text || SAFEGUARD_KEYS.includes(text)) return transfer;
  const folded = fold(text);
  const key = WORDS.find(([pattern]) => pattern.test(folded))?.[1];
  const { safeguard: _text, ...rest } = transfer;
  const derogation = key === 'derogation' ? /49\.?\s?1\.?\s?([a-g])\b/.exec(folded)?.[1] : undefined;
  return {
    ...rest,
    ...(key ? { safeguard: key } : {}),
    ...(derogation ? { derogation } : {}),
    safeguardDetail: text,
  };
}

function transferDown(transfer: Json): Json {
  const { safeguardDetail, derogation: _derogation, internationalOrganisation: _io, ...rest } = transfer;
  return typeof safeguardDetail === 'string' ? { ...rest, safeguard: safeguardDetail } : rest;
}

/** The NIR leaves the special categories for its own field (its former condition kept for the record). */
function nirUp(specials: Json[]): { specialCategories: Json[]; nir: Json | null } {
  const nir = specials.find((s) => s.category === 'nir');
  return {
    specialCategories: specials.filter((s) => s.category !== 'nir'),
    nir: nir
      ? { used: true, ...(typeof nir.condition === 'string' ? { legacyCondition: nir.condition } : {}) }
      : null,
  };
}

function nirDown(specials: Json[], nir: Json | null | undefined): Json[] {
  if (!nir || nir.used !== true || specials.some((s) => s.category === 'nir')) return specials;
  return [...specials, { category: 'nir', condition: nir.legacyCondition ?? '9.2.b' }];
}

/**
 * The register's legal rules: the NIR in its own field (`nir`, not an Art. 9 category), the DPIA carried out
 * (`dpia_assessment`), transfer safeguards as keys of a list with a precision. Existing entries and templates
 * are migrated: their `nir` special category moves to the new field, their free-text safeguards become the
 * closest key (or stay as the precision alone).
 */
export class RegisterRules1765000000000 implements MigrationInterface {
  name = 'RegisterRules1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "processing_activity" ADD "nir" jsonb`);
    await queryRunner.query(`ALTER TABLE "processing_activity" ADD "dpia_assessment" jsonb`);

    const activities: { id: string; special_categories: Json[]; transfers: Json[] }[] =
      await queryRunner.query(
        `SELECT "id", "special_categories", "transfers" FROM "processing_activity"
        WHERE "special_categories" @> '[{"category": "nir"}]' OR jsonb_path_exists("transfers", '$[*].safeguard')`,
      );
    for (const row of activities) {
      const { specialCategories, nir } = nirUp(row.special_categories);
      await queryRunner.query(
        `UPDATE "processing_activity" SET "special_categories" = $2, "nir" = $3, "transfers" = $4 WHERE "id" = $1`,
        [
          row.id,
          JSON.stringify(specialCategories),
          nir ? JSON.stringify(nir) : null,
          JSON.stringify(row.transfers.map(transferUp)),
        ],
      );
    }
    await this.templates(queryRunner, (content) => {
      const { specialCategories, nir } = nirUp((content.specialCategories as Json[] | undefined) ?? []);
      return {
        ...content,
        specialCategories,
        nir: (content.nir as Json | undefined) ?? nir,
        transfers: ((content.transfers as Json[] | undefined) ?? []).map(transferUp),
      };
    });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.templates(queryRunner, (content) => {
      const { nir, ...rest } = content;
      return {
        ...rest,
        specialCategories: nirDown((content.specialCategories as Json[] | undefined) ?? [], nir as Json),
        transfers: ((content.transfers as Json[] | undefined) ?? []).map(transferDown),
      };
    });
    const activities: { id: string; special_categories: Json[]; transfers: Json[]; nir: Json | null }[] =
      await queryRunner.query(
        `SELECT "id", "special_categories", "transfers", "nir" FROM "processing_activity"
          WHERE "nir" IS NOT NULL OR "transfers" <> '[]'`,
      );
    for (const row of activities) {
      await queryRunner.query(
        `UPDATE "processing_activity" SET "special_categories" = $2, "transfers" = $3 WHERE "id" = $1`,
        [
          row.id,
          JSON.stringify(nirDown(row.special_categories, row.nir)),
          JSON.stringify(row.transfers.map(transferDown)),
        ],
      );
    }
    await queryRunner.query(`ALTER TABLE "processing_activity" DROP COLUMN "dpia_assessment"`);
    await queryRunner.query(`ALTER TABLE "processing_activity" DROP COLUMN "nir"`);
  }

  /** Rewrites the content of every template and template version. */
  private async templates(queryRunner: QueryRunner, change: (content: Json) => Json): Promise<void> {
    const templates: { id: string; content: Json }[] = await queryRunner.query(
      `SELECT "id", "content" FROM "register_template"`,
    );
    for (const row of templates) {
      await queryRunner.query(`UPDATE "register_template" SET "content" = $2 WHERE "id" = $1`, [
        row.id,
        JSON.stringify(change(row.content)),
      ]);
    }
    const versions: { template_id: string; version: number; content: Json }[] = await queryRunner.query(
      `SELECT "template_id", "version", "content" FROM "register_template_version"`,
    );
    for (const row of versions) {
      await queryRunner.query(
        `UPDATE "register_template_version" SET "content" = $3 WHERE "template_id" = $1 AND "version" = $2`,
        [row.template_id, row.version, JSON.stringify(change(row.content))],
      );
    }
  }
}
