import { AbilityBuilder, createMongoAbility } from '@casl/ability';
import { abilityToBrackets, AppAbility, scopedQuery, UnsupportedRuleError } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { Organisation } from '@vigie/identity';
import { createTestApp, TestApp } from './support/test-app';

function ctx(
  memberships: { organisationId: string; role: string; kind?: 'operator' | 'member' | 'vendor' }[],
): RequestContext {
  return new RequestContext('t', {
    userId: '00000000-0000-4000-8000-000000000001',
    email: 'x@y.fr',
    displayName: 'X',
    memberships: memberships.map((m) => ({ organisationName: 'O', kind: m.kind ?? 'member', ...m })),
  });
}

/** The scoped-query helper turns the role table into SQL: both filters present, and closed by default. */
describe('Scoped queries (e2e)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('applies the tenant filter and the CASL rules as two separate SQL conditions', () => {
    const [sql, params] = scopedQuery(
      app.dataSource.manager,
      ctx([{ organisationId: 'a', role: 'dpo' }]),
      'read',
      'Organisation',
      Organisation,
      'o',
    ).getQueryAndParameters();
    expect(sql).toMatch(/"o"\."id" IN \(\$1\) AND \("o"\."id" = \$2\)/);
    expect(params).toEqual(['a', 'a']);
  });

  it('is closed when no rule applies: no membership, or an action no role grants', async () => {
    for (const caller of [RequestContext.anonymous(), ctx([{ organisationId: 'a', role: 'reader' }])]) {
      const qb = scopedQuery(app.dataSource.manager, caller, 'update', 'Organisation', Organisation, 'o');
      expect(qb.getQuery()).toContain('1 = 0');
      expect(await qb.getCount()).toBe(0);
    }
  });

  it('leaves "all" grants without a tenant filter', () => {
    const sql = scopedQuery(
      app.dataSource.manager,
      ctx([{ organisationId: 'op', role: 'admin', kind: 'operator' }]),
      'read',
      'Organisation',
      Organisation,
      'o',
    ).getQuery();
    expect(sql).not.toContain(' IN (');
    expect(sql).toContain('1 = 1');
  });

  it('refuses a rule on an unknown field or with an unsupported operator', () => {
    const build = (conditions: object) => {
      const { can, build: done } = new AbilityBuilder<AppAbility>(createMongoAbility);
      can('read', 'Organisation', conditions as never);
      return done();
    };
    const qb = () => app.dataSource.manager.createQueryBuilder(Organisation, 'o');
    expect(() =>
      qb()
        .where(abilityToBrackets(qb(), 'o', build({ nope: 1 }), 'read', 'Organisation'))
        .getQuery(),
    ).toThrow(UnsupportedRuleError);
    expect(() =>
      qb()
        .where(abilityToBrackets(qb(), 'o', build({ name: { $regex: 'x' } }), 'read', 'Organisation'))
        .getQuery(),
    ).toThrow(UnsupportedRuleError);
  });
});
