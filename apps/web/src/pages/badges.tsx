import { STATUS_LABELS } from '../labels';

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span className={`badge badge-${status}`}>
      {STATUS_LABELS[status] ?? status}
      {overdue ? <span className="badge-extra"> · revue dépassée</span> : null}
    </span>
  );
}

export function DpiaBadge({
  required,
  decided,
  done,
}: {
  required: boolean;
  decided?: boolean;
  done?: boolean;
}) {
  if (!required)
    return <span className="badge badge-neutral">{done ? 'AIPD réalisée' : 'AIPD non requise'}</span>;
  if (done) return <span className="badge badge-neutral">AIPD requise (réalisée)</span>;
  return (
    <span className="badge badge-warning">
      {decided ? 'AIPD requise (décision motivée)' : 'AIPD requise'}
    </span>
  );
}
