/**
 * The house counts of issue 13, measured on the server code (libs and apps, not the web app, not the specs):
 * scoped data accesses, unscoped ones (query builders, find/exists/count, raw SQL), the escape hatch, the
 * `system` branches, the sideways reads of another lib's tables and the copies of the DTO helpers.
 *
 *   node scripts/house-counts.js          prints the counts
 *   node scripts/house-counts.js --files  also lists every unscoped access and hand-written change by file and line
 *   node scripts/house-counts.js --write-baseline   rewrites libs/authz/unscoped-baseline.json (the accesses
 *                                                   not migrated yet, per file; it may only shrink) and
 *                                                   libs/authz/hand-written-changes-baseline.json (the same
 *                                                   for the changes written outside auditedChange())
 *
 * `unscopedAccesses()` is what libs/authz/src/unscoped-access.spec.ts checks: outside the escape hatch
 * (`unscoped(manager, 'reason')`), the scoped layer itself (libs/authz) and the database plumbing (libs/db),
 * no data access may be written straight on an EntityManager or DataSource. `handWrittenChanges()` is what
 * libs/authz/src/hand-written-changes.spec.ts checks: a change of an existing record goes through
 * `auditedChange()` or `auditedRemoval()` (libs/authz/src/audited-change.ts), not a `recordAudit` with a `before`
 * state by hand; a change whose "row" is no one entity row states why under `auditedByHand('reason', …)`, counted
 * apart (`reasonedHandChanges`).
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'web') continue;
      walk(full, out);
    } else if (
      entry.name.endsWith('.ts') &&
      !entry.name.endsWith('.spec.ts') &&
      !entry.name.endsWith('.d.ts')
    ) {
      out.push(full);
    }
  }
  return out;
}

/** The server's source files, relative to the repository root. */
function sourceFiles() {
  return [...walk(path.join(ROOT, 'libs')), ...walk(path.join(ROOT, 'apps'))]
    .map((file) => path.relative(ROOT, file).split(path.sep).join('/'))
    .sort();
}

/** The text with its comments blanked (line numbers kept), so that a comment never counts as code. */
function stripComments(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, lead) => lead + ' '.repeat(m.length - lead.length));
}

const RECEIVER = String.raw`\b(?:manager|reader|dataSource|em|runner|lock|m)\s*`;
const PATTERNS = {
  queryBuilder: new RegExp(RECEIVER + String.raw`\.createQueryBuilder\s*\(`, 'g'),
  findExistsCount: new RegExp(
    RECEIVER +
      String.raw`\.(?:find|findOne|findOneBy|findBy|findAndCount|findAndCountBy|findOneOrFail|findOneByOrFail|exists|existsBy|count|countBy|sum|average|minimum|maximum)\s*\(`,
    'g',
  ),
  raw: new RegExp(RECEIVER + String.raw`\.query\s*(?:<[^>()]*>)?\s*\(`, 'g'),
};
const SCOPED = /\b(?:scopedQuery|findVisibleOrFail|visibleIds|applyScope|scoped)\s*\(/g;
const ESCAPE = /\bunscoped\s*\(/g;

/**
 * Files where an access on a bare manager is the implementation of the layers, not a use of them: the database
 * plumbing (libs/db), the scoped layer itself (libs/authz), the audit chain's locks and hash reads (below authz,
 * libs/core/src/audit), the rate-limit counters keyed by address or user (below authz, libs/core/src/http/rate-limits.ts),
 * the job queue's driver (libs/jobs) and the CLI commands (system work on a data source).
 */
function isInfrastructure(file) {
  return [
    'libs/db/',
    'libs/authz/src/',
    'libs/core/src/audit/',
    'libs/core/src/http/rate-limits.ts',
    'libs/jobs/',
    'apps/cli/',
  ].some((prefix) => file.startsWith(prefix));
}

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

/** Every unscoped data access outside the escape hatch: `{ file, line, kind }`. */
function unscopedAccesses() {
  const found = [];
  for (const file of sourceFiles()) {
    if (isInfrastructure(file)) continue;
    const text = stripComments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    for (const [kind, pattern] of Object.entries(PATTERNS)) {
      for (const match of text.matchAll(pattern)) found.push({ file, line: lineOf(text, match.index), kind });
    }
  }
  return found;
}

/** The text of a call's arguments, from the index just after its `(` to its matching `)` (strings skipped). */
function callArguments(text, start) {
  let depth = 1;
  let quote = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) return text.slice(start, i);
    }
  }
  return text.slice(start);
}

