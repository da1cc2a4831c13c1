import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { applicationById, deploymentsOf } from '../api/admin';
import { ApiError } from '../api/client';
import { formatDate } from '../format';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { ApplicationFacts } from './application-facts';
import { ApplicationVendorAssurance } from './vendor-assurance';
import { useVendorManager } from './vendors';

function ApplicationNotFound() {
  return (
    <Page title="Application introuvable">
      <p>Cette application est introuvable : elle n'existe pas, ou vous n'y avez pas accès.</p>
      <p>
        <Link to="/fournisseurs">Retour aux fournisseurs</Link>
      </p>
    </Page>
  );
}

/**
 * An application of the catalog, read only (the security officer's view from « Fournisseurs »): its facts, the
 * assurance of its vendor and the members that use it. The administrator edits it under « Administration ».
 */
export default function ApplicationPage() {
  const { id = '' } = useParams();
  const manager = useVendorManager();
  const application = useQuery({ queryKey: ['application', id], queryFn: () => applicationById(id) });
  const deployments = useQuery({
    queryKey: ['application', id, 'deployments'],
    queryFn: () => deploymentsOf(id),
    enabled: application.isSuccess,
  });
  if (application.isPending) return <Loading />;
  if (application.isError)
    return application.error instanceof ApiError && [400, 403, 404].includes(application.error.status) ? (
      <ApplicationNotFound />
    ) : (
      <Page title="Application">
        <ErrorNotice>L'application n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  const a = application.data;
  return (
    <Page title={`Application — ${a.name}`} heading={a.name}>
      <p className="lead">
        {a.domain} · <Link to="/fournisseurs">Fournisseurs</Link>
      </p>
      <ApplicationFacts application={a} />
      <ApplicationVendorAssurance applicationId={a.id} vendorLink={manager} />
      {deployments.isError ? null : (
        <section aria-labelledby="application-members">
          <h2 id="application-members">Membres qui l'utilisent</h2>
          {deployments.isPending ? <Loading /> : null}
          {deployments.data ? (
            deployments.data.items.length === 0 ? (
              <p>Aucun membre n'utilise encore cette application.</p>
            ) : (
              <ul>
                {deployments.data.items.map((d) => (
                  <li key={d.id}>
                    {d.organisationName} <span className="muted">(depuis le {formatDate(d.createdAt)})</span>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </section>
      )}
    </Page>
  );
}
