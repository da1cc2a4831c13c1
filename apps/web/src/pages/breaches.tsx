import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { BREACH_STATUS_LABELS, breachesOf, CLOCK_RUNNING } from '../api/lists';
import { hoursLeft } from '../deadlines';
import { formatDateTime, plural } from '../format';
import { useRights, useSession } from '../session';
import { ErrorNotice, Loading, Page } from '../ui/page';

export default function BreachesPage() {
  const { current } = useSession();
  const { isMember, canEdit } = useRights();
  const orgId = current?.organisationId ?? '';
  const breaches = useQuery({
    queryKey: ['breaches', orgId],
    queryFn: () => breachesOf(orgId),
    enabled: isMember,
  });
  return (
    <Page
      title="Violations de données"
      heading="Registre des violations de données"
      actions={
        canEdit ? (
          <Link className="button" to="/violations/nouvelle">
            Déclarer une violation
          </Link>
        ) : null
      }
    >
      <p className="lead">{current?.organisationName} — article 33.5 du RGPD</p>
      {!isMember ? <p>Choisissez une commune membre dans « Organisme ».</p> : null}
      {breaches.isPending && isMember ? <Loading /> : null}
      {breaches.isError ? <ErrorNotice>Les violations n'ont pas pu être chargées.</ErrorNotice> : null}
      {breaches.data ? (
        <>
          <p role="status">{plural(breaches.data.total, 'violation')}</p>
          {breaches.data.items.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Violation</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Connue le</th>
                  <th scope="col">Notification à la CNIL (72 h)</th>
                </tr>
              </thead>
              <tbody>
                {breaches.data.items.map((b) => {
                  const left = hoursLeft(b.notificationDeadline);
                  return (
                    <tr key={b.id}>
                      <th scope="row">
                        <Link to={`/violations/${b.id}`}>{b.title}</Link>
                        <br />
                        <a href={`/api/v1/breaches/${b.id}/record.pdf`} download className="small-link">
                          Fiche de la violation (PDF)<span className="visually-hidden"> : {b.title}</span>
                        </a>
                      </th>
                      <td>{BREACH_STATUS_LABELS[b.status] ?? b.status}</td>
                      <td>{formatDateTime(b.awareAt)}</td>
                      <td className={CLOCK_RUNNING(b) && left.overdue ? 'late' : undefined}>
                        {b.cnilNotifiedAt
                          ? `Notifiée le ${formatDateTime(b.cnilNotifiedAt)}`
                          : CLOCK_RUNNING(b)
                            ? `Délai ${left.text} (${formatDateTime(b.notificationDeadline)})`
                            : 'Sans objet'}
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
