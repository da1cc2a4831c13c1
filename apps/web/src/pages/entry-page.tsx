import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, unwrap, type Entry } from '../api/client';
import { formatDate, formatDateTime } from '../format';
import {
  conditionLabel,
  dataCategoryLabel,
  dataSubjectLabel,
  finalFateLabel,
  legalBasisLabel,
  specialCategoryLabel,
} from '../labels';
import { useRights } from '../session';
import { TextArea } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { DpiaBadge, StatusBadge } from './badges';
import { VendorAssurance } from './vendor-assurance';

export function useEntry(id: string) {
  return useQuery({
    queryKey: ['entry', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/processing-activities/{id}', { params: { path: { id } } })) as Promise<Entry>,
  });
}

/** What a 404 looks like: the same for an entry that does not exist and one of another member. */
export function EntryNotFound() {
  return (
    <Page title="Traitement introuvable">
      <p>
        Ce traitement est introuvable : il n'existe pas, ou il appartient au registre d'un organisme auquel
        vous n'avez pas accès.
      </p>
      <p>
        <Link to="/registre">Retour au registre</Link>
      </p>
    </Page>
  );
}

function Section({ title, children, empty }: { title: string; children: ReactNode; empty?: boolean }) {
  const headingId = useId();
  return (
    <section className="sheet-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {empty ? <p className="muted">Non renseigné.</p> : children}
    </section>
  );
}

const ACTION_LABELS: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  validate: 'Validation',
  archive: 'Archivage',
  'dpia-decision': "Décision sur l'AIPD",
  'apply-template': 'Mise à jour depuis le modèle',
  import: 'Import',
};

