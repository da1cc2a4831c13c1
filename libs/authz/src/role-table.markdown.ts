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
        const grants = ROLE_TABLE[role].filter((g) => g.subject === subject && g.actions.includes(action));
        return grants
          .map((grant) => {
            const scope = grant.scope === 'any' ? 'all' : grant.userField ? 'assigned' : 'own';
            const only = Object.entries(grant.only ?? {}).map(
              ([field, values]) => `${field}: ${values.join(', ')}`,
            );
            return only.length ? `${scope} (${only.join('; ')})` : scope;
          })
          .join(' + ');
      });
      if (cells.some(Boolean)) rows.push(`| ${subject} | ${action} | ${cells.join(' | ')} |`);
    }
  }
  return [header, separator, ...rows].join('\n');
}
