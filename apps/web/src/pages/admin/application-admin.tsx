import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  applicationById,
  deploymentsOf,
  organisationsList,
  templatesOf,
  type DeploymentItem,
} from '../../api/admin';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDate, formatDateTime } from '../../format';
import { SelectField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { ApplicationFacts } from '../application-facts';
import { ApplicationVendorAssurance } from '../vendor-assurance';
import { AdminForm, Done } from './forms';

function ApplicationNotFound() {
  return (
    <Page title="Application introuvable">
      <p>Cette application est introuvable : elle n'existe pas, ou vous n'y avez pas accès.</p>
      <p>
        <Link to="/">Retour au tableau de bord</Link>
      </p>
    </Page>
  );
}

function DeploymentRow({ deployment, onDone }: { deployment: DeploymentItem; onDone: (m: string) => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string>();
  async function remove() {
    setFailure(undefined);
    try {
      await unwrap(
        api.DELETE('/api/v1/applications/{id}/deployments/{deploymentId}', {
          params: { path: { id: deployment.applicationId, deploymentId: deployment.id } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['admin', 'deployments', deployment.applicationId] });
      onDone(`${deployment.organisationName} n'utilise plus cette application.`);
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'Le retrait a échoué : réessayez.');
    }
  }
  return (
    <tr>
      <th scope="row">{deployment.organisationName}</th>
      <td>{formatDate(deployment.createdAt)}</td>
      <td>
        <button type="button" className="button button-secondary" onClick={remove}>
          Retirer<span className="visually-hidden"> le déploiement pour {deployment.organisationName}</span>
        </button>
        {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      </td>
    </tr>
  );
}

/** One application of the catalog: its facts, the members that use it, its register templates and versions. */
export default function ApplicationAdminPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const [memberId, setMemberId] = useState('');
  const application = useQuery({
    queryKey: ['admin', 'application', id],
    queryFn: () => applicationById(id),
  });
  const deployments = useQuery({
    queryKey: ['admin', 'deployments', id],
    queryFn: () => deploymentsOf(id),
    enabled: application.isSuccess,
  });
  const templates = useQuery({
    queryKey: ['admin', 'templates', id],
    queryFn: () => templatesOf(id),
    enabled: application.isSuccess,
  });
  const members = useQuery({
    queryKey: ['admin', 'organisations', 'member'],
    queryFn: () => organisationsList('member'),
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
  const deployed = new Set((deployments.data?.items ?? []).map((d) => d.organisationId));
  const candidates = (members.data?.items ?? []).filter((m) => !deployed.has(m.id));

  return (
    <Page title={`Application — ${a.name}`} heading={a.name}>
      <p className="lead">
        {a.domain} · <Link to="/administration">Retour à l'administration</Link>
      </p>
      {done ? <Done>{done}</Done> : null}
      <ApplicationFacts application={a} />
      <ApplicationVendorAssurance applicationId={a.id} />

      <h2>Membres qui l'utilisent</h2>
      {deployments.isPending ? <Loading /> : null}
      {deployments.isError ? <ErrorNotice>Les déploiements n'ont pas pu être chargés.</ErrorNotice> : null}
      {deployments.data ? (
        deployments.data.items.length === 0 ? (
          <p>Aucun membre n'utilise encore cette application.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Membres qui utilisent {a.name}</caption>
            <thead>
              <tr>
                <th scope="col">Membre</th>
                <th scope="col">Depuis le</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {deployments.data.items.map((d) => (
                <DeploymentRow key={d.id} deployment={d} onDone={setDone} />
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <AdminForm
        id="add-deployment"
        title="Déployer pour un membre"
        submitLabel="Déployer"
        fieldId={() => 'deployment-member'}
        labelOf={() => 'Membre'}
        check={() => (memberId ? [] : [{ id: 'deployment-member', message: 'Membre : à choisir.' }])}
        send={async () => {
          await unwrap(
            api.POST('/api/v1/applications/{id}/deployments', {
              params: { path: { id: a.id } },
              body: { organisationId: memberId },
            }),
          );
          await queryClient.invalidateQueries({ queryKey: ['admin', 'deployments', a.id] });
          const name = candidates.find((m) => m.id === memberId)?.name ?? '';
          setMemberId('');
          setDone(`${name} utilise désormais ${a.name}.`);
        }}
      >
        {(errorOf) => (
          <SelectField
            id="deployment-member"
            label="Membre"
            required
            placeholder="Choisir un membre"
            options={candidates.map((m) => ({ key: m.id, label: m.name }))}
            value={memberId}
            error={errorOf('deployment-member')}
            onChange={(e) => setMemberId(e.target.value)}
          />
        )}
      </AdminForm>

      <h2>Modèles de fiches du registre</h2>
      {templates.isPending ? <Loading /> : null}
      {templates.isError ? <ErrorNotice>Les modèles n'ont pas pu être chargés.</ErrorNotice> : null}
      {templates.data ? (
        templates.data.items.length === 0 ? (
          <p>Aucun modèle de fiche pour cette application.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Modèles de fiches de {a.name}</caption>
            <thead>
              <tr>
                <th scope="col">Modèle</th>
                <th scope="col">Version</th>
                <th scope="col">Publiée le</th>
              </tr>
            </thead>
            <tbody>
              {templates.data.items.map((t) => (
                <tr key={t.id}>
                  <th scope="row">
                    <Link to={`/administration/modeles/${t.id}`}>{t.name}</Link>
                  </th>
                  <td>Version {t.version}</td>
                  <td>{formatDateTime(t.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </Page>
  );
}
