import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap, type EntryPage } from '../api/client';
import {
  breachesOf,
  CLOCK_RUNNING,
  documentsOf,
  OPEN_RIGHTS_STATUSES,
  RIGHT_LABELS,
  rightsRequestsOf,
} from '../api/lists';
import { useMyReviews } from '../api/my-reviews';
import { notificationsOf, NOTIFICATIONS_KEY } from '../api/notifications';
import { dueText, hoursLeft } from '../deadlines';
import { formatDate, formatDateTime, plural } from '../format';
import { useMe, useSession, type Workspace } from '../session';
import { Loading, Page } from '../ui/page';
import { NotificationList } from './notification-list';

const MEMBER_ROLES = ['dpo', 'editor', 'reader'];

function useEntries(orgId: string, query: Record<string, unknown>) {
  return useQuery({
    queryKey: ['entries', orgId, 'dashboard', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{orgId}/processing-activities', {
          params: { path: { orgId }, query: { pageSize: 100, ...query } },
        }),
      ) as Promise<EntryPage>,
  });
}

/** What waits in one member organisation. */
function MemberWorklist({ workspace }: { workspace: Workspace }) {
  const orgId = workspace.organisationId;
  // Each list shows its total and its first five: a page of five is asked for, not the whole register.
  const drafts = useEntries(orgId, { status: 'draft', pageSize: 5 });
  const overdue = useEntries(orgId, { overdue: true, pageSize: 5 });
  const validated = useEntries(orgId, { status: 'validated', pageSize: 1 });
  // The entries whose screening requires a DPIA (among all of them), of which those still without a decision.
  const current = useEntries(orgId, { dpia: 'required' });
  const reviews = useMyReviews();
  const myReviews = (reviews.data ?? []).filter(
    (r) => r.campaign.organisationId === orgId && r.campaign.status === 'open' && r.pending > 0,
  );
  const breaches = useQuery({ queryKey: ['breaches', orgId], queryFn: () => breachesOf(orgId) });
  const requests = useQuery({ queryKey: ['rights', orgId], queryFn: () => rightsRequestsOf(orgId) });
  const documents = useQuery({
    queryKey: ['documents', orgId, 'recent'],
    queryFn: () => documentsOf(orgId, 5),
  });
  const dpiaPending = (current.data?.items ?? []).filter((e) => e.dpia.required && !e.dpia.decision);
  const running = (breaches.data?.items ?? []).filter(CLOCK_RUNNING);
  const due = (requests.data?.items ?? [])
    .filter((r) => OPEN_RIGHTS_STATUSES.includes(r.status))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate));

  return (
    <section className="card" aria-labelledby={`worklist-${orgId}`}>
      <h2 id={`worklist-${orgId}`}>{workspace.organisationName}</h2>
      {drafts.isPending || overdue.isPending || current.isPending ? <Loading /> : null}
      <h3>Registre</h3>
      <ul className="worklist">
        <li>{plural(validated.data?.total ?? 0, 'traitement validé', 'traitements validés')}</li>
        <li>
          {plural(drafts.data?.total ?? 0, 'brouillon')} à terminer
          {drafts.data && drafts.data.items.length > 0 ? (
            <ul>
              {drafts.data.items.slice(0, 5).map((e) => (
                <li key={e.id}>
                  <Link to={`/registre/${e.id}`}>{e.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
        <li>
          {plural(overdue.data?.total ?? 0, 'traitement')} dont la date de revue est dépassée
          {overdue.data && overdue.data.items.length > 0 ? (
            <ul>
              {overdue.data.items.slice(0, 5).map((e) => (
                <li key={e.id}>
                  <Link to={`/registre/${e.id}`}>{e.name}</Link> (revue prévue le {formatDate(e.reviewDate)})
                </li>
              ))}
            </ul>
          ) : null}
        </li>
        <li>
          {dpiaPending.length === 0
            ? 'aucune AIPD'
            : dpiaPending.length === 1
              ? '1 AIPD'
              : `${dpiaPending.length} AIPD`}{' '}
          à mener
          {dpiaPending.length > 0 ? (
            <ul>
              {dpiaPending.slice(0, 5).map((e) => (
                <li key={e.id}>
                  <Link to={`/registre/${e.id}`}>{e.name}</Link>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      </ul>
      <h3>Violations de données</h3>
      {running.length === 0 ? (
        <p>Aucune violation dont le délai de 72 heures court.</p>
      ) : (
        <ul className="worklist">
          {running.map((b) => {
            const left = hoursLeft(b.notificationDeadline);
            return (
              <li key={b.id} className={left.overdue ? 'late' : undefined}>
                <Link to={`/violations/${b.id}`}>{b.title}</Link> : notification à la CNIL {left.text} (avant
                le {formatDateTime(b.notificationDeadline)})
              </li>
            );
          })}
        </ul>
      )}
      <h3>Demandes de droits</h3>
      {due.length === 0 ? (
        <p>Aucune demande en attente de réponse.</p>
      ) : (
        <ul className="worklist">
          {due.slice(0, 8).map((r) => (
            <li key={r.id} className={dueText(r.dueDate).startsWith('en retard') ? 'late' : undefined}>
              <Link to={`/demandes-de-droits/${r.id}`}>
                {RIGHT_LABELS[r.right] ?? r.right}, {r.requesterName}
              </Link>{' '}
              : réponse due le {formatDate(r.dueDate)} ({dueText(r.dueDate)})
            </li>
          ))}
        </ul>
      )}
      {myReviews.length > 0 ? (
        <>
          <h3>Revues d'habilitations</h3>
          <ul className="worklist">
            {myReviews.map((r) => (
              <li key={r.campaign.id}>
                <Link to={`/mes-revues/${r.campaign.id}`}>{r.campaign.name}</Link> :{' '}
                {plural(r.pending, 'compte')} à revoir (échéance le {formatDate(r.campaign.dueDate)},{' '}
                {dueText(r.campaign.dueDate)})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Documents récents</h3>
      {documents.data && documents.data.items.length > 0 ? (
        <ul className="worklist">
          {documents.data.items.map((d) => (
            <li key={d.id}>
              <a href={`/api/v1/documents/${d.id}/content`} download>
                {d.title}
              </a>{' '}
              <span className="muted">({formatDateTime(d.createdAt)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>Aucun document produit récemment.</p>
      )}
    </section>
  );
}

/** The caller's unread notices, the five newest, with a link to all of them. */
function UnreadNotifications() {
  const unread = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', true],
    queryFn: () => notificationsOf(true),
  });
  const items = unread.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="worklist-notifications">
      <h2 id="worklist-notifications">Notifications non lues</h2>
      {unread.isPending ? <Loading /> : null}
      {unread.data && items.length === 0 ? <p>Aucune notification non lue.</p> : null}
      {items.length > 0 ? <NotificationList items={items.slice(0, 5)} headingLevel={3} /> : null}
      <p>
        <Link to="/notifications">Toutes les notifications</Link>
      </p>
    </section>
  );
}

export default function DashboardPage() {
  const me = useMe();
  const { workspaces } = useSession();
  const members = workspaces.filter(
    (w) => w.kind === 'member' && w.roles.some((r) => MEMBER_ROLES.includes(r)),
  );
  return (
    <Page title="Tableau de bord" heading="À faire">
      <p className="lead">Bonjour {me.displayName}.</p>
      <UnreadNotifications />
      {members.length === 0 ? (
        <p>Vous n'avez de rôle dans le registre d'aucune commune membre.</p>
      ) : (
        <div className={members.length > 1 ? 'cards' : undefined}>
          {members.map((w) => (
            <MemberWorklist key={w.organisationId} workspace={w} />
          ))}
        </div>
      )}
    </Page>
  );
}
