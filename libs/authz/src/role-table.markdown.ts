import { ALL_ROLES } from './roles';
import { ACTIONS, ROLE_TABLE, Subject } from './role-table';

/**
 * The role table as Markdown, for the README (a unit test keeps the README equal to this rendering):
 * one row per subject and action, one column per role; `own` = in the organisations where the role is held,
 * `all` = in every organisation, `assigned` = in those organisations, only the records assigned to the user.
 */
export function renderRoleTableMarkdown(): string {
  const subjects = [
    ...new Set(Object.values(ROLE_TABLE).flatMap((grants) => grants.map((g) => g.subject))),
  ] as Subject[];
  const header = `| Subject | Action | ${ALL_ROLES.join(' | ')} |`;
  const separator = `|---|---|${ALL_ROLES.map(() => ':-:').join('|')}|`;
  const rows: string[] = [];
  for (const subject of subjects) {
    for (const action of ACTIONS) {
      const cells = ALL_ROLES.map((role) => {
        const grant = ROLE_TABLE[role].find((g) => g.subject === subject && g.actions.includes(action));
        if (!grant) return '';
        return grant.scope === 'any' ? 'all' : grant.userField ? 'assigned' : 'own';
      });
      if (cells.some(Boolean)) rows.push(`| ${subject} | ${action} | ${cells.join(' | ')} |`);
    }
  }
  return [header, separator, ...rows].join('\n');
}
