import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, unwrap, type Entry } from '../api/client';
import { applicationsVisible, templatesOf } from '../api/register';
import { useRights, useSession } from '../session';
import { ErrorSummary, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';

/** The templates the operator published for the applications deployed for the member. */
function useTemplates(enabled: boolean) {
  return useQuery({
    queryKey: ['register-templates'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const applications = await applicationsVisible();
      const lists = await Promise.all(
        applications.map(async (application) =>
          (await templatesOf(application.id)).map((template) => ({
            ...template,
            applicationName: application.name,
          })),
        ),
      );
      return lists.flat();
    },
  });
}

export default function RegisterFromTemplatePage() {
  const { current } = useSession();
  const { canEdit } = useRights();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const templates = useTemplates(canEdit);
  const [templateId, setTemplateId] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ id: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string>();
  const summary = useRef<HTMLDivElement>(null);
  // Each refusal moves the focus to the error summary, once it is on the page.
  const [summaryFocus, setSummaryFocus] = useState(0);
  useEffect(() => {
    if (summaryFocus > 0) summary.current?.focus();
  }, [summaryFocus]);

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/organisations/{orgId}/processing-activities/from-template/{templateId}', {
          params: { path: { orgId: current?.organisationId ?? '', templateId } },
          body: name.trim() ? { name: name.trim() } : {},
        }),
      ) as unknown as Promise<Entry>,
    onSuccess: (entry) => {
      queryClient.setQueryData(['entry', entry.id], entry);
      queryClient.invalidateQueries({ queryKey: ['entries'] });
      navigate(`/registre/${entry.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400) {
        setErrors([
          {
            id: 'template-name',
            message: `Le nom est refusé : ${error.problem.errors?.[0]?.message ?? error.problem.detail ?? ''}`,
          },
        ]);
        setSummaryFocus((n) => n + 1);
      } else if (error instanceof ApiError && error.status === 404) {
        setFailure("Ce modèle n'est plus disponible pour cet organisme.");
      } else if (error instanceof ApiError && error.status === 403) {
        setFailure("Votre rôle dans cet organisme ne permet pas d'ajouter un traitement.");
      } else {
        setFailure("Le traitement n'a pas pu être créé. Réessayez dans un instant.");
      }
    },
  });

  if (!canEdit) {
    return (
      <Page title="Accès réservé">
        <p>Votre rôle dans cet organisme ne permet pas de modifier le registre.</p>
        <p>
          <Link to="/registre">Retour au registre</Link>
        </p>
      </Page>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found = templateId ? [] : [{ id: 'templates', message: 'Choisissez un modèle.' }];
    setErrors(found);
    if (found.length > 0) {
      setSummaryFocus((n) => n + 1);
      return;
    }
    create.mutate();
  }

  const chosenError = errors.find((e) => e.id === 'templates')?.message;
  return (
    <Page title="Nouveau traitement depuis un modèle">
      <p className="lead">{current?.organisationName}</p>
      <p className="hint">
        Les modèles sont publiés par l'opérateur pour les applications déployées chez vous. Le traitement créé
        est un brouillon que vous complétez ; il suivra les nouvelles versions du modèle, champ par champ.
      </p>
      {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      <ErrorSummary errors={errors} summaryRef={summary} />
      {templates.isPending ? <Loading label="Chargement des modèles…" /> : null}
      {templates.isError ? <ErrorNotice>Les modèles n'ont pas pu être chargés.</ErrorNotice> : null}
      {templates.data && templates.data.length === 0 ? (
        <p>Aucun modèle n'est publié pour les applications de cet organisme.</p>
      ) : null}
      {templates.data && templates.data.length > 0 ? (
        <form className="form" noValidate onSubmit={submit}>
          <fieldset
            className={`list-editor${chosenError ? ' field-invalid' : ''}`}
            id="templates"
            tabIndex={-1}
            aria-describedby={chosenError ? 'templates-error' : undefined}
          >
            <legend>
              Modèle<span className="required"> (obligatoire)</span>
            </legend>
            {chosenError ? (
              <p className="field-error" id="templates-error">
                {chosenError}
              </p>
            ) : null}
            {templates.data.map((t) => (
              <div className="radio" key={t.id}>
                <input
                  type="radio"
                  name="template"
                  id={`template-${t.id}`}
                  checked={templateId === t.id}
                  onChange={() => setTemplateId(t.id)}
                />
                <label htmlFor={`template-${t.id}`}>
                  {t.name}{' '}
                  <span className="muted">
                    ({t.applicationName}, version {t.version})
                  </span>
                </label>
              </div>
            ))}
          </fieldset>
          <TextField
            id="template-name"
            label="Nom du traitement"
            hint="Par défaut : le nom du modèle."
            maxLength={300}
            value={name}
            error={errors.find((e) => e.id === 'template-name')?.message}
            onChange={(e) => setName(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={create.isPending}>
              Créer le traitement
            </button>
            <Link className="button button-secondary" to="/registre">
              Annuler
            </Link>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
