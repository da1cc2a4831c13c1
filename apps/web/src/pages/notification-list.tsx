import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { markRead, NOTIFICATIONS_KEY, type NotificationItem } from '../api/notifications';
import { formatDateTime } from '../format';

/** A notice's link inside this application (an absolute or foreign link is never followed). */
function safePath(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') ? path : '/notifications';
}

/** A list of notices, newest first, the unread marked, each with its link and « Marquer comme lue ». */
export function NotificationList({
  items,
  headingLevel = 2,
}: {
  items: NotificationItem[];
  headingLevel?: 2 | 3;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const read = useMutation({
    mutationFn: markRead,
    onSuccess: () => {
      setFailure(undefined);
      return queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    },
    onError: () =>
      setFailure("La notification n'a pas pu être marquée comme lue. Réessayez dans un instant."),
  });
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {failure ? (
        <div className="notice notice-error" role="alert">
          {failure}
        </div>
      ) : null}
      <ul className="notifications">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'}>
            <Heading className="notification-title">
              {n.readAt ? null : <span className="badge badge-warning">Non lue</span>}{' '}
              <Link to={safePath(n.linkPath)}>{n.title}</Link>
            </Heading>
            <p>{n.body}</p>
            <p className="muted">
              Reçue le {formatDateTime(n.createdAt)}
              {n.readAt ? `, lue le ${formatDateTime(n.readAt)}` : ''}
            </p>
            {n.readAt ? null : (
              <button
                type="button"
                className="button button-secondary"
                disabled={read.isPending && read.variables === n.id}
                aria-describedby={`notification-${n.id}`}
                onClick={() => read.mutate(n.id)}
              >
                Marquer comme lue
              </button>
            )}
            <span id={`notification-${n.id}`} hidden>
              {n.title}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
