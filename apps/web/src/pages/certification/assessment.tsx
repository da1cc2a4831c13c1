import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  assessment,
  progressHistoryOf,
  progressOf,
  requirementsOf,
  STATUS_LABELS,
  STATUSES,
  updateRequirement,
  type ProgressHistory,
  type Requirement,
  type RequirementStatus,
} from '../../api/certification';
import type { Page as ListPage } from '../../api/lists';
import { formatDate } from '../../format';
import { useMe } from '../../session';
import { isNotFound, isReserved, pluralF, refusal, useOperatorRights } from '../../operator';
import { StackedBars, StepLines, type Series } from '../../ui/charts';
import { ErrorNotice, Loading, Page } from '../../ui/page';

export const STATUS_SERIES: Series[] = [
  { key: 'implemented', label: STATUS_LABELS.implemented, color: '#1e6b3a' },
  { key: 'in-progress', label: STATUS_LABELS['in-progress'], color: '#9a5b00' },
  { key: 'not-started', label: STATUS_LABELS['not-started'], color: '#6b4c9a' },
  { key: 'not-applicable', label: STATUS_LABELS['not-applicable'], color: '#6b7280' },
];

export function ownerText(ownerId: string | null, meId: string): string {
  if (!ownerId) return 'Non attribuée';
  return ownerId === meId ? 'Vous' : "Un autre membre de l'équipe";
}

