import { RequestContext } from '@vigie/core';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createMongoAbility } from '@casl/ability';
import { abilityFor, AppAbility } from './ability';
import { abilityToBrackets, UnsupportedRuleError } from './casl-to-sql';
import { applyScope, canInOrganisation } from './scoped-query';
import type { Role } from './roles';

@Entity('application')
class FakeApplication {
  @PrimaryColumn('uuid') id: string;
  @Column() name: string;
}

@Entity('register_template')
class FakeTemplate {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId: string;
}

@Entity('processing_activity')
class FakeActivity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
}

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const OPERATOR = '00000000-0000-4000-8000-0000000000ff';

function ctxWith(...memberships: [string, Role][]): RequestContext {
  return new RequestContext('test', {
    userId: 'u',
    email: 'u@test',
    displayName: 'u',
    memberships: memberships.map(([organisationId, role]) => ({
      organisationId,
      organisationName: organisationId,
      kind: role === 'admin' || role === 'security-officer' || role === 'auditor' ? 'operator' : 'member',
      role,
    })),
  });
}

describe('scoped queries through a relation', () => {
  const dataSource = new DataSource({
    type: 'postgres',
    entities: [FakeApplication, FakeTemplate, FakeActivity],
  });
  beforeAll(async () => {
    // Builds the entity metadata without connecting: the specs only look at the SQL.
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  function sql(
    ctx: RequestContext,
    entity: typeof FakeApplication | typeof FakeTemplate | typeof FakeActivity,
  ) {
    const subject =
      entity === FakeApplication
        ? 'Application'
        : entity === FakeTemplate
          ? 'RegisterTemplate'
          : 'ProcessingActivity';
    const qb = applyScope(dataSource.createQueryBuilder(entity, 'a'), 'a', ctx, 'read', subject);
    const [query, parameters] = qb.getQueryAndParameters();
    return { query, parameters };
  }

  it("scopes a member's application reads through the deployment table, twice (tenant filter and CASL)", () => {
    const { query, parameters } = sql(ctxWith([ORG_A, 'dpo'], [ORG_B, 'reader']), FakeApplication);
    const subqueries = query.match(
      /"a"\."id" IN \(SELECT "application_id" FROM "deployment" WHERE "organisation_id" IN \(/g,
    );
    expect(subqueries).toHaveLength(3); // tenant filter on both organisations + one CASL rule per membership
    expect(parameters).toEqual(expect.arrayContaining([ORG_A, ORG_B]));
  });

  it('uses the relation column of the subject when it is not the id', () => {
    const { query } = sql(ctxWith([ORG_A, 'editor']), FakeTemplate);
    expect(query).toContain(
      `"a"."application_id" IN (SELECT "application_id" FROM "deployment" WHERE "organisation_id" IN (`,
    );
  });

  it('leaves operator roles unrestricted on the catalog they manage', () => {
    const { query } = sql(ctxWith([OPERATOR, 'admin']), FakeApplication);
    expect(query).not.toContain('deployment');
    expect(query).not.toContain('1 = 0');
  });

  it('fails closed for a vendor contact and for operator roles on a register', () => {
    expect(sql(ctxWith([ORG_A, 'vendor-contact']), FakeApplication).query).toContain('1 = 0');
    expect(sql(ctxWith([OPERATOR, 'admin']), FakeActivity).query).toContain('1 = 0');
    expect(sql(ctxWith([OPERATOR, 'security-officer']), FakeActivity).query).toContain('1 = 0');
    expect(sql(RequestContext.anonymous(), FakeApplication).query).toContain('1 = 0');
  });

  it('lets system work read every organisation, with no tenant filter and an open rule', () => {
    for (const entity of [FakeApplication, FakeTemplate, FakeActivity]) {
      const { query, parameters } = sql(RequestContext.system('job'), entity);
      expect(query).not.toContain('1 = 0');
      expect(query).not.toContain('deployment');
      expect(query).toContain('1 = 1');
      expect(parameters).toEqual([]);
    }
  });

  it('keeps a register scoped to the caller organisations by column', () => {
    const { query, parameters } = sql(ctxWith([ORG_A, 'dpo']), FakeActivity);
    expect(query).toContain('"a"."organisation_id" IN (');
    expect(parameters).toContain(ORG_A);
    expect(parameters).not.toContain(ORG_B);
  });

  it('refuses operators the relation field cannot translate', () => {
    // A rule with a comparison operator on the relation field: unsupported, so refused rather than guessed.
    // (A fresh ability: the callers' abilities are never mutated.)
    const ability = createMongoAbility([
      { action: 'read', subject: 'Application', conditions: { deployedTo: { $gt: ORG_A } } },
    ]) as AppAbility;
    const qb = dataSource.createQueryBuilder(FakeApplication, 'a');
    expect(() => qb.where(abilityToBrackets(qb, 'a', ability, 'read', 'Application')).getQuery()).toThrow(
      UnsupportedRuleError,
    );
  });

  it('checks the relation in memory on a record that carries it', () => {
    const ability = abilityFor(ctxWith([ORG_A, 'reader']));
    expect(
      ability.can('read', { __caslSubjectType__: 'Application', deployedTo: [ORG_B, ORG_A] } as never),
    ).toBe(true);
    expect(ability.can('read', { __caslSubjectType__: 'Application', deployedTo: [ORG_B] } as never)).toBe(
      false,
    );
  });

  it('tells whether a role may act on a whole organisation of a subject', () => {
    const dpo = ctxWith([ORG_A, 'dpo']);
    const editor = ctxWith([ORG_A, 'editor']);
    expect(canInOrganisation(dpo, 'validate', 'ProcessingActivity', ORG_A)).toBe(true);
    expect(canInOrganisation(dpo, 'read', 'ProcessingActivity', ORG_B)).toBe(false);
    expect(canInOrganisation(editor, 'update', 'ProcessingActivity', ORG_A)).toBe(true);
    expect(canInOrganisation(editor, 'validate', 'ProcessingActivity', ORG_A)).toBe(false);
    expect(canInOrganisation(ctxWith([ORG_A, 'reader']), 'create', 'ProcessingActivity', ORG_A)).toBe(false);
    expect(canInOrganisation(ctxWith([OPERATOR, 'admin']), 'read', 'ProcessingActivity', ORG_A)).toBe(false);
  });
});
