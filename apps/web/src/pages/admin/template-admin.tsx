import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  applicationById,
  templateById,
  templateVersionsOf,
  type TemplateFieldChange,
  type TemplateVersionItem,
} from '../../api/admin';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../format';
import { TextArea, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { describeValue, fieldLabel } from '../entry-values';
import { AdminForm, Done } from './forms';

/** The fields shown in the summary of a template, in the register's order. */
const SHOWN_FIELDS = [
  'description',
  'purposes',
  'dataSubjects',
  'dataCategories',
  'specialCategories',
  'recipients',
  'transfers',
  'securityMeasures',
];

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function TemplateNotFound() {
  return (
    <Page title="Modèle introuvable">
      <p>Ce modèle de fiche est introuvable : il n'existe pas, ou vous n'y avez pas accès.</p>
      <p>
        <Link to="/administration">Retour à l'administration</Link>
      </p>
    </Page>
  );
}

/** A field's value as text lines, or « (vide) ». */
function Value({ field, value }: { field: string; value: unknown }) {
  const text = describeValue(field, value);
  if (text.length === 0) return <span className="muted">(vide)</span>;
  if (text.length === 1) return <>{text[0]}</>;
  return (
    <ul>
      {text.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

function ChangesTable({ version, changes }: { version: number; changes: TemplateFieldChange[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Champs modifiés par la version {version}</caption>
      <thead>
        <tr>
          <th scope="col">Champ</th>
          <th scope="col">Avant</th>
          <th scope="col">Après</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.field}>
            <th scope="row">{c.label}</th>
            <td>
              <Value field={c.field} value={c.before} />
            </td>
            <td>
              <Value field={c.field} value={c.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionRow({ item }: { item: TemplateVersionItem }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <>
      <tr>
        <th scope="row">Version {item.version}</th>
        <td>{formatDateTime(item.publishedAt)}</td>
        <td>{item.publishedByName ?? 'Vigie'}</td>
        <td>
          {item.version === 1 ? (
            'Première publication'
          ) : item.changes.length === 0 ? (
            '—'
          ) : (
            <>
              {item.changes.map((c) => c.label).join(', ')}
              <div>
                <button
                  type="button"
                  className="button button-link"
                  aria-expanded={open}
                  aria-controls={open ? panelId : undefined}
                  onClick={() => setOpen(!open)}
                >
                  {open ? 'Masquer les différences' : 'Voir les différences'}
                  <span className="visually-hidden"> de la version {item.version}</span>
                </button>
              </div>
            </>
          )}
        </td>
      </tr>
      {open ? (
        <tr id={panelId}>
          <td colSpan={4}>
            <ChangesTable version={item.version} changes={item.changes} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** A register template of the catalog: its content, its editing (a new version) and every version published. */
export default function TemplateAdminPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ name: '', description: '', securityMeasures: '' });
  const [readVersion, setReadVersion] = useState(0);
  const template = useQuery({ queryKey: ['admin', 'template', id], queryFn: () => templateById(id) });
  const versions = useQuery({
    queryKey: ['admin', 'template', id, 'versions'],
    queryFn: () => templateVersionsOf(id),
    enabled: template.isSuccess,
  });
  const application = useQuery({
    queryKey: ['admin', 'application', template.data?.applicationId],
    queryFn: () => applicationById(template.data!.applicationId),
    enabled: template.isSuccess,
  });

  if (template.isPending) return <Loading />;
  if (template.isError)
    return template.error instanceof ApiError && [400, 403, 404].includes(template.error.status) ? (
      <TemplateNotFound />
    ) : (
      <Page title="Modèle de fiche">
        <ErrorNotice>Le modèle n'a pas pu être chargé.</ErrorNotice>
      </Page>
    );
  const t = template.data;
  const content = t.content;

  function startEditing(from: typeof t = t) {
    const { content: c } = from;
    setDraft({
      name: from.name,
      description: typeof c.description === 'string' ? c.description : '',
      securityMeasures: Array.isArray(c.securityMeasures) ? c.securityMeasures.join('\n') : '',
    });
    setReadVersion(from.version);
    setDone(undefined);
    setEditing(true);
  }

  async function reload() {
    await queryClient.invalidateQueries({ queryKey: ['admin', 'template', id] });
  }

  /** Starts again from the latest version (after a refusal because another version was published). */
  async function reloadForEditing() {
    const fresh = await template.refetch();
    await queryClient.invalidateQueries({ queryKey: ['admin', 'template', id, 'versions'] });
    if (fresh.data) startEditing(fresh.data);
  }

  return (
    <Page title={`Modèle — ${t.name}`} heading={t.name}>
      <p className="lead">
        Modèle de fiche du registre, version {t.version}
        {application.data ? (
          <>
            {' '}
            · application{' '}
            <Link to={`/administration/applications/${t.applicationId}`}>{application.data.name}</Link>
          </>
        ) : null}
      </p>
      {done ? <Done>{done}</Done> : null}

      <h2>Contenu de la version {t.version}</h2>
      <dl className="facts">
        {SHOWN_FIELDS.map((field) => (
          <div key={field}>
            <dt>{fieldLabel(field)}</dt>
            <dd>
              <Value field={field} value={content[field]} />
            </dd>
          </div>
        ))}
      </dl>

      {editing ? (
        <AdminForm
          id="edit-template"
          title="Publier une nouvelle version"
          submitLabel="Publier la nouvelle version"
          fieldId={(field) => `template-${field}`}
          labelOf={fieldLabel}
          onCancel={() => setEditing(false)}
          check={() =>
            draft.name.trim() ? [] : [{ id: 'template-name', message: 'Nom du traitement : à renseigner.' }]
          }
          send={async () => {
            const updated = (await unwrap(
              api.PATCH('/api/v1/register-templates/{id}', {
                params: { path: { id } },
                body: {
                  version: readVersion,
                  name: draft.name.trim(),
                  description: draft.description.trim(),
                  securityMeasures: lines(draft.securityMeasures),
                },
              }),
            )) as unknown as { version: number };
            await reload();
            setEditing(false);
            setDone(
              updated.version === readVersion
                ? 'Rien n’a changé : aucune nouvelle version publiée.'
                : `Version ${updated.version} publiée. Les fiches créées à partir de ce modèle proposeront ses changements.`,
            );
          }}
        >
          {(errorOf) => (
            <>
              <p className="hint">
                Vous modifiez la version {readVersion}. Si quelqu’un publie une autre version entre-temps, la
                vôtre est refusée : rechargez la dernière version pour repartir d’elle.
              </p>
              <TextField
                id="template-name"
                label="Nom du traitement"
                required
                maxLength={300}
                value={draft.name}
                error={errorOf('template-name')}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
              <TextArea
                id="template-description"
                label="Description"
                rows={3}
                value={draft.description}
                error={errorOf('template-description')}
                onChange={(e) => setDraft({ ...draft, description: e.target.value })}
              />
              <TextArea
                id="template-securityMeasures"
                label="Mesures de sécurité"
                hint="Une mesure par ligne."
                rows={4}
                value={draft.securityMeasures}
                error={errorOf('template-securityMeasures')}
                onChange={(e) => setDraft({ ...draft, securityMeasures: e.target.value })}
              />
              <p>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => void reloadForEditing()}
                >
                  Recharger la dernière version
                </button>
              </p>
            </>
          )}
        </AdminForm>
      ) : (
        <p>
          <button type="button" className="button" onClick={() => startEditing()}>
            Modifier le modèle
          </button>
        </p>
      )}

      <h2>Versions publiées</h2>
      {versions.isPending ? <Loading /> : null}
      {versions.isError ? <ErrorNotice>Les versions n'ont pas pu être chargées.</ErrorNotice> : null}
      {versions.data ? (
        <table className="table">
          <caption className="visually-hidden">Versions publiées du modèle {t.name}</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Publiée le</th>
              <th scope="col">Par</th>
              <th scope="col">Champs modifiés</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.items.map((v) => (
              <VersionRow key={v.version} item={v} />
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
