import { RequestContext } from '@vigie/core';
import { Column, DataSource, Entity, In, PrimaryColumn } from 'typeorm';
import { scoped, unscoped } from './scoped';

@Entity('processing_activity')
class FakeActivity {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'organisation_id', type: 'uuid' }) organisationId: string;
  @Column() name: string;
}

const ORG_A = '00000000-0000-4000-8000-00000000000a';

function dpoOf(organisationId: string): RequestContext {
  return new RequestContext('test', {
    userId: 'u',
    email: 'u@test',
    displayName: 'u',
    memberships: [{ organisationId, organisationName: 'A', kind: 'member', role: 'dpo' }],
  });
}

describe('the scoped data access', () => {
  const dataSource = new DataSource({ type: 'postgres', entities: [FakeActivity] });
  beforeAll(async () => {
    // Builds the entity metadata without connecting: the specs only look at the SQL.
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
  });

  function findSql(ctx: RequestContext) {
    const db = scoped(dataSource.manager, ctx);
    // The builder a scoped find runs, with the caller's where and select.
    return db
      .query('ProcessingActivity', FakeActivity, 'row')
      .setFindOptions({ select: { id: true }, where: { id: In(['x']) } })
      .getQueryAndParameters();
  }

  it("adds the caller's tenant filter and rules to the find options", () => {
    const [sql, parameters] = findSql(dpoOf(ORG_A));
    expect(sql).toContain('"row"."organisation_id" IN ($');
    expect(sql).toContain('"row"."id" IN ($');
    expect(sql).not.toContain('"row"."name"');
    expect(parameters).toEqual(expect.arrayContaining([ORG_A, 'x']));
  });

  it('is closed for a context without reach and open for system work', () => {
    expect(findSql(RequestContext.anonymous())[0]).toContain('1 = 0');
    const [system, parameters] = findSql(RequestContext.system('job'));
    expect(system).not.toContain('1 = 0');
    expect(system).not.toContain('organisation_id" IN');
    expect(parameters).toEqual(['x']);
  });

  it('names its escape hatch with a reason', () => {
    expect(unscoped(dataSource.manager, 'a lock on a row already read through scoped()')).toBe(
      dataSource.manager,
    );
    expect(() => unscoped(dataSource.manager, ' ')).toThrow(/reason/);
  });
});
