/**
 * The SQL of the deployment table that other libs' queries need, written here so that the table stays the
 * catalog's: conditions of query builders scoped on another subject (e.g. the recurring campaigns' scan), and
 * raw SQL where a lib still needs it (the names of deployments in an audit trail).
 */

/**
 * The condition "the application `applicationId` is deployed for the organisation `organisationId`", both SQL
 * expressions (columns, or parameters such as `$1` or `:organisationId`).
 */
export function isDeployedSql(applicationId: string, organisationId: string): string {
  return `EXISTS (SELECT 1 FROM deployment deployed
    WHERE deployed.application_id = ${applicationId} AND deployed.organisation_id = ${organisationId})`;
}

/** How a deployment is named in an organisation's audit trail (`$1` the ids, `$2` the organisation). */
export const DEPLOYMENT_RECORD_NAMES_SQL = `SELECT d.id, a.name || ' (déploiement)' AS name
  FROM deployment d JOIN application a ON a.id = d.application_id
  WHERE d.id = ANY($1) AND d.organisation_id = $2`;
