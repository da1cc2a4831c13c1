import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import {
  ALERT_LABELS,
  applicationAssurance,
  entryAssurance,
  QUESTIONNAIRE_STATUS_LABELS,
  type ApplicationAssurance,
} from '../api/vendors';
import { formatDate } from '../format';
import { ErrorNotice, Loading } from '../ui/page';

/** One application's assurance: latest questionnaire, contracts and their gaps, expired certifications, alerts. */
function AssuranceFacts({ assurance: a }: { assurance: ApplicationAssurance }) {
  const alerts = a.alerts.filter(
    (alert) => !['art28-non-compliance', 'missing-clauses', 'expired-certification'].includes(alert),
  );
  if (!a.questionnaire && a.contracts.length === 0 && a.expiredCertifications.length === 0 && !alerts.length)
    return <p>Aucune alerte.</p>;
  return (
    <ul>
      {a.questionnaire ? (
        <li>
          Questionnaire de sécurité : {QUESTIONNAIRE_STATUS_LABELS[a.questionnaire.status].toLowerCase()}
          {a.questionnaire.reviewedAt ? `, revu le ${formatDate(a.questionnaire.reviewedAt)}` : ''}
          {a.questionnaire.overdue ? <strong className="late"> (réponse en retard)</strong> : null}
        </li>
      ) : null}
      {a.contracts.map((c) => (
        <li key={c.id}>
          Contrat {c.reference}
          {c.expired ? <strong className="late"> (échu)</strong> : null} :{' '}
          {c.art28Compliant ? (
            'clauses de l’article 28.3 présentes'
          ) : (
            <strong className="late">
              non conforme à l’article 28.3 ({c.nonCompliances.map((n) => n.ref ?? n.label).join(', ')})
            </strong>
          )}
          {c.missingClauses.length > 0
            ? ` ; ${c.missingClauses.length} clause${c.missingClauses.length > 1 ? 's' : ''} absente${c.missingClauses.length > 1 ? 's' : ''} ou partielle${c.missingClauses.length > 1 ? 's' : ''}`
            : ''}
        </li>
      ))}
      {a.expiredCertifications.map((c, i) => (
        <li key={i} className="late">
          Certification expirée : {c.reference}
          {c.validUntil ? ` (depuis le ${formatDate(c.validUntil)})` : ''}
        </li>
      ))}
      {alerts.map((alert) => (
        <li key={alert}>{ALERT_LABELS[alert] ?? alert}</li>
      ))}
    </ul>
  );
}

/**
 * The assurance of the vendors whose applications a processing activity uses: latest questionnaire, clause gaps
 * of their contracts (Art. 28.3 non-compliances first), expired certifications. Shown on the entry's page.
 */
export function VendorAssurance({ entryId }: { entryId: string }) {
  const assurance = useQuery({
    queryKey: ['vendor-assurance', 'entry', entryId],
    queryFn: () => entryAssurance(entryId),
  });
  const applications = assurance.data?.applications ?? [];
  if (assurance.isError || applications.length === 0) return null;
  return (
    <section className="sheet-section" aria-labelledby="vendor-assurance-title">
      <h2 id="vendor-assurance-title">Garanties des sous-traitants</h2>
      {applications.map((a) => (
        <div key={a.applicationId}>
          <h3>
            {a.applicationName}
            {a.vendor ? ` — ${a.vendor.name}` : ''}
          </h3>
          <AssuranceFacts assurance={a} />
        </div>
      ))}
    </section>
  );
}

/** The assurance of an application's vendor, shown on the application's pages (hidden when not readable). */
export function ApplicationVendorAssurance({
  applicationId,
  vendorLink = false,
}: {
  applicationId: string;
  /** Link the vendor's name to its page (for those who manage vendors). */
  vendorLink?: boolean;
}) {
  const assurance = useQuery({
    queryKey: ['vendor-assurance', 'application', applicationId],
    queryFn: () => applicationAssurance(applicationId),
  });
  if (assurance.isError && assurance.error instanceof ApiError && [403, 404].includes(assurance.error.status))
    return null;
  return (
    <section aria-labelledby="application-assurance-title">
      <h2 id="application-assurance-title">Garanties de l’éditeur</h2>
      {assurance.isPending ? <Loading /> : null}
      {assurance.isError ? (
        <ErrorNotice>Les garanties de l’éditeur n'ont pas pu être chargées.</ErrorNotice>
      ) : null}
      {assurance.data ? (
        <>
          {assurance.data.vendor ? (
            <p>
              Éditeur :{' '}
              {vendorLink ? (
                <Link to={`/fournisseurs/${assurance.data.vendor.id}`}>{assurance.data.vendor.name}</Link>
              ) : (
                assurance.data.vendor.name
              )}
            </p>
          ) : null}
          <AssuranceFacts assurance={assurance.data} />
        </>
      ) : null}
    </section>
  );
}
