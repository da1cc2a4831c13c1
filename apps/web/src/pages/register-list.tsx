import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type EntryPage } from '../api/client';
import { applicationsVisible, type EntryDetail } from '../api/register';
import { formatDate, plural } from '../format';
import { useRights, useSession } from '../session';
import { SelectField, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { DpiaBadge, StatusBadge } from './badges';

const PAGE_SIZE = 25;
const STATUS_FILTERS = [
  { key: 'draft', label: 'Brouillons' },
  { key: 'validated', label: 'Validés' },
  { key: 'overdue', label: 'Revue dépassée' },
  { key: 'archived', label: 'Archivés' },
];
const DPIA_FILTERS = [
  { key: 'required', label: 'AIPD requise' },
  { key: 'not-required', label: 'AIPD non requise' },
  { key: 'done', label: 'AIPD réalisée' },
];
const SORTS = [
  { key: 'name', label: 'Nom (A à Z)' },
  { key: '-name', label: 'Nom (Z à A)' },
  { key: 'status', label: 'Statut (brouillons d’abord)' },
  { key: '-status', label: 'Statut (validés d’abord)' },
  { key: 'reviewDate', label: 'Prochaine revue (la plus proche d’abord)' },
  { key: '-reviewDate', label: 'Prochaine revue (la plus lointaine d’abord)' },
  { key: '-updatedAt', label: 'Dernière modification (la plus récente d’abord)' },
  { key: 'updatedAt', label: 'Dernière modification (la plus ancienne d’abord)' },
] as const;
type Sort = (typeof SORTS)[number]['key'];
const isSort = (value: string): value is Sort => SORTS.some((s) => s.key === value);
type DpiaFilter = 'required' | 'not-required' | 'done';
const isDpiaFilter = (value: string): value is DpiaFilter => DPIA_FILTERS.some((f) => f.key === value);

export default function RegisterPage() {
  const { current } = useSession();
  const { isMember, canEdit } = useRights();
  const [params, setParams] = useSearchParams();
  const status = params.get('statut') ?? '';
  const q = params.get('q') ?? '';
  const dpiaParam = params.get('aipd') ?? '';
  const dpia = isDpiaFilter(dpiaParam) ? dpiaParam : '';
  const application = params.get('application') ?? '';
  const sortParam = params.get('tri') ?? '';
  const sort: Sort = isSort(sortParam) ? sortParam : 'name';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  const [statusChoice, setStatusChoice] = useState(status);
  const [dpiaChoice, setDpiaChoice] = useState<string>(dpia);
  const [applicationChoice, setApplicationChoice] = useState(application);
  const [sortChoice, setSortChoice] = useState<string>(sort);
  const orgId = current?.organisationId ?? '';

  // The applications the person may see (for a member: those deployed for it), to filter by.
  const applications = useQuery({
    queryKey: ['applications'],
    enabled: isMember,
    staleTime: 300_000,
    queryFn: applicationsVisible,
  });

  const entries = useQuery({
    queryKey: ['entries', orgId, status, q, dpia, application, sort, page],
    enabled: isMember,
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{orgId}/processing-activities', {
          params: {
            path: { orgId },
            query: {
              page,
              pageSize: PAGE_SIZE,
              ...(status === 'overdue' ? { overdue: true } : status ? { status: status as 'draft' } : {}),
              ...(q ? { q } : {}),
              ...(dpia ? { dpia } : {}),
              ...(application ? { applicationId: application } : {}),
              sort,
            },
          },
        }),
      ) as Promise<EntryPage>,
  });

  function applyFilters(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (statusChoice) next.set('statut', statusChoice);
    if (text.trim()) next.set('q', text.trim());
    if (dpiaChoice) next.set('aipd', dpiaChoice);
    if (applicationChoice) next.set('application', applicationChoice);
    if (sortChoice && sortChoice !== 'name') next.set('tri', sortChoice);
    setParams(next);
  }

  const goTo = (target: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(target));
    setParams(next);
  };

  if (!isMember) {
    return (
      <Page title="Registre des activités de traitement">
        <p>Le registre est celui d'une commune membre : choisissez un organisme membre dans « Organisme ».</p>
      </Page>
    );
  }

  const data = entries.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Page
      title="Registre des activités de traitement"
      actions={
        <>
          {canEdit ? (
            <Link className="button" to="/registre/nouveau">
              Nouveau traitement
            </Link>
          ) : null}
          {canEdit ? (
            <Link className="button button-secondary" to="/registre/nouveau/modele">
              Depuis un modèle
            </Link>
          ) : null}
          {canEdit ? (
            <Link className="button button-secondary" to="/registre/import">
              Importer un fichier
            </Link>
          ) : null}
          <a
            className="button button-secondary"
            href={`/api/v1/organisations/${orgId}/register.pdf`}
            download
          >
            Télécharger le registre (PDF)
          </a>
          <a
            className="button button-secondary"
            href={`/api/v1/organisations/${orgId}/register.pdf?drafts=include`}
            download
          >
            Copie de travail avec les brouillons (PDF)
          </a>
          <a
            className="button button-secondary"
            href={`/api/v1/organisations/${orgId}/register.xlsx`}
            download
          >
            Exporter (Excel)
          </a>
          <a
            className="button button-secondary"
            href={`/api/v1/organisations/${orgId}/register.csv`}
            download
          >
            Exporter (CSV)
          </a>
        </>
      }
    >
      <p className="lead">{current?.organisationName}</p>
      <form className="filters" onSubmit={applyFilters} role="search" aria-label="Filtrer le registre">
        <TextField
          label="Nom contenant"
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <SelectField
          label="Statut"
          value={statusChoice}
          onChange={(e) => setStatusChoice(e.target.value)}
          options={STATUS_FILTERS}
          placeholder="En cours (brouillons et validés)"
        />
        <SelectField
          label="Analyse d'impact (AIPD)"
          value={dpiaChoice}
          onChange={(e) => setDpiaChoice(e.target.value)}
          options={DPIA_FILTERS}
          placeholder="Toutes"
        />
        <SelectField
          label="Application"
          value={applicationChoice}
          onChange={(e) => setApplicationChoice(e.target.value)}
          options={(applications.data ?? []).map((a) => ({ key: a.id, label: a.name }))}
          placeholder="Toutes"
        />
        <SelectField
          label="Trier par"
          value={sortChoice}
          onChange={(e) => setSortChoice(e.target.value)}
          options={[...SORTS]}
        />
        <button type="submit" className="button button-secondary">
          Filtrer
        </button>
      </form>
      {entries.isPending ? <Loading /> : null}
      {entries.isError ? (
        <ErrorNotice>Le registre n'a pas pu être chargé. Réessayez dans un instant.</ErrorNotice>
      ) : null}
      {data ? (
        <>
          <p role="status" className="count">
            {plural(data.total, 'traitement')}
            {q || status || dpia || application ? ' correspondant aux filtres' : ''}
            {sort !== 'name' ? `, triés par ${SORTS.find((s) => s.key === sort)?.label.toLowerCase()}` : ''}
          </p>
          {data.items.length > 0 ? (
            <table className="table">
              <caption className="visually-hidden">
                Traitements du registre, page {page} sur {pages}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Nom du traitement</th>
                  <th scope="col">Statut</th>
                  <th scope="col">AIPD</th>
                  <th scope="col">Prochaine revue</th>
                  <th scope="col">Dernière modification</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <tr key={entry.id}>
                    <th scope="row">
                      <Link to={`/registre/${entry.id}`}>{entry.name}</Link>
                    </th>
                    <td>
                      <StatusBadge status={entry.status} overdue={entry.overdue} />
                    </td>
                    <td>
                      <DpiaBadge
                        required={entry.dpia.required}
                        decided={!!entry.dpia.decision}
                        done={(entry as unknown as EntryDetail).dpiaAssessment?.status === 'done'}
                      />
                    </td>
                    <td>{entry.reviewDate ? formatDate(entry.reviewDate) : '—'}</td>
                    <td>{formatDate(entry.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {pages > 1 ? (
            <nav className="pagination" aria-label="Pages du registre">
              <button
                type="button"
                className="button button-secondary"
                disabled={page <= 1}
                onClick={() => goTo(page - 1)}
              >
                Page précédente
              </button>
              <span>
                Page {page} sur {pages}
              </span>
              <button
                type="button"
                className="button button-secondary"
                disabled={page >= pages}
                onClick={() => goTo(page + 1)}
              >
                Page suivante
              </button>
            </nav>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