/** One assessment: progress charts, the requirements by theme with filters, editable in place by the RSSI. */
export default function AssessmentPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { isSecurityOfficer } = useOperatorRights();
  // Filters start from the address (links may carry them) and then live in the page.
  const [params] = useSearchParams();
  const [filters, setFilters] = useState(() => ({
    statut: params.get('statut') ?? '',
    theme: params.get('theme') ?? '',
    q: params.get('q') ?? '',
    retard: params.get('retard') ?? '',
  }));
  const { statut: status, theme, q } = filters;
  const lateOnly = filters.retard === '1';
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();

  const head = useQuery({ queryKey: ['assessment', id], queryFn: () => assessment(id) });
  const rows = useQuery({
    queryKey: ['assessment', id, 'requirements'],
    queryFn: () => requirementsOf(id),
    enabled: head.isSuccess,
  });
  const progress = useQuery({
    queryKey: ['assessment', id, 'progress'],
    queryFn: () => progressOf(id),
    enabled: head.isSuccess,
  });

  const history = useQuery({
    queryKey: ['assessment', id, 'progress-history'],
    queryFn: () => progressHistoryOf(id),
    // After the figures of today: the rows and the current progress come first on a loaded server.
    enabled: progress.isSuccess,
  });

  const change = useMutation({
    mutationFn: (input: { r: Requirement; body: Record<string, unknown> }) =>
      updateRequirement(id, input.r.id, { ...input.body, version: input.r.version }),
    onSuccess: (updated) => {
      queryClient.setQueryData<ListPage<Requirement>>(['assessment', id, 'requirements'], (old) =>
        old ? { ...old, items: old.items.map((r) => (r.id === updated.id ? updated : r)) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['assessment', id, 'progress'] });
      void queryClient.invalidateQueries({ queryKey: ['assessment', id, 'progress-history'] });
      setNotice({
        kind: 'success',
        text: `${updated.ref} : ${STATUS_LABELS[updated.status]}${updated.dueDate ? `, échéance le ${formatDate(updated.dueDate)}` : ''}.`,
      });
    },
    onError: (error) => {
      setNotice({ kind: 'error', text: refusal(error) });
      void queryClient.invalidateQueries({ queryKey: ['assessment', id, 'requirements'] });
    },
  });

  const items = rows.data?.items;
  const themes = useMemo(() => [...new Set((items ?? []).map((r) => r.theme))], [items]);
  const shown = useMemo(() => {
    const text = q.toLocaleLowerCase('fr');
    return (items ?? []).filter(
      (r) =>
        (!status || r.status === status) &&
        (!theme || r.theme === theme) &&
        (!lateOnly || r.overdue) &&
        (!text ||
          r.ref.toLocaleLowerCase('fr').includes(text) ||
          r.title.toLocaleLowerCase('fr').includes(text)),
    );
  }, [items, status, theme, q, lateOnly]);

  if (head.isPending) return <Loading />;
  if (head.isError) {
    return isNotFound(head.error) ? (
      <Page title="Évaluation introuvable">
        <p>Cette évaluation est introuvable, ou vous n'y avez pas accès.</p>
        <p>
          <Link to="/certification">Retour à la certification</Link>
        </p>
      </Page>
    ) : isReserved(head.error) ? (
      <Page title="Réservé à l'opérateur">
        <p>
          Les évaluations de certification sont tenues par l'opérateur. Votre rôle en lit l'avancement
          seulement, dans votre tableau de bord.
        </p>
        <p>
          <Link to="/">Retour au tableau de bord</Link>
        </p>
      </Page>
    ) : (
      <Page title="Évaluation">
        <ErrorNotice>L'évaluation n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  const a = head.data;
  const isHds = a.frameworkCode === 'hds-v2';
  const editable = isSecurityOfficer && !a.archived;

  const setFilter = (key: keyof typeof filters, value: string) =>
    setFilters((previous) => ({ ...previous, [key]: value }));

  const byTheme = themes
    .map((t) => ({ theme: t, items: shown.filter((r) => r.theme === t) }))
    .filter((group) => group.items.length > 0);

  return (
    <Page
      title={a.name}
      actions={
        <>
          <a className="button button-secondary" href={`/api/v1/assessments/${a.id}/soa.pdf`} download>
            Télécharger la déclaration d'applicabilité (PDF)
          </a>
          <a className="button button-secondary" href={`/api/v1/assessments/${a.id}/report.pdf`} download>
            {isHds ? 'Télécharger le rapport HDS (PDF)' : 'Télécharger le rapport de conformité (PDF)'}
          </a>
        </>
      }
    >
      <p>
        <Link to="/certification">Certification</Link> › {a.frameworkName} ({a.frameworkEdition})
        {a.archived ? ' — évaluation archivée, en lecture seule' : ''}
      </p>

      {progress.data ? (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">Avancement</h2>
          <dl className="facts">
            <div>
              <dt>Exigences applicables</dt>
              <dd>
                {progress.data.applicable.toLocaleString('fr-FR')} sur{' '}
                {progress.data.total.toLocaleString('fr-FR')}
              </dd>
            </div>
            <div>
              <dt>Mises en œuvre</dt>
              <dd>
                {progress.data.implementedShare === null
                  ? 'Sans objet'
                  : `${Math.round(progress.data.implementedShare * 100)} %`}
              </dd>
            </div>
            <div>
              <dt>En retard</dt>
              <dd className={progress.data.overdue.count > 0 ? 'late' : undefined}>
                {pluralF(progress.data.overdue.count, 'exigence')}
              </dd>
            </div>
            <div>
              <dt>Preuves expirées</dt>
              <dd className={progress.data.evidence.expired > 0 ? 'late' : undefined}>
                {pluralF(progress.data.evidence.expired, 'preuve')}
              </dd>
            </div>
            <div>
              <dt>Preuves expirant sous {progress.data.evidence.expiringWithinDays} jours</dt>
              <dd>{pluralF(progress.data.evidence.expiringSoon.count, 'preuve')}</dd>
            </div>
          </dl>
          <StackedBars
            caption="Exigences par statut"
            series={STATUS_SERIES}
            rows={[{ label: 'Toutes les exigences', values: progress.data.byStatus }]}
            unit={(n) => pluralF(n, 'exigence')}
          />
          <StackedBars
            caption={isHds ? 'Exigences par chapitre et par statut' : 'Exigences par thème et par statut'}
            series={STATUS_SERIES}
            rows={progress.data.byTheme.map((t) => ({ label: t.theme, values: t.byStatus }))}
            unit={(n) => pluralF(n, 'exigence')}
          />
          {history.data ? <ProgressOverTime history={history.data} /> : null}
          {history.isError ? (
            <ErrorNotice>L'avancement dans le temps n'a pas pu être chargé.</ErrorNotice>
          ) : null}
          {progress.data.evidence.expiringSoon.items.length > 0 ? (
            <>
              <h3>Preuves qui expirent bientôt</h3>
              <ul>
                {progress.data.evidence.expiringSoon.items.map((e) => (
                  <li key={e.id}>
                    <Link to={`/preuves/${e.id}`}>{e.fileName}</Link> — expire le {formatDate(e.expiresAt)} (
                    {e.requirementRefs.join(', ')})
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="requirements-title">
        <h2 id="requirements-title">Exigences</h2>
        <form
          className="filters"
          role="search"
          aria-label="Filtrer les exigences"
          onSubmit={(e) => e.preventDefault()}
        >
          <div className="field">
            <label htmlFor="filter-q">Référence ou intitulé</label>
            <input id="filter-q" type="search" value={q} onChange={(e) => setFilter('q', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="filter-status">Statut</label>
            <select id="filter-status" value={status} onChange={(e) => setFilter('statut', e.target.value)}>
              <option value="">Tous</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-theme">{isHds ? 'Chapitre' : 'Thème'}</label>
            <select id="filter-theme" value={theme} onChange={(e) => setFilter('theme', e.target.value)}>
              <option value="">Tous</option>
              {themes.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </div>
          <div className="checkbox">
            <input
              id="filter-late"
              type="checkbox"
              checked={lateOnly}
              onChange={(e) => setFilter('retard', e.target.checked ? '1' : '')}
            />
            <label htmlFor="filter-late">En retard seulement</label>
          </div>
        </form>
        {editable ? (
          <p className="hint">
            Le statut et l'échéance se modifient directement dans le tableau (enregistrés dès qu'ils
            changent). Pour déclarer une exigence non applicable, ouvrez-la : la justification est
            obligatoire.
          </p>
        ) : null}
        {notice ? (
          <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
            {notice.text}
          </div>
        ) : null}
        {rows.isPending ? <Loading label="Chargement des exigences…" /> : null}
        {rows.isError ? <ErrorNotice>Les exigences n'ont pas pu être chargées.</ErrorNotice> : null}
        {items ? (
          <p role="status" className="count">
            {shown.length === 0
              ? 'Aucune exigence affichée'
              : `${pluralF(shown.length, 'exigence')} affichée${shown.length > 1 ? 's' : ''}`}{' '}
            sur {items.length}
          </p>
        ) : null}
        {byTheme.map((group) => (
          <table className="table" key={group.theme}>
            <caption className="table-caption">{group.theme}</caption>
            <thead>
              <tr>
                <th scope="col">Référence</th>
                <th scope="col">Intitulé</th>
                <th scope="col">Statut</th>
                <th scope="col">Applicabilité</th>
                <th scope="col">Responsable</th>
                <th scope="col">Échéance</th>
                <th scope="col">Preuves</th>
                {isHds ? <th scope="col">Correspondance ISO 27001</th> : null}
              </tr>
            </thead>
            <tbody>
              {group.items.map((r) => (
                <RequirementRow
                  key={r.id}
                  r={r}
                  meId={me.id}
                  editable={editable}
                  showAnchor={isHds}
                  busy={change.isPending && change.variables?.r.id === r.id}
                  onChange={(body) => change.mutate({ r, body })}
                />
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </Page>
  );
}

const percent = (share: number | null) => (share === null ? 'sans objet' : `${Math.round(share * 100)} %`);

/** The statuses at the end of each day one changed, since the opening of the assessment. */
function ProgressOverTime({ history }: { history: ProgressHistory }) {
  const { points } = history;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return null;
  const summary =
    points.length === 1
      ? `Le ${formatDate(last.date)} : ${pluralF(last.byStatus.implemented, 'exigence')} mise${last.byStatus.implemented > 1 ? 's' : ''} en œuvre sur ${last.applicable.toLocaleString('fr-FR')} applicables (${percent(last.implementedShare)}).`
      : `Du ${formatDate(first.date)} au ${formatDate(last.date)}, les exigences mises en œuvre passent de ${first.byStatus.implemented.toLocaleString('fr-FR')} à ${last.byStatus.implemented.toLocaleString('fr-FR')} (${percent(first.implementedShare)} puis ${percent(last.implementedShare)} des applicables), en ${pluralF(points.length - 1, 'étape')}.`;
  return (
    <StepLines
      caption="Avancement dans le temps (exigences par statut, en fin de journée)"
      summary={
        history.truncated
          ? `${summary} Seules les ${points.length} dernières journées sont montrées.`
          : summary
      }
      points={points.map((p) => ({ date: p.date, values: p.byStatus }))}
      series={STATUS_SERIES}
      max={Math.max(...points.map((p) => p.total))}
      formatDay={formatDate}
      unit={(n) => pluralF(n, 'exigence')}
      extraColumns={[
        {
          label: 'Mises en œuvre (part des applicables)',
          value: (_, i) => percent(points[i]?.implementedShare ?? null),
        },
        {
          label: 'Changements de statut ce jour',
          value: (_, i) => (points[i]?.changes ?? 0).toLocaleString('fr-FR'),
        },
      ]}
    />
  );
}

function RequirementRow({
  r,
  meId,
  editable,
  showAnchor,
  busy,
  onChange,
}: {
  r: Requirement;
  meId: string;
  editable: boolean;
  showAnchor: boolean;
  busy: boolean;
  onChange: (body: Record<string, unknown>) => void;
}) {
  const link = `/certification/${r.assessmentId}/exigences/${r.id}`;
  return (
    <tr>
      <th scope="row">
        <Link to={link}>{r.ref}</Link>
      </th>
      <td>{r.title}</td>
      <td className="inline-field">
        {editable && r.applicable ? (
          <select
            aria-label={`Statut de ${r.ref}`}
            value={r.status}
            disabled={busy}
            onChange={(e) => onChange({ status: e.target.value as RequirementStatus })}
          >
            {STATUSES.filter((s) => s !== 'not-applicable').map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        ) : (
          STATUS_LABELS[r.status]
        )}
      </td>
      <td>{r.applicable ? 'Applicable' : 'Non applicable'}</td>
      <td>{ownerText(r.ownerId, meId)}</td>
      <td className={`inline-field${r.overdue ? ' late' : ''}`}>
        {editable && r.applicable ? (
          <input
            type="date"
            aria-label={`Échéance de ${r.ref}`}
            defaultValue={r.dueDate ?? ''}
            key={`${r.id}-${r.version}`}
            disabled={busy}
            onBlur={(e) => {
              const value = e.target.value || null;
              if (value !== r.dueDate) onChange({ dueDate: value });
            }}
          />
        ) : (
          formatDate(r.dueDate) || '—'
        )}
        {r.overdue ? ' (en retard)' : null}
      </td>
      <td>{r.evidenceCount.toLocaleString('fr-FR')}</td>
      {showAnchor ? (
        <td>
          {r.anchor ? (
            <>
              {r.anchor.label}
              {r.anchor.current ? (
                <>
                  {' — '}
                  {r.anchor.current.requirementAssessmentId ? (
                    <Link
                      to={`/certification/${r.anchor.current.assessmentId}/exigences/${r.anchor.current.requirementAssessmentId}`}
                    >
                      {STATUS_LABELS[r.anchor.current.status]}
                      <span className="visually-hidden">
                        {' '}
                        : {r.anchor.label} dans {r.anchor.current.assessmentName}
                      </span>
                    </Link>
                  ) : (
                    STATUS_LABELS[r.anchor.current.status]
                  )}
                </>
              ) : null}
            </>
          ) : (
            '—'
          )}
        </td>
      ) : null}
    </tr>
  );
}
