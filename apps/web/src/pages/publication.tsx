import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap, type Schemas } from '../api/client';
import { formatDateTime, plural } from '../format';
import { useRights, useSession } from '../session';
import { ErrorNotice, Loading, Page } from '../ui/page';

type View = Schemas['PublicationView'];
type Field = View['fields'][number];

/** The public register (transparency of Art. 30 registers): on or off, the fields published, a preview. */
export default function PublicationPage() {
  const { current } = useSession();
  const { isDpo } = useRights();
  const orgId = current?.organisationId ?? '';
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['publication', orgId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{orgId}/publication', { params: { path: { orgId } } }),
      ) as Promise<View>,
    enabled: !!orgId,
  });
  const [chosen, setChosen] = useState<Field[]>();
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();
  const fields = chosen ?? settings.data?.fields ?? [];
  const preview = useQuery({
    queryKey: ['publication-preview', orgId, fields.join(',')],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/organisations/{orgId}/publication/preview', {
          params: { path: { orgId }, query: { fields } },
          querySerializer: { array: { style: 'form', explode: false } },
        }),
      ),
    enabled: !!settings.data,
  });
  const save = useMutation({
    mutationFn: (enabled: boolean) =>
      unwrap(
        api.PUT('/api/v1/organisations/{orgId}/publication', {
          params: { path: { orgId } },
          body: { enabled, fields, version: settings.data?.version ?? 0 },
        }),
      ) as Promise<View>,
    onSuccess: (saved) => {
      queryClient.setQueryData(['publication', orgId], saved);
      setChosen(undefined);
      setNotice({
        kind: 'success',
        text: saved.enabled ? 'Le registre public est publié.' : "Le registre n'est plus public.",
      });
    },
    onError: (error) =>
      setNotice({
        kind: 'error',
        text:
          error instanceof ApiError && error.status === 409
            ? 'Les réglages ont été modifiés entre-temps : rechargez la page pour voir la dernière version.'
            : error instanceof ApiError && error.status === 403
              ? 'Seul le délégué à la protection des données de cet organisme peut modifier la publication.'
              : "L'enregistrement a échoué. Réessayez dans un instant.",
      }),
  });

  if (!orgId || settings.isPending) return <Loading />;
  if (settings.isError)
    return (
      <Page title="Publication du registre">
        <ErrorNotice>Les réglages de publication n'ont pas pu être chargés.</ErrorNotice>
      </Page>
    );
  const s = settings.data;
  const label = (key: string) => s.availableFields.find((f) => f.key === key)?.label ?? key;

  return (
    <Page title="Publication du registre">
      <p className="lead">
        {current?.organisationName} — le registre public montre les traitements validés, jamais les
        brouillons.
      </p>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>État</dt>
          <dd>{s.enabled ? 'Registre public publié' : 'Registre non publié'}</dd>
        </div>
        {s.publishedAt ? (
          <div>
            <dt>Publié depuis le</dt>
            <dd>{formatDateTime(s.publishedAt)}</dd>
          </div>
        ) : null}
      </dl>
      {s.enabled ? (
        <section aria-labelledby="addresses-title">
          <h2 id="addresses-title">Adresses publiques</h2>
          <ul>
            <li>
              <a href={s.addresses.html}>Page du registre public</a> ({s.addresses.html})
            </li>
            <li>
              <a href={s.addresses.json}>Registre public au format JSON</a>
            </li>
            <li>
              <a href={s.addresses.csv}>Registre public au format CSV</a>
            </li>
          </ul>
        </section>
      ) : null}

      {isDpo ? (
        <form className="form" onSubmit={(e) => e.preventDefault()} aria-labelledby="fields-title">
          <h2 id="fields-title">Champs publiés</h2>
          <fieldset className="checkbox-group">
            <legend>Informations publiées pour chaque traitement</legend>
            {s.availableFields.map((f) => (
              <div className="checkbox" key={f.key}>
                <input
                  type="checkbox"
                  id={`field-${f.key}`}
                  checked={f.key === 'name' || fields.includes(f.key)}
                  disabled={f.key === 'name'}
                  aria-describedby={f.key === 'name' ? 'field-name-hint' : undefined}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...fields, f.key] : fields.filter((key) => key !== f.key))
                  }
                />
                <label htmlFor={`field-${f.key}`}>
                  {f.label}
                  {f.default ? ' (publié par défaut)' : ''}
                </label>
              </div>
            ))}
            <p className="hint" id="field-name-hint">
              Le nom du traitement est toujours publié.
            </p>
          </fieldset>
          <div className="form-actions">
            {s.enabled ? (
              <>
                <button
                  type="button"
                  className="button"
                  disabled={save.isPending}
                  onClick={() => save.mutate(true)}
                >
                  Enregistrer les champs publiés
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={save.isPending}
                  onClick={() => save.mutate(false)}
                >
                  Retirer la publication
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button"
                disabled={save.isPending}
                onClick={() => save.mutate(true)}
              >
                Publier le registre
              </button>
            )}
          </div>
        </form>
      ) : (
        <section aria-labelledby="fields-title">
          <h2 id="fields-title">Champs publiés</h2>
          <ul>
            {s.fields.map((key) => (
              <li key={key}>{label(key)}</li>
            ))}
          </ul>
          <p className="hint">Seul le délégué à la protection des données modifie la publication.</p>
        </section>
      )}

      <section aria-labelledby="preview-title">
        <h2 id="preview-title">Aperçu de ce qui sera public</h2>
        {preview.isPending ? <Loading label="Chargement de l'aperçu…" /> : null}
        {preview.isError ? <ErrorNotice>L'aperçu n'a pas pu être chargé.</ErrorNotice> : null}
        {preview.data ? (
          <>
            <p role="status">
              {plural(preview.data.entries.length, 'traitement validé', 'traitements validés')}
            </p>
            {preview.data.dpo ? (
              <p>
                Délégué à la protection des données :{' '}
                {[preview.data.dpo.name, preview.data.dpo.email, preview.data.dpo.phone]
                  .filter(Boolean)
                  .join(' — ')}
              </p>
            ) : null}
            <ul className="preview-list">
              {preview.data.entries.map((entry) => (
                <li key={entry.id}>
                  <strong>{entry.name}</strong>
                  {entry.description ? ` — ${entry.description}` : ''}
                  {entry.purposes?.length ? (
                    <span className="muted">
                      {' '}
                      — finalités : {entry.purposes.map((p) => p.description).join(' ; ')}
                    </span>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </Page>
  );
}
