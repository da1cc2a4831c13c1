import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap, type EntryPage } from '../api/client';
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

export default function RegisterPage() {
  const { current } = useSession();
  const { isMember, canEdit } = useRights();
  const [params, setParams] = useSearchParams();
  const status = params.get('statut') ?? '';
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [text, setText] = useState(q);
  const [statusChoice, setStatusChoice] = useState(status);
  const orgId = current?.organisationId ?? '';

  const entries = useQuery({
    queryKey: ['entries', orgId, status, q, page],
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
            {q || status ? ' correspondant aux filtres' : ''}
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
                      <DpiaBadge required={entry.dpia.required} decided={!!entry.dpia.decision} />
                    </td>
                    <td>{entry.reviewDate ? formatDate(entry.reviewDate) : '—'}</td>
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