/** Every version of the entry: who, when, what changed. */
function History({ id, version }: { id: string; version: number }) {
  const history = useQuery({
    queryKey: ['entry-history', id, version],
    queryFn: () =>
      unwrap(api.GET('/api/v1/processing-activities/{id}/history', { params: { path: { id } } })),
  });
  return (
    <Section title="Historique">
      {history.isPending ? <Loading /> : null}
      {history.isError ? <ErrorNotice>L'historique n'a pas pu être chargé.</ErrorNotice> : null}
      {history.data ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Date</th>
              <th scope="col">Par</th>
              <th scope="col">Opération</th>
              <th scope="col">Champs modifiés</th>
            </tr>
          </thead>
          <tbody>
            {history.data.items.map((h) => (
              <tr key={h.version}>
                <td>{h.version}</td>
                <td>{formatDateTime(h.at)}</td>
                <td>{h.actorName ?? 'Vigie'}</td>
                <td>
                  {ACTION_LABELS[h.action] ?? h.action}
                  {h.note ? <span className="muted"> — {h.note}</span> : null}
                </td>
                <td>{h.changedFieldLabels.length > 0 ? h.changedFieldLabels.join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}

export default function EntryPage() {
  const { id = '' } = useParams();
  const entry = useEntry(id);
  const { canEdit, isDpo } = useRights(entry.data?.organisationId ?? '-');
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [decisionOpen, setDecisionOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [confirmArchive, setConfirmArchive] = useState(false);

  const done = (updated: Entry, text: string) => {
    queryClient.setQueryData(['entry', id], updated);
    queryClient.invalidateQueries({ queryKey: ['entries'] });
    setNotice({ kind: 'success', text });
  };
  const failed = (what: string) => (error: unknown) =>
    setNotice({
      kind: 'error',
      text:
        error instanceof ApiError && error.status === 409
          ? `${what} : ${error.problem.detail ?? 'le traitement a changé entre-temps, rechargez la page.'}`
          : error instanceof ApiError && error.status === 403
            ? `${what} : votre rôle dans cet organisme ne permet pas cette action.`
            : `${what} : l'opération a échoué. Réessayez dans un instant.`,
    });

  const decide = useMutation({
    mutationFn: (input: { version: number; reason: string }) =>
      unwrap(
        api.POST('/api/v1/processing-activities/{id}/dpia-decision', {
          params: { path: { id } },
          body: input,
        }),
      ) as Promise<Entry>,
    onSuccess: (updated) => {
      setDecisionOpen(false);
      setReason('');
      done(updated, 'La décision motivée est enregistrée.');
    },
    onError: failed("La décision n'a pas pu être enregistrée"),
  });
  const archive = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.DELETE('/api/v1/processing-activities/{id}', {
          params: { path: { id }, header: { 'If-Match': String(version) } },
        }),
      ) as Promise<Entry>,
    onSuccess: (updated) => {
      setConfirmArchive(false);
      done(updated, 'Le traitement est archivé.');
    },
    onError: (error) => {
      setConfirmArchive(false);
      failed("Le traitement n'a pas pu être archivé")(error);
    },
  });

  const validate = useMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/v1/processing-activities/{id}/validate', {
          params: { path: { id } },
          body: { version },
        }),
      ) as Promise<Entry>,
    onSuccess: (validated) => {
      queryClient.setQueryData(['entry', id], validated);
      queryClient.invalidateQueries({ queryKey: ['entries'] });
      setNotice({ kind: 'success', text: 'Le traitement est validé.' });
    },
    onError: (error) => {
      setNotice({
        kind: 'error',
        text:
          error instanceof ApiError && error.status === 409
            ? `Le traitement ne peut pas être validé : ${error.problem.detail ?? 'il a changé entre-temps, rechargez la page.'}`
            : error instanceof ApiError && error.status === 403
              ? 'Seul le DPO de cet organisme peut valider un traitement.'
              : 'La validation a échoué. Réessayez dans un instant.',
      });
    },
  });

  if (entry.isPending) return <Loading />;
  if (entry.isError) {
    if (entry.error instanceof ApiError && (entry.error.status === 404 || entry.error.status === 400))
      return <EntryNotFound />;
    return (
      <Page title="Traitement">
        <ErrorNotice>Le traitement n'a pas pu être chargé. Réessayez dans un instant.</ErrorNotice>
      </Page>
    );
  }
  const e = entry.data;
  const editable = canEdit && e.status !== 'archived';
  return (
    <Page
      title={e.name}
      actions={
        <>
          {editable ? (
            <Link className="button button-secondary" to={`/registre/${e.id}/modifier`}>
              Modifier
            </Link>
          ) : null}
          {isDpo && e.status === 'draft' ? (
            <button
              type="button"
              className="button"
              disabled={validate.isPending}
              onClick={() => validate.mutate(e.version)}
            >
              Valider
            </button>
          ) : null}
          {isDpo && e.status !== 'archived' ? (
            <button type="button" className="button button-secondary" onClick={() => setConfirmArchive(true)}>
              Archiver
            </button>
          ) : null}
          <a
            className="button button-secondary"
            href={`/api/v1/processing-activities/${e.id}/sheet.pdf`}
            download
          >
            Télécharger la fiche (PDF)
          </a>
        </>
      }
    >
      <p>
        <Link to="/registre">Registre des activités de traitement</Link>
      </p>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      {confirmArchive ? (
        <div
          className="notice"
          role="alertdialog"
          aria-labelledby="archive-title"
          aria-describedby="archive-text"
        >
          <h2 id="archive-title">Archiver ce traitement ?</h2>
          <p id="archive-text">
            Un traitement archivé sort du registre en cours et ne peut plus être modifié.
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={archive.isPending}
              onClick={() => archive.mutate(e.version)}
            >
              Archiver le traitement
            </button>
            <button
              type="button"
              className="button button-secondary"
              autoFocus
              onClick={() => setConfirmArchive(false)}
            >
              Ne pas archiver
            </button>
          </div>
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Statut</dt>
          <dd>
            <StatusBadge status={e.status} overdue={e.overdue} />
          </dd>
        </div>
        <div>
          <dt>Prochaine revue</dt>
          <dd>{e.reviewDate ? formatDate(e.reviewDate) : 'Non fixée'}</dd>
        </div>
        {e.validatedAt ? (
          <div>
            <dt>Validé le</dt>
            <dd>{formatDateTime(e.validatedAt)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Dernière modification</dt>
          <dd>{formatDateTime(e.updatedAt)}</dd>
        </div>
      </dl>

      <section
        className={`screening ${e.dpia.required ? 'screening-required' : ''}`}
        aria-labelledby="screening-title"
      >
        <h2 id="screening-title">Analyse d'impact (AIPD)</h2>
        <p>
          <DpiaBadge required={e.dpia.required} decided={!!e.dpia.decision} />
        </p>
        {e.dpia.reasons.length > 0 ? (
          <>
            <p>{e.dpia.required ? 'Motifs :' : 'Éléments relevés :'}</p>
            <ul>
              {e.dpia.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>Aucun critère de la liste de la CNIL ni des lignes directrices du CEPD n'est relevé.</p>
        )}
        {isDpo && e.dpia.required && !e.dpia.decision && e.status !== 'archived' ? (
          decisionOpen ? (
            <form
              className="form"
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                if (reason.trim().length < 10) {
                  setReasonError('Motivez la décision en quelques phrases (10 caractères au moins).');
                  return;
                }
                setReasonError(undefined);
                decide.mutate({ version: e.version, reason: reason.trim() });
              }}
            >
              <TextArea
                id="dpia-reason"
                label="Motifs de la décision de ne pas mener d'AIPD"
                required
                rows={4}
                hint="Cette décision est conservée avec le traitement et figure dans le registre."
                value={reason}
                error={reasonError}
                onChange={(event) => setReason(event.target.value)}
              />
              <div className="form-actions">
                <button type="submit" className="button" disabled={decide.isPending}>
                  Enregistrer la décision
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setDecisionOpen(false)}
                >
                  Annuler
                </button>
              </div>
            </form>
          ) : (
            <p>
              <button type="button" className="button button-secondary" onClick={() => setDecisionOpen(true)}>
                Décider de ne pas mener d'AIPD
              </button>
            </p>
          )
        ) : null}
        {e.dpia.decision ? (
          <p>
            Décision motivée du DPO ({formatDate(e.dpia.decision.decidedAt)}) : {e.dpia.decision.reason}
            {e.dpia.decision.stale ? ' — le traitement a changé depuis : la décision est à revoir.' : ''}
          </p>
        ) : null}
      </section>

      <Section title="Description" empty={!e.description}>
        <p>{e.description}</p>
      </Section>
      <Section title="Finalités" empty={e.purposes.length === 0}>
        <ul>
          {e.purposes.map((p, index) => (
            <li key={index}>
              {p.description} —{' '}
              <span className="muted">
                {p.legalBasis ? legalBasisLabel(p.legalBasis) : 'Base légale à préciser'}
              </span>
              {p.legalBasisDetail ? ` (${p.legalBasisDetail})` : ''}
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Personnes concernées" empty={e.dataSubjects.length === 0}>
        <ul>
          {e.dataSubjects.map((s) => (
            <li key={s}>{dataSubjectLabel(s)}</li>
          ))}
        </ul>
      </Section>
      <Section title="Catégories de données" empty={e.dataCategories.length === 0}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Catégorie</th>
              <th scope="col">Durée de conservation</th>
              <th scope="col">Sort final</th>
            </tr>
          </thead>
          <tbody>
            {e.dataCategories.map((c, index) => (
              <tr key={index}>
                <td>
                  {dataCategoryLabel(c.category)}
                  {c.description ? <span className="muted"> — {c.description}</span> : null}
                </td>
                <td>{c.retention ?? 'À préciser'}</td>
                <td>{c.finalFate ? finalFateLabel(c.finalFate) : 'À préciser'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title="Données sensibles" empty={e.specialCategories.length === 0}>
        <ul>
          {e.specialCategories.map((c) => (
            <li key={c.category}>
              {specialCategoryLabel(c.category)} —{' '}
              <span className="muted">{conditionLabel(c.condition)}</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Destinataires" empty={e.recipients.length === 0}>
        <ul>
          {e.recipients.map((r, index) => (
            <li key={index}>
              {r.name} <span className="muted">({r.type})</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Transferts hors de l'Union européenne" empty={e.transfers.length === 0}>
        <ul>
          {e.transfers.map((t, index) => (
            <li key={index}>
              {t.recipient}, {t.country}
              {t.safeguard ? ` — garantie : ${t.safeguard}` : ''}
            </li>
          ))}
        </ul>
      </Section>
      <Section
        title="Mesures de sécurité"
        empty={e.securityMeasures.length === 0 && (e.inheritedSecurityMeasures ?? []).length === 0}
      >
        <ul>
          {e.securityMeasures.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
        {(e.inheritedSecurityMeasures ?? []).map((inherited) => (
          <div key={inherited.applicationId}>
            <h3>{inherited.label}</h3>
            <ul>
              {inherited.measures.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ))}
      </Section>
      <VendorAssurance entryId={e.id} />
      <History id={e.id} version={e.version} />
    </Page>
  );
}
