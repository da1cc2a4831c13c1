import { HOSTING_LABELS, type ApplicationItem } from '../api/admin';

/** What the facts block shows of an application of the catalog. */
export type ApplicationFactsOf = Pick<
  ApplicationItem,
  'hosting' | 'dataLocation' | 'healthData' | 'purpose' | 'securityMeasures'
>;

/**
 * The facts of an application of the catalog (hosting, country of the data, health data, purpose, security
 * measures of the hosting), as a description list: the same block on the administrator's page and on the read-only
 * page reached from « Fournisseurs ».
 */
export function ApplicationFacts({ application }: { application: ApplicationFactsOf }) {
  return (
    <dl className="facts">
      <div>
        <dt>Hébergement</dt>
        <dd>{HOSTING_LABELS[application.hosting] ?? application.hosting}</dd>
      </div>
      <div>
        <dt>Pays où sont les données</dt>
        <dd>{application.dataLocation}</dd>
      </div>
      <div>
        <dt>Données de santé</dt>
        <dd>{application.healthData ? 'Oui (hébergement HDS)' : 'Non'}</dd>
      </div>
      <div>
        <dt>Finalité</dt>
        <dd>{application.purpose ?? <span className="muted">Non renseignée</span>}</dd>
      </div>
      <div>
        <dt>Mesures de sécurité de l'hébergement</dt>
        <dd>
          {application.securityMeasures.length ? (
            application.securityMeasures.join(' ; ')
          ) : (
            <span className="muted">Aucune</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
