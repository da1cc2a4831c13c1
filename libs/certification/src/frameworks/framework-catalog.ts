import { unscoped } from '@vigie/authz';
import { recordAudit, RequestContext } from '@vigie/core';
import { EntityManager } from 'typeorm';
import { builtinFrameworks } from './builtin-frameworks';
import {
  FrameworkDefinition,
  ValidFrameworkDefinition,
  validateFrameworkDefinition,
} from './framework-definition';

// Serialises catalog writes across instances starting together and a concurrent `framework:import`.
const CATALOG_LOCK_KEY = 7_340_050;

/** A framework definition that cannot be imported; `errors` lists every problem found. */
export class FrameworkImportError extends Error {
  constructor(readonly errors: string[]) {
    super(`The framework cannot be imported:\n- ${errors.join('\n- ')}`);
  }
}

export interface CatalogOutcome {
  /** Codes of the built-in frameworks created by this call. */
  created: string[];
  /** Warnings for an operator (e.g. a stored framework with another edition than the shipped one). */
  warnings: string[];
}

/**
 * Makes the built-in frameworks present and complete, idempotently: a missing framework is created, missing
 * requirements are added and corrected reference texts (name, description and activities of the framework;
 * title, group, their English versions, anchor and order of its requirements) are updated in place.
 * Requirements are never deleted (assessments refer to them), and a stored framework of another edition is
 * left alone with a warning: a new edition is shipped under a new code. Raw SQL only, so that the CLI can run
 * it without the Nest application.
 */
