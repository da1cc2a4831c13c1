import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { notificationsOf, NOTIFICATIONS_KEY, unreadCount, unreadText } from '../api/notifications';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { NotificationList } from './notification-list';

export default function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  // The box answers at once; the address follows (a link to the filtered list).
  const [unreadOnly, setUnreadOnly] = useState(params.get('non-lues') === '1');
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', unreadOnly],
    queryFn: () => notificationsOf(unreadOnly),
  });
  const count = useQuery({ queryKey: [...NOTIFICATIONS_KEY, 'count'], queryFn: unreadCount });

  return (
    <Page title="Notifications">
      <p className="lead" role="status">
        {count.data
          ? `Vous avez ${count.data.unread === 0 ? 'aucune notification non lue' : unreadText(count.data.unread)}.`
          : ''}
      </p>
      <p>
        <Link to="/compte#preferences">Choisir quels courriels recevoir</Link>
      </p>
      <div className="filters">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked);
              setParams(event.target.checked ? { 'non-lues': '1' } : {}, { replace: true });
            }}
          />{' '}
          Non lues seulement
        </label>
      </div>
      {list.isPending ? <Loading /> : null}
      {list.isError ? (
        <ErrorNotice>Les notifications n'ont pas pu être chargées. Réessayez dans un instant.</ErrorNotice>
      ) : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>{unreadOnly ? 'Aucune notification non lue.' : 'Aucune notification.'}</p>
        ) : (
          <>
            <p className="muted">
              {list.data.total > list.data.items.length
                ? `Les ${list.data.items.length} plus récentes sur ${list.data.total}.`
                : null}
            </p>
            <NotificationList items={list.data.items} />
          </>
        )
      ) : null}
    </Page>
  );
}
