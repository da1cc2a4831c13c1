import { Link } from 'react-router';
import { CAMPAIGN_STATUS_LABELS, useMyReviews } from '../api/my-reviews';
import { dueText } from '../deadlines';
import { formatDate, plural } from '../format';
import { ErrorNotice, Loading, Page } from '../ui/page';

/** The access reviews where accounts are assigned to me, open ones first. */
export default function MyReviewsPage() {
  const reviews = useMyReviews();
  const list = [...(reviews.data ?? [])].sort(
    (a, b) =>
      Number(b.campaign.status === 'open') - Number(a.campaign.status === 'open') ||
      a.campaign.dueDate.localeCompare(b.campaign.dueDate),
  );
  return (
    <Page title="Mes revues d'habilitations">
      <p className="lead">
        Les comptes d'application que le RSSI vous demande de revoir : pour chacun, conservez-le, révoquez-le
        ou demandez une modification de ses droits.
      </p>
      {reviews.isPending ? <Loading /> : null}
      {reviews.isError ? <ErrorNotice>Les revues n'ont pas pu être chargées.</ErrorNotice> : null}
      {reviews.data ? (
        list.length === 0 ? (
          <p role="status">Aucun compte ne vous est confié dans une revue d'habilitations.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Revue</th>
                <th scope="col">Organisme</th>
                <th scope="col">Statut</th>
                <th scope="col">Échéance</th>
                <th scope="col">Mes comptes</th>
              </tr>
            </thead>
            <tbody>
              {list.map(({ campaign: c, assigned, pending }) => (
                <tr key={c.id}>
                  <th scope="row">
                    <Link to={`/mes-revues/${c.id}`}>{c.name}</Link>
                    <br />
                    <span className="muted">{c.applicationName}</span>
                  </th>
                  <td>{c.organisationName}</td>
                  <td>{CAMPAIGN_STATUS_LABELS[c.status] ?? c.status}</td>
                  <td
                    className={
                      c.status === 'open' && dueText(c.dueDate).startsWith('en retard') ? 'late' : undefined
                    }
                  >
                    {formatDate(c.dueDate)}
                    {c.status === 'open' ? ` (${dueText(c.dueDate)})` : ''}
                  </td>
                  <td>
                    {plural(assigned, 'compte')}
                    {c.status === 'open'
                      ? `, ${pending === 0 ? 'tous décidés' : `${pending} à décider`}`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </Page>
  );
}
