import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { OPEN_RIGHTS_STATUSES, RIGHT_LABELS, RIGHTS_STATUS_LABELS, rightsRequestsOf } from '../api/lists';
import { dueText } from '../deadlines';
import { formatDate, plural } from '../format';
import { useRights, useSession } from '../session';
import { ErrorNotice, Loading, Page } from '../ui/page';

export default function RightsRequestsPage() {
  const { current } = useSession();
  const { isMember, canEdit } = useRights();
  const orgId = current?.organisationId ?? '';
  const requests = useQuery({
    queryKey: ['rights', orgId],
    queryFn: () => rightsRequestsOf(orgId),
    enabled: isMember,
  });
  return (
    <Page
      title="Demandes de droits"
      heading="Demandes d'exercice des droits"
      actions={
        canEdit ? (
          <Link className="button" to="/demandes-de-droits/nouvelle">
            Nouvelle demande
          </Link>
        ) : null
      }
    >
      <p className="lead">{current?.organisationName}</p>
      {!isMember ? <p>Choisissez une commune membre dans « Organisme ».</p> : null}
      {requests.isPending && isMember ? <Loading /> : null}
      {requests.isError ? <ErrorNotice>Les demandes n'ont pas pu être chargées.</ErrorNotice> : null}
      {requests.data ? (
        <>
          <p role="status">{plural(requests.data.total, 'demande')}</p>
          {requests.data.items.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Demande</th>
                  <th scope="col">Demandeur</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Réponse due le</th>
                </tr>
              </thead>
              <tbody>
                {requests.data.items.map((r) => {
                  const open = OPEN_RIGHTS_STATUSES.includes(r.status);
                  return (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/demandes-de-droits/${r.id}`}>{RIGHT_LABELS[r.right] ?? r.right}</Link>
                      </th>
                      <td>{r.requesterName}</td>
                      <td>{RIGHTS_STATUS_LABELS[r.status] ?? r.status}</td>
                      <td className={open && dueText(r.dueDate).startsWith('en retard') ? 'late' : undefined}>
                        {formatDate(r.dueDate)}
                        {open ? ` (${dueText(r.dueDate)})` : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
