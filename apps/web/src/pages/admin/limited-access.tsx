import { formatDate } from '../../format';
import { ROLE_LABELS } from '../../labels';
import { useSession } from '../../session';

/** Tells a person whose access ends on a date (an auditor's mission) until when they have it. */
export function LimitedAccessNotice() {
  const { me } = useSession();
  const limited = (me?.memberships ?? []).filter((m) => m.endsOn);
  if (limited.length === 0) return null;
  return (
    <div className="notice limited-access" role="note" aria-label="Accès pour une durée limitée">
      {limited.map((m) => (
        <p key={`${m.organisationId}-${m.role}`}>
          Votre accès {m.role === 'auditor' ? "d'auditeur" : `(${ROLE_LABELS[m.role] ?? m.role})`} à{' '}
          {m.organisationName} est accordé <strong>pour une durée limitée</strong> : jusqu'au{' '}
          {formatDate(m.endsOn)} inclus.
        </p>
      ))}
    </div>
  );
}
