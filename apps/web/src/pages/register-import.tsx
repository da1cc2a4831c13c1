import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { useRights, useSession } from '../session';
import { ErrorNotice, Page } from '../ui/page';

interface Outcome {
  imported: number;
  created: number;
  updated: number;
  unchanged: number;
  items: { id: string; name: string; outcome: 'created' | 'updated' | 'unchanged' }[];
}

const OUTCOME_LABELS = { created: 'créé', updated: 'mis à jour', unchanged: 'inchangé' };

/** Import of an XLSX or CSV file laid out like the export: all lines or none, each refused line told. */
export default function RegisterImportPage() {
  const { current } = useSession();
  const { canEdit } = useRights();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [refusal, setRefusal] = useState<{ detail: string; lines: string[] }>();
  const [failure, setFailure] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const file = input.current?.files?.[0];
    setMissing(!file);
    setOutcome(undefined);
    setRefusal(undefined);
    setFailure(undefined);
    if (!file) {
      input.current?.focus();
      return;
    }
    const form = new FormData();
    form.append('file', file);
    setBusy(true);
    try {
      const result = (await unwrap(
        api.POST('/api/v1/organisations/{orgId}/register/import', {
          params: { path: { orgId: current?.organisationId ?? '' } },
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      )) as unknown as Outcome;
      setOutcome(result);
      queryClient.invalidateQueries({ queryKey: ['entries'] });
    } catch (error) {
      if (error instanceof ApiError && [400, 409, 413, 415].includes(error.status)) {
        setRefusal({
          detail: error.problem.detail ?? 'Le fichier est refusé.',
          lines: (error.problem.errors ?? []).map(
            (e) => `${e.field[0]?.toUpperCase() ?? ''}${e.field.slice(1)} : ${e.message}`,
          ),
        });
      } else {
        setFailure("L'import a échoué. Réessayez dans un instant.");
      }
    } finally {
      setBusy(false);
    }
  }

  if (!canEdit) {
    return (
      <Page title="Accès réservé">
        <p>Votre rôle dans cet organisme ne permet pas de modifier le registre.</p>
      </Page>
    );
  }
  return (
    <Page title="Importer un fichier dans le registre">
      <p className="lead">{current?.organisationName}</p>
      <p>
        Le fichier (Excel ou CSV) reprend les colonnes de l'export du registre. Les lignes sans identifiant
        créent des brouillons ; les lignes avec leur identifiant et leur version mettent à jour le traitement.
        Une seule ligne refusée et rien n'est importé : corrigez les lignes signalées puis recommencez.
      </p>
      {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      {refusal ? (
        <div className="notice notice-error" role="alert">
          <h2>Le fichier est refusé : rien n'a été importé</h2>
          <p>{refusal.detail}</p>
          {refusal.lines.length > 0 ? (
            <ul>
              {refusal.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {outcome ? (
        <div className="notice notice-success" role="status">
          <p>
            {outcome.imported === 1 ? '1 ligne importée' : `${outcome.imported} lignes importées`} :{' '}
            {outcome.created} créée(s), {outcome.updated} mise(s) à jour, {outcome.unchanged} inchangée(s).
          </p>
          <ul>
            {outcome.items.map((item) => (
              <li key={item.id}>
                <Link to={`/registre/${item.id}`}>{item.name}</Link> ({OUTCOME_LABELS[item.outcome]})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <div className={`field${missing ? ' field-invalid' : ''}`}>
          <label htmlFor="import-file">
            Fichier <span className="required">(obligatoire)</span>
          </label>
          <p className="hint" id="import-file-hint">
            Format .xlsx ou .csv (séparateur point-virgule), tel que l'export du registre.
          </p>
          {missing ? (
            <p className="field-error" id="import-file-error">
              Choisissez le fichier à importer.
            </p>
          ) : null}
          <input
            ref={input}
            id="import-file"
            type="file"
            name="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-required="true"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? 'import-file-hint import-file-error' : 'import-file-hint'}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy}>
            Importer
          </button>
          <Link className="button button-secondary" to="/registre">
            Retour au registre
          </Link>
        </div>
      </form>
    </Page>
  );
}
