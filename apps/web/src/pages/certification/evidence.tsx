import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  assessments,
  evidence,
  FRAMEWORK_LABELS,
  linkEvidence,
  requirementsOf,
  unlinkEvidence,
  type EvidenceWithLinks,
} from '../../api/certification';
import { formatDate, formatDateTime } from '../../format';
import { isNotFound, refusal, useOperatorRights } from '../../operator';
import { SelectField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { ExpiryBadge, fileSize } from './requirement';

/** One evidence file: its facts, its download, the requirements (of any framework) it supports. */
export default function EvidencePage() {
  const { id = '' } = useParams();
  const record = useQuery({ queryKey: ['evidence', id], queryFn: () => evidence(id) });
  if (record.isPending) return <Loading />;
  if (record.isError) {
    return isNotFound(record.error) ? (
      <Page title="Preuve introuvable">
        <p>Cette preuve est introuvable, ou vous n'y avez pas accès.</p>
        <p>
          <Link to="/certification">Retour à la certification</Link>
        </p>
      </Page>
    ) : (
      <Page title="Preuve">
        <ErrorNotice>La preuve n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  return <EvidenceView e={record.data} />;
}

function EvidenceView({ e }: { e: EvidenceWithLinks }) {
  const { isSecurityOfficer } = useOperatorRights();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();
  const done = (updated: EvidenceWithLinks | undefined, text: string) => {
    if (updated) queryClient.setQueryData(['evidence', e.id], updated);
    else void queryClient.invalidateQueries({ queryKey: ['evidence', e.id] });
    void queryClient.invalidateQueries({ queryKey: ['assessment'] });
    void queryClient.invalidateQueries({ queryKey: ['requirement'] });
    setNotice({ kind: 'success', text });
  };
  const unlink = useMutation({
    mutationFn: (raId: string) => unlinkEvidence(e.id, raId, e.version),
    onSuccess: () => done(undefined, 'La preuve ne sert plus à cette exigence (le fichier est conservé).'),
    onError: (error) => setNotice({ kind: 'error', text: refusal(error) }),
  });

  return (
    <Page title={`Preuve : ${e.fileName}`}>
      <p>
        <Link to="/certification">Certification</Link>
      </p>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Date d'effet</dt>
          <dd>{formatDate(e.effectiveDate)}</dd>
        </div>
        <div>
          <dt>Expiration</dt>
          <dd className={e.expired ? 'late' : undefined}>
            {formatDate(e.expiresAt) || 'Sans expiration'} <ExpiryBadge expiresAt={e.expiresAt} />
          </dd>
        </div>
        <div>
          <dt>Type</dt>
          <dd>{e.contentType}</dd>
        </div>
        <div>
          <dt>Taille</dt>
          <dd>{fileSize(e.size)}</dd>
        </div>
        <div>
          <dt>Déposée le</dt>
          <dd>{formatDateTime(e.uploadedAt)}</dd>
        </div>
      </dl>
      {e.description ? <p>{e.description}</p> : null}
      <p>
        Empreinte SHA-256 : <code>{e.sha256}</code>
      </p>
      <p>
        <a className="button button-secondary" href={`/api/v1/evidence/${e.id}/content`} download>
          Télécharger le fichier<span className="visually-hidden"> {e.fileName}</span>
        </a>
      </p>

      <section aria-labelledby="links-title">
        <h2 id="links-title">Exigences couvertes</h2>
        {e.links.length === 0 ? <p>Cette preuve ne sert plus à aucune exigence.</p> : null}
        {e.links.length > 0 ? (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Exigence</th>
                <th scope="col">Évaluation</th>
                <th scope="col">Depuis le</th>
                {isSecurityOfficer ? <th scope="col">Action</th> : null}
              </tr>
            </thead>
            <tbody>
              {e.links.map((link) => (
                <tr key={link.requirementAssessmentId}>
                  <th scope="row">
                    <Link
                      to={`/certification/${link.assessmentId}/exigences/${link.requirementAssessmentId}`}
                    >
                      {link.ref}
                    </Link>{' '}
                    — {link.title}
                  </th>
                  <td>
                    {link.assessmentName} ({FRAMEWORK_LABELS[link.frameworkCode] ?? link.frameworkCode})
                  </td>
                  <td>{formatDate(link.linkedAt)}</td>
                  {isSecurityOfficer ? (
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={unlink.isPending}
                        onClick={() => unlink.mutate(link.requirementAssessmentId)}
                      >
                        Retirer<span className="visually-hidden"> de {link.ref}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {isSecurityOfficer ? (
          <LinkForm
            e={e}
            onLinked={(updated, ref) => done(updated, `La preuve sert aussi à ${ref}.`)}
            onError={(error) => setNotice({ kind: 'error', text: refusal(error) })}
          />
        ) : null}
      </section>
    </Page>
  );
}

function LinkForm({
  e,
  onLinked,
  onError,
}: {
  e: EvidenceWithLinks;
  onLinked: (updated: EvidenceWithLinks, ref: string) => void;
  onError: (error: unknown) => void;
}) {
  const [assessmentId, setAssessmentId] = useState('');
  const [requirementId, setRequirementId] = useState('');
  const [error, setError] = useState<string>();
  const list = useQuery({ queryKey: ['assessments'], queryFn: assessments });
  const requirements = useQuery({
    queryKey: ['assessment', assessmentId, 'requirements'],
    queryFn: () => requirementsOf(assessmentId),
    enabled: Boolean(assessmentId),
  });
  const linked = new Set(e.links.map((l) => l.requirementAssessmentId));
  const link = useMutation({
    mutationFn: (raId: string) => linkEvidence(e.id, raId, e.version),
    onSuccess: (updated, raId) => {
      onLinked(updated, requirements.data?.items.find((r) => r.id === raId)?.ref ?? '');
      setRequirementId('');
    },
    onError,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!requirementId) {
      setError("Choisissez l'exigence.");
      return;
    }
    setError(undefined);
    link.mutate(requirementId);
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="link-title">
      <h3 id="link-title">Utiliser aussi pour une autre exigence</h3>
      <SelectField
        label="Évaluation"
        placeholder="Choisir une évaluation"
        options={(list.data?.items ?? [])
          .filter((a) => !a.archived)
          .map((a) => ({
            key: a.id,
            label: `${a.name} (${FRAMEWORK_LABELS[a.frameworkCode] ?? a.frameworkCode})`,
          }))}
        value={assessmentId}
        onChange={(event) => {
          setAssessmentId(event.target.value);
          setRequirementId('');
        }}
      />
      {assessmentId ? (
        <SelectField
          label="Exigence"
          required
          placeholder={requirements.isPending ? 'Chargement…' : 'Choisir une exigence'}
          options={(requirements.data?.items ?? [])
            .filter((r) => !linked.has(r.id))
            .map((r) => ({ key: r.id, label: `${r.ref} — ${r.title}` }))}
          value={requirementId}
          error={error}
          onChange={(event) => setRequirementId(event.target.value)}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={link.isPending || !assessmentId}>
          Utiliser pour cette exigence
        </button>
      </div>
    </form>
  );
}
