import { subject } from '@casl/ability';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestContext } from '@vigie/core';
import { abilityFor, tenantScope } from './ability';
import { renderRoleTableMarkdown } from './role-table.markdown';
import { ROLE_TABLE } from './role-table';
import { ALL_ROLES } from './roles';

function ctxWith(role: string, organisationId = 'org-a'): RequestContext {
  return new RequestContext('test', {
    userId: 'u1',
    email: 'u@x.fr',
    displayName: 'U',
    memberships: [{ organisationId, organisationName: 'A', kind: 'member', role }],
  });
}

describe('role table', () => {
  it('gives every role an entry', () => {
    expect(Object.keys(ROLE_TABLE).sort()).toEqual([...ALL_ROLES].sort());
  });

  it('is shown in the README exactly as in libs/authz (npm run docs:roles rewrites it)', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(
      `<!-- role-table:start -->\n${renderRoleTableMarkdown()}\n<!-- role-table:end -->`,
    );
  });

  it('derives the tenant scope from the memberships, independently of CASL', () => {
    expect(tenantScope(ctxWith('dpo', 'org-a'), 'read', 'Organisation')).toEqual(['org-a']);
    expect(tenantScope(ctxWith('admin', 'op'), 'read', 'Organisation')).toBe('any');
    expect(tenantScope(ctxWith('reader', 'org-a'), 'create', 'Organisation')).toEqual([]);
    expect(tenantScope(RequestContext.anonymous(), 'read', 'Organisation')).toEqual([]);
  });

  it('gives system work an explicit all-organisations scope, and an anonymous context none', () => {
    const system = RequestContext.system('job');
    expect(system.allOrganisations).toBe(true);
    expect(system.actor).toBeNull();
    expect(tenantScope(system, 'update', 'ProcessingActivity')).toBe('any');
    expect(abilityFor(system).can('validate', subject('Breach', { organisationId: 'org-b' }))).toBe(true);
    const anonymous = RequestContext.anonymous();
    expect(anonymous.allOrganisations).toBe(false);
    expect(tenantScope(anonymous, 'read', 'ProcessingActivity')).toEqual([]);
    expect(abilityFor(anonymous).can('read', subject('Breach', { organisationId: 'org-b' }))).toBe(false);
    expect(new RequestContext('r', null).allOrganisations).toBe(false);
  });

  it('builds an ability that allows own-organisation records only', () => {
    const ability = abilityFor(ctxWith('dpo', 'org-a'));
    expect(ability.can('read', 'Organisation')).toBe(true);
    expect(ability.can('update', 'Organisation')).toBe(false);
  });

  it('narrows `userField` grants to the records assigned to the caller', () => {
    const editor = abilityFor(ctxWith('editor', 'org-a'));
    const item = (reviewerId: string, organisationId = 'org-a') =>
      subject('AccessReviewItem', { organisationId, reviewerId });
    expect(editor.can('decide', item('u1'))).toBe(true);
    expect(editor.can('decide', item('u2'))).toBe(false);
    expect(editor.can('decide', item('u1', 'org-b'))).toBe(false);
    const dpo = abilityFor(ctxWith('dpo', 'org-a'));
    expect(dpo.can('decide', item('u2'))).toBe(true);
    const noUser = new RequestContext('test', {
      userId: '',
      email: 'x@x.fr',
      displayName: 'X',
      memberships: [{ organisationId: 'org-a', organisationName: 'A', kind: 'member', role: 'editor' }],
    });
    expect(abilityFor(noUser).can('decide', item(''))).toBe(false);
  });
});