export async function ensureBuiltinFrameworks(manager: EntityManager): Promise<CatalogOutcome> {
  const catalog = unscoped(
    manager,
    'installs the built-in frameworks at start-up or from the CLI, before any caller: global reference data',
  );
  await catalog.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK_KEY]);
  const outcome: CatalogOutcome = { created: [], warnings: [] };
  for (const raw of builtinFrameworks()) {
    const check = validateFrameworkDefinition(raw);
    if (!check.ok) throw new FrameworkImportError(check.errors.map((e) => `${raw.code}: ${e}`));
    const definition = check.definition;
    const inserted: { id: string }[] = await catalog.query(
      `INSERT INTO framework (code, name, edition, description, builtin, activities)
       VALUES ($1, $2, $3, $4, true, $5::jsonb)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [
        definition.code,
        definition.name,
        definition.edition,
        definition.description ?? null,
        JSON.stringify(definition.activities),
      ],
    );
    let frameworkId: string;
    if (inserted.length > 0) {
      frameworkId = inserted[0].id;
      outcome.created.push(definition.code);
    } else {
      const [stored]: { id: string; edition: string; builtin: boolean }[] = await catalog.query(
        'SELECT id, edition, builtin FROM framework WHERE code = $1',
        [definition.code],
      );
      if (!stored.builtin || stored.edition !== definition.edition) {
        outcome.warnings.push(
          `Framework ${definition.code} is stored as ${stored.builtin ? 'built-in' : 'imported'} edition ` +
            `"${stored.edition}"; the shipped edition "${definition.edition}" was not applied`,
        );
        continue;
      }
      frameworkId = stored.id;
      // Reference texts of the framework itself (e.g. the HDS activities, corrected in place).
      await catalog.query(
        `UPDATE framework SET name = $2, description = $3, activities = $4::jsonb
         WHERE id = $1 AND (name, description, activities) IS DISTINCT FROM ($2, $3, $4::jsonb)`,
        [frameworkId, definition.name, definition.description ?? null, JSON.stringify(definition.activities)],
      );
    }
    await upsertRequirements(catalog, frameworkId, definition);
  }
  return outcome;
}

/**
 * Imports a custom framework after checking its structure, that its code is free and that its anchors name
 * requirements Vigie holds. Throws {@link FrameworkImportError} listing every problem; writes nothing then.
 */
export async function importFramework(
  manager: EntityManager,
  ctx: RequestContext,
  input: unknown,
): Promise<{ id: string; code: string; requirements: number; assessable: number }> {
  const check = validateFrameworkDefinition(input);
  if (!check.ok) throw new FrameworkImportError(check.errors);
  const definition = check.definition;
  const catalog = unscoped(
    manager,
    'imports a framework into the catalog, after the route’s permission check: global reference data',
  );
  await catalog.query('SELECT pg_advisory_xact_lock($1)', [CATALOG_LOCK_KEY]);
  const errors: string[] = [];
  const existing: unknown[] = await catalog.query('SELECT 1 FROM framework WHERE code = $1', [
    definition.code,
  ]);
  if (existing.length > 0) errors.push(`code : un référentiel « ${definition.code} » existe déjà`);
  errors.push(...(await anchorErrors(catalog, definition)));
  if (errors.length > 0) throw new FrameworkImportError(errors);

  const [{ id }]: { id: string }[] = await catalog.query(
    `INSERT INTO framework (code, name, edition, description, builtin, activities)
     VALUES ($1, $2, $3, $4, false, $5::jsonb) RETURNING id`,
    [
      definition.code,
      definition.name,
      definition.edition,
      definition.description ?? null,
      JSON.stringify(definition.activities),
    ],
  );
  await upsertRequirements(catalog, id, definition);
  const assessable = definition.requirements.filter((r) => r.assessable).length;
  await recordAudit(manager, ctx, {
    action: 'framework.import',
    entity: 'framework',
    entityId: id,
    organisationId: null,
    before: null,
    after: {
      code: definition.code,
      name: definition.name,
      edition: definition.edition,
      requirements: definition.requirements.length,
      assessable,
    },
  });
  return { id, code: definition.code, requirements: definition.requirements.length, assessable };
}

/** `catalog`: the unscoped manager of the catalog write that calls this (global reference data). */
async function anchorErrors(catalog: EntityManager, definition: ValidFrameworkDefinition): Promise<string[]> {
  const links = definition.requirements
    .map((requirement, index) => ({ index, anchor: requirement.anchor }))
    .filter(
      (item): item is { index: number; anchor: { framework: string; ref: string } } =>
        typeof item.anchor === 'object' && item.anchor !== null,
    );
  if (links.length === 0) return [];
  const known: { code: string; ref: string }[] = await catalog.query(
    `SELECT f.code, r.ref FROM framework f JOIN framework_requirement r ON r.framework_id = f.id
     WHERE f.code = ANY($1::text[])`,
    [[...new Set(links.map((l) => l.anchor.framework))]],
  );
  const codes = new Set(known.map((k) => k.code));
  const refs = new Set(known.map((k) => `${k.code} ${k.ref}`));
  const ownRefs = new Set(definition.requirements.map((r) => r.ref));
  const errors: string[] = [];
  for (const { index, anchor } of links) {
    const path = `requirements[${index}].anchor`;
    if (anchor.framework === definition.code) {
      if (!ownRefs.has(anchor.ref))
        errors.push(`${path} : ce référentiel n’a pas d’exigence « ${anchor.ref} »`);
    } else if (!codes.has(anchor.framework)) {
      errors.push(`${path} : Vigie ne détient aucun référentiel « ${anchor.framework} »`);
    } else if (!refs.has(`${anchor.framework} ${anchor.ref}`)) {
      errors.push(`${path} : le référentiel « ${anchor.framework} » n’a pas d’exigence « ${anchor.ref} »`);
    }
  }
  return errors;
}

/**
 * One statement for all requirements (unnest of parallel arrays), correcting reference texts in place.
 * `catalog`: the unscoped manager of the catalog write that calls this (global reference data).
 */
async function upsertRequirements(
  catalog: EntityManager,
  frameworkId: string,
  definition: ValidFrameworkDefinition,
): Promise<void> {
  const rows = definition.requirements;
  const anchorOf = (anchor: FrameworkDefinition['requirements'][number]['anchor']) =>
    typeof anchor === 'string'
      ? { text: anchor, framework: null, ref: null }
      : anchor
        ? { text: anchor.ref, framework: anchor.framework, ref: anchor.ref }
        : { text: null, framework: null, ref: null };
  const anchors = rows.map((r) => anchorOf(r.anchor));
  await catalog.query(
    `INSERT INTO framework_requirement
       (framework_id, ref, title, title_en, kind, group_label, group_label_en, parent_ref, anchor,
        anchor_framework_code, anchor_ref, assessable, position)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                              $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::int[])
     ON CONFLICT (framework_id, ref) DO UPDATE SET
       title = EXCLUDED.title, title_en = EXCLUDED.title_en, group_label = EXCLUDED.group_label,
       group_label_en = EXCLUDED.group_label_en, anchor = EXCLUDED.anchor,
       anchor_framework_code = EXCLUDED.anchor_framework_code, anchor_ref = EXCLUDED.anchor_ref,
       position = EXCLUDED.position
     WHERE (framework_requirement.title, framework_requirement.title_en, framework_requirement.group_label,
            framework_requirement.group_label_en, framework_requirement.anchor,
            framework_requirement.anchor_framework_code, framework_requirement.anchor_ref,
            framework_requirement.position)
       IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.title_en, EXCLUDED.group_label, EXCLUDED.group_label_en,
            EXCLUDED.anchor, EXCLUDED.anchor_framework_code, EXCLUDED.anchor_ref, EXCLUDED.position)`,
    [
      frameworkId,
      rows.map((r) => r.ref),
      rows.map((r) => r.title),
      rows.map((r) => r.titleEn ?? null),
      rows.map((r) => r.kind),
      rows.map((r) => r.group),
      rows.map((r) => r.groupEn ?? null),
      rows.map((r) => r.parent ?? null),
      anchors.map((a) => a.text),
      anchors.map((a) => a.framework),
      anchors.map((a) => a.ref),
      rows.map((r) => r.assessable),
      rows.map((_, index) => index + 1),
    ],
  );
}
