import { readFileSync } from 'node:fs';

// The measuring script is plain CommonJS, shared with `node scripts/house-counts.js`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const house = require('../../../scripts/house-counts.js') as {
  changesPerFile(): Record<string, number>;
  handWrittenChangesIn(text: string): number[];
  reasonedHandChangesIn(text: string): number[];
  CHANGES_BASELINE: string;
};

/**
 * A change of an existing record goes through `auditedChange()` (libs/authz/src/audited-change.ts), which
 * loads the visible row with a lock, checks the version, applies, saves and writes the history and the audit
 * event. The changes still written by hand (a `recordAudit` whose event carries a `before` state, outside
 * audited-change.ts) are listed per file in libs/authz/hand-written-changes-baseline.json: none may be added,
 * and a file that loses some must be recorded (`node scripts/house-counts.js --write-baseline`) so the list only
 * shrinks, towards zero.
 */
describe('changes of a record written by hand outside auditedChange()', () => {
  const baseline = JSON.parse(readFileSync(house.CHANGES_BASELINE, 'utf8')) as Record<string, number>;
  const actual = house.changesPerFile();

  it('counts an audit event with a before state, not a creation', () => {
    const count = (text: string) => house.handWrittenChangesIn(text).length;
    expect(count("await recordAudit(manager, ctx, { action: 'x.update', before, after: row });")).toBe(1);
    expect(
      count('recordAudit(m, ctx, {\n  entityId: row.id,\n  before: { ...row },\n  after: null,\n});'),
    ).toBe(1);
    expect(count("recordAudit(m, ctx, { changes: { status: { before: 'a', after: 'b' } } })")).toBe(1);
    expect(count("recordAudit(m, ctx, { action: 'x.create', before: null, after: row })")).toBe(0);
    expect(count("recordAudit(m, ctx, { action: 'x.copy', before: null, after: before })")).toBe(0);
    expect(count('export async function recordAudit(manager, ctx, event) {}')).toBe(0);
  });

  it('counts a change kept by hand under auditedByHand() with a reason apart, and only with a reason', () => {
    const event = "{ action: 'x.import', before: { n: 1 }, after: { n: 2 } }";
    const reasoned = `recordAudit(m, ctx, auditedByHand('a whole directory', ${event}));`;
    expect(house.handWrittenChangesIn(reasoned)).toHaveLength(0);
    expect(house.reasonedHandChangesIn(reasoned)).toHaveLength(1);
    for (const unreasoned of [
      `recordAudit(m, ctx, auditedByHand('', ${event}));`,
      `recordAudit(m, ctx, auditedByHand(reason, ${event}));`,
      `recordAudit(m, ctx, ${event});`,
    ]) {
      expect(house.handWrittenChangesIn(unreasoned)).toHaveLength(1);
      expect(house.reasonedHandChangesIn(unreasoned)).toHaveLength(0);
    }
  });

  it('adds none', () => {
    const grown = Object.entries(actual)
      .filter(([file, n]) => n > (baseline[file] ?? 0))
      .map(([file, n]) => `${file}: ${n} (baseline ${baseline[file] ?? 0})`);
    expect(grown).toEqual([]);
  });

  it('records every conversion in the baseline, so it only shrinks', () => {
    const shrunk = Object.entries(baseline)
      .filter(([file, n]) => (actual[file] ?? 0) < n)
      .map(([file, n]) => `${file}: ${actual[file] ?? 0} (baseline ${n})`);
    expect(shrunk).toEqual([]);
  });
});