/** The one place a change of a record is written out (and the audit trail that defines `recordAudit`). */
const AUDITED_CHANGE_HOME = ['libs/authz/src/audited-change.ts', 'libs/core/src/audit/'];
/** An audit event property `before` holding a state (not `before: null`): the record existed before. */
const BEFORE_STATE = /(?:^|[{,])\s*before\s*(?::\s*(?!\s|null\b)|,|\})/m;

/**
 * Every change of an existing record written by hand outside `auditedChange()`: a `recordAudit(` call whose
 * event carries a `before` state (an update or a removal), outside audited-change.ts. `{ file, line }`.
 * What `auditedChange()` covers is an update; a removal counts too (its steps are written out as well).
 */
function handWrittenChanges() {
  const found = [];
  for (const file of sourceFiles()) {
    if (AUDITED_CHANGE_HOME.some((prefix) => file.startsWith(prefix))) continue;
    const text = stripComments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    for (const index of handWrittenChangesIn(text)) found.push({ file, line: lineOf(text, index) });
  }
  return found;
}

/**
 * The named exemption: an event wrapped in `auditedByHand('reason', …)` (libs/authz/src/audited-change.ts), for a
 * change whose "row" is no one entity row. Only a non-empty reason written as a literal makes the exemption.
 */
const REASONED = /\bauditedByHand\s*\(\s*(['"`])\s*[^\s'"`]/;

/** The `recordAudit(` calls of a source text whose event carries a `before` state: `{ index, reasoned }`. */
function changesIn(text) {
  return [...text.matchAll(/\brecordAudit\s*\(/g)]
    .filter((match) => !/function\s+$/.test(text.slice(0, match.index)))
    .map((match) => ({ index: match.index, args: callArguments(text, match.index + match[0].length) }))
    .filter(({ args }) => BEFORE_STATE.test(args))
    .map(({ index, args }) => ({ index, reasoned: REASONED.test(args) }));
}

/** The indices of the changes of a source text written by hand without the reasoned exemption. */
function handWrittenChangesIn(text) {
  return changesIn(text)
    .filter((c) => !c.reasoned)
    .map((c) => c.index);
}

/** The indices of the changes of a source text kept by hand under `auditedByHand('reason', …)`. */
function reasonedHandChangesIn(text) {
  return changesIn(text)
    .filter((c) => c.reasoned)
    .map((c) => c.index);
}

/** Every change kept by hand under the reasoned exemption `auditedByHand()`: `{ file, line }`. */
function reasonedHandChanges() {
  const found = [];
  for (const file of sourceFiles()) {
    if (AUDITED_CHANGE_HOME.some((prefix) => file.startsWith(prefix))) continue;
    const text = stripComments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    for (const index of reasonedHandChangesIn(text)) found.push({ file, line: lineOf(text, index) });
  }
  return found;
}

function countMatches(files, pattern, filter = () => true) {
  let n = 0;
  for (const file of files) {
    if (!filter(file)) continue;
    const text = stripComments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
    n += [...text.matchAll(pattern)].filter((m) => !/function\s+$/.test(text.slice(0, m.index))).length;
  }
  return n;
}

/**
 * A subject's name that is not a read of its data: a permission subject (`'ProcessingActivity'`, a string) or a
 * key of a table of labels (`ProcessingActivity: 'Traitement'`). The sideways counts skip both.
 */
const NOT_A_NAME_OF = String.raw`(?<!['"])`;
const NOT_A_KEY = String.raw`(?!['"]|\s*:)`;

function counts() {
  const files = sourceFiles();
  const notInfra = (file) => !isInfrastructure(file);
  const accesses = unscopedAccesses();
  const byKind = (kind) => accesses.filter((a) => a.kind === kind).length;
  const lib = (file) => file.split('/')[1];
  return {
    scopedCalls: countMatches(files, SCOPED, (f) => !f.startsWith('libs/authz/')),
    unscopedQueryBuilders: byKind('queryBuilder'),
    unscopedFindExistsCount: byKind('findExistsCount'),
    unscopedRawQueries: byKind('raw'),
    escapeHatch: countMatches(files, ESCAPE, notInfra),
    systemBranches: countMatches(
      files,
      /\bsystem\s*\?|options\.system\b|\bsystem\s*=\s*false\b|\bsystem\s*:\s*true\b/g,
    ),
    processingActivityOutsideRegister: countMatches(
      files,
      new RegExp(NOT_A_NAME_OF + /\bProcessingActivity\b(?!Links|Summary|Lookup)/.source + NOT_A_KEY, 'g'),
      (f) => f.startsWith('libs/') && lib(f) !== 'register',
    ),
    deploymentReadsOutsideCatalog: countMatches(
      files,
      new RegExp(
        NOT_A_NAME_OF +
          /\bDeployment\b(?!s?Service)/.source +
          NOT_A_KEY +
          /|\b(?:FROM|JOIN)\s+"?deployment"?\b/.source,
        'g',
      ),
      (f) =>
        f.startsWith('libs/') && lib(f) !== 'catalog' && lib(f) !== 'authz' && lib(f) !== 'reference-data',
    ),
    trimDeclarations: countMatches(
      files,
      /\b(?:const|function)\s+trim\b/g,
      (f) => !f.startsWith('libs/core/'),
    ),
    handWrittenChanges: handWrittenChanges().length,
    reasonedHandChanges: reasonedHandChanges().length,
    parisDateCopies: files.filter(
      (f) =>
        !f.startsWith('libs/core/') && fs.readFileSync(path.join(ROOT, f), 'utf8').includes("'Europe/Paris'"),
    ).length,
  };
}

const BASELINE = path.join(ROOT, 'libs/authz/unscoped-baseline.json');
const CHANGES_BASELINE = path.join(ROOT, 'libs/authz/hand-written-changes-baseline.json');

/** The number of unscoped accesses per file, sorted by file. */
function perFile() {
  const map = {};
  for (const a of unscopedAccesses()) map[a.file] = (map[a.file] ?? 0) + 1;
  return map;
}

/** The number of changes written by hand outside `auditedChange()` per file. */
function changesPerFile() {
  const map = {};
  for (const c of handWrittenChanges()) map[c.file] = (map[c.file] ?? 0) + 1;
  return map;
}

module.exports = {
  sourceFiles,
  unscopedAccesses,
  handWrittenChanges,
  handWrittenChangesIn,
  reasonedHandChanges,
  reasonedHandChangesIn,
  counts,
  perFile,
  changesPerFile,
  BASELINE,
  CHANGES_BASELINE,
};

if (require.main === module) {
  const result = counts();
  for (const [name, value] of Object.entries(result)) console.log(`${name.padEnd(36)} ${value}`);
  if (process.argv.includes('--files')) {
    for (const a of unscopedAccesses()) console.log(`${a.file}:${a.line}\t${a.kind}`);
    for (const c of handWrittenChanges()) console.log(`${c.file}:${c.line}\thandWrittenChange`);
    for (const c of reasonedHandChanges()) console.log(`${c.file}:${c.line}\treasonedHandChange`);
  }
  if (process.argv.includes('--write-baseline')) {
    fs.writeFileSync(BASELINE, JSON.stringify(perFile(), null, 2) + '\n');
    fs.writeFileSync(CHANGES_BASELINE, JSON.stringify(changesPerFile(), null, 2) + '\n');
    console.log(`wrote ${path.relative(ROOT, BASELINE)} and ${path.relative(ROOT, CHANGES_BASELINE)}`);
  }
}
