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
import {
  historyVersion,
  type DpiaAssessment,
  type EntryDetail,
  type HistoryItem,
  type TemplateUpdate,
} from '../api/register';
import { DPIA_RESIDUAL_RISKS } from '../../../../libs/reference-data/src/register-rules';
import { useRights } from '../session';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { describeValue, fieldLabel } from './entry-values';
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

/** A field's value, one line per item, or « Non renseigné ». */
function ValueLines({ field, value }: { field: string; value: unknown }) {
  const lines = describeValue(field, value);
  if (lines.length === 0) return <span className="muted">Non renseigné</span>;
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <ul className="value-lines">
      {lines.map((line, index) => (
        <li key={index}>{line}</li>
      ))}
    </ul>
  );
}

/** What one version changed, field by field: the value before and after. */
function VersionDifferences({ id, item }: { id: string; item: HistoryItem }) {
  const versions = useQuery({
    queryKey: ['entry-version-diff', id, item.version],
    staleTime: Infinity,
    queryFn: () =>
      Promise.all([
        historyVersion(id, item.version),
        item.version > 1 ? historyVersion(id, item.version - 1) : Promise.resolve(undefined),
      ]),
  });
  if (versions.isPending) return <Loading label="Chargement des différences…" />;
  if (versions.isError) return <ErrorNotice>Les différences n'ont pas pu être chargées.</ErrorNotice>;
  const [after, before] = versions.data;
  const fields = item.changedFields.length > 0 ? item.changedFields : [];
  if (fields.length === 0) return <p className="muted">Aucun champ du traitement n'a changé.</p>;
  return (
    <table className="table diff-table">
      <caption>Différences de la version {item.version}</caption>
      <thead>
        <tr>
          <th scope="col">Champ</th>
          <th scope="col">Avant</th>
          <th scope="col">Après</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field}>
            <th scope="row">{fieldLabel(field)}</th>
            <td>{before ? <ValueLines field={field} value={before.snapshot[field]} /> : '—'}</td>
            <td>
              <ValueLines field={field} value={after.snapshot[field]} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every version of the entry: who, when, what changed, and on demand the differences field by field. */
function History({ id, version }: { id: string; version: number }) {
  const [open, setOpen] = useState<number[]>([]);
  const history = useQuery({
    queryKey: ['entry-history', id, version],
    queryFn: () =>
      unwrap(api.GET('/api/v1/processing-activities/{id}/history', { params: { path: { id } } })) as Promise<{
        items: HistoryItem[];
      }>,
  });
  const toggle = (v: number) => setOpen((o) => (o.includes(v) ? o.filter((x) => x !== v) : [...o, v]));
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
              <HistoryRow
                key={h.version}
                id={id}
                item={h}
                open={open.includes(h.version)}
                onToggle={toggle}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </Section>
  );
}

function HistoryRow({
  id,
  item: h,
  open,
  onToggle,
}: {
  id: string;
  item: HistoryItem;
  open: boolean;
  onToggle: (version: number) => void;
}) {
  const panelId = useId();
  return (
    <>
      <tr>
        <td>{h.version}</td>
        <td>{formatDateTime(h.at)}</td>
        <td>{h.actorName ?? 'Vigie'}</td>
        <td>
          {ACTION_LABELS[h.action] ?? h.action}
          {h.note ? <span className="muted"> — {h.note}</span> : null}
        </td>
        <td>
          {h.changedFieldLabels.length > 0 ? h.changedFieldLabels.join(', ') : '—'}
          {h.changedFields.length > 0 ? (
            <div>
              <button
                type="button"
                className="button button-link"
                aria-expanded={open}
                aria-controls={open ? panelId : undefined}
                onClick={() => onToggle(h.version)}
              >
                {open ? 'Masquer les différences' : 'Voir les différences'}
                <span className="visually-hidden"> de la version {h.version}</span>
              </button>
            </div>
          ) : null}
        </td>
      </tr>
      {open ? (
        <tr id={panelId}>
          <td colSpan={5}>
            <VersionDifferences id={id} item={h} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

type Notify = (updated: Entry, text: string) => void;
type Fail = (what: string) => (error: unknown) => void;

/** The template's new version: for each field it changed, keep the entry's value or take the template's. */
function TemplateUpdatePanel({
  entry,
  update,
  onDone,
  onFail,
}: {
  entry: EntryDetail;
  update: TemplateUpdate;
  onDone: Notify;
  onFail: Fail;
}) {
  const [choices, setChoices] = useState<Record<string, 'keep' | 'take'>>({});
  const [error, setError] = useState<string>();
  const apply = useMutation({
    mutationFn: (fields: string[]) =>
      unwrap(
        api.POST('/api/v1/processing-activities/{id}/apply-template', {
          params: { path: { id: entry.id } },
          body: { fields, version: entry.version },
        }),
      ) as unknown as Promise<Entry>,
    onSuccess: (updated, fields) =>
      onDone(
        updated,
        fields.length > 0
          ? `Les champs choisis du modèle sont repris (${fields.map(fieldLabel).join(', ')}).`
          : 'Votre version est conservée ; le traitement suit désormais la dernière version du modèle.',
      ),
    onError: onFail("La mise à jour depuis le modèle n'a pas pu être enregistrée"),
  });
  const headingId = useId();
  return (
    <section className="sheet-section template-update" aria-labelledby={headingId}>
      <h2 id={headingId}>Mise à jour du modèle « {update.templateName} »</h2>
      <p>
        Le modèle est passé de la version {update.fromVersion} à la version {update.toVersion}. Pour chaque
        champ qu'il a modifié, gardez votre version ou prenez celle du modèle.
      </p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const missing = update.differences.filter((d) => !choices[d.field]);
          if (missing.length > 0) {
            setError(`Choisissez pour chaque champ : ${missing.map((d) => d.label).join(', ')}.`);
            return;
          }
          setError(undefined);
          apply.mutate(update.differences.filter((d) => choices[d.field] === 'take').map((d) => d.field));
        }}
      >
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {update.differences.map((d) => (
          <fieldset key={d.field} className="template-choice">
            <legend>{d.label}</legend>
            <div className="template-values">
              <div>
                <h3>Ma version</h3>
                <ValueLines field={d.field} value={d.entryValue} />
              </div>
              <div>
                <h3>Version du modèle</h3>
                <ValueLines field={d.field} value={d.templateValue} />
              </div>
            </div>
            {(['keep', 'take'] as const).map((choice) => (
              <div className="radio" key={choice}>
                <input
                  type="radio"
                  id={`template-${d.field}-${choice}`}
                  name={`template-${d.field}`}
                  checked={choices[d.field] === choice}
                  onChange={() => setChoices((c) => ({ ...c, [d.field]: choice }))}
                />
                <label htmlFor={`template-${d.field}-${choice}`}>
                  {choice === 'keep' ? 'Garder ma version' : 'Prendre celle du modèle'}
                </label>
              </div>
            ))}
          </fieldset>
        ))}
        <div className="form-actions">
          <button type="submit" className="button" disabled={apply.isPending}>
            Appliquer mes choix
          </button>
        </div>
      </form>
    </section>
  );
}

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** The DPIA carried out (Art. 35), recorded by the DPO: in progress or done, its reference, risk, conclusion. */
function DpiaAssessmentForm({
  entry,
  onDone,
  onFail,
  onCancel,
}: {
  entry: EntryDetail;
  onDone: Notify;
  onFail: Fail;
  onCancel: () => void;
}) {
  const current = entry.dpiaAssessment;
  const [form, setForm] = useState({
    status: current?.status ?? 'in-progress',
    startedAt: current?.startedAt ?? '',
    completedAt: current?.completedAt ?? '',
    reference: current?.reference ?? '',
    residualRisk: current?.residualRisk ?? '',
    priorConsultation: current?.priorConsultation ?? false,
    conclusion: current?.conclusion ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      unwrap(
        api.PUT('/api/v1/processing-activities/{id}/dpia-assessment', {
          params: { path: { id: entry.id } },
          body: body as never,
        }),
      ) as unknown as Promise<Entry>,
    onSuccess: (updated) => onDone(updated, "L'AIPD est enregistrée."),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setErrors(
          Object.fromEntries(
            error.problem.errors.map((e) => [e.field.split('.').pop() ?? e.field, e.message]),
          ),
        );
        return;
      }
      onFail("L'AIPD n'a pas pu être enregistrée")(error);
    },
  });
  const set = (key: keyof typeof form, value: string | boolean) => setForm((f) => ({ ...f, [key]: value }));
  return (
    <form
      className="form"
      noValidate
      aria-label="AIPD réalisée"
      onSubmit={(event) => {
        event.preventDefault();
        const found: Record<string, string> = {};
        const now = today();
        if (form.startedAt && form.startedAt > now)
          found.startedAt = 'La date de début ne peut pas être future.';
        if (form.completedAt && form.completedAt > now)
          found.completedAt = 'La date de fin ne peut pas être future.';
        if (form.startedAt && form.completedAt && form.completedAt < form.startedAt)
          found.completedAt = 'La date de fin précède la date de début.';
        if (form.status === 'done' && !form.conclusion.trim())
          found.conclusion = "Indiquez la conclusion de l'AIPD réalisée.";
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        save.mutate({
          status: form.status,
          ...(form.startedAt ? { startedAt: form.startedAt } : {}),
          ...(form.completedAt && form.status === 'done' ? { completedAt: form.completedAt } : {}),
          ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
          ...(form.residualRisk ? { residualRisk: form.residualRisk } : {}),
          priorConsultation: form.priorConsultation,
          ...(form.conclusion.trim() ? { conclusion: form.conclusion.trim() } : {}),
          version: entry.version,
        });
      }}
    >
      <SelectField
        id="dpia-status"
        label="État de l'AIPD"
        required
        options={[
          { key: 'in-progress', label: 'AIPD en cours' },
          { key: 'done', label: 'AIPD réalisée' },
        ]}
        value={form.status}
        onChange={(e) => set('status', e.target.value)}
      />
      <TextField
        id="dpia-startedAt"
        type="date"
        label="Commencée le"
        value={form.startedAt}
        error={errors.startedAt}
        onChange={(e) => set('startedAt', e.target.value)}
      />
      {form.status === 'done' ? (
        <TextField
          id="dpia-completedAt"
          type="date"
          label="Terminée le"
          hint="Par défaut : le jour de l'enregistrement."
          value={form.completedAt}
          error={errors.completedAt}
          onChange={(e) => set('completedAt', e.target.value)}
        />
      ) : null}
      <TextField
        id="dpia-reference"
        label="Référence du document d'AIPD"
        hint="Par exemple : AIPD-2026-03 v1.2"
        maxLength={200}
        value={form.reference}
        error={errors.reference}
        onChange={(e) => set('reference', e.target.value)}
      />
      <SelectField
        id="dpia-residualRisk"
        label="Risque résiduel"
        options={DPIA_RESIDUAL_RISKS.map((r) => ({ key: r.key, label: r.label }))}
        placeholder="Non évalué"
        value={form.residualRisk}
        error={errors.residualRisk}
        onChange={(e) => set('residualRisk', e.target.value)}
      />
      <div className="checkbox">
        <input
          type="checkbox"
          id="dpia-priorConsultation"
          checked={form.priorConsultation}
          onChange={(e) => set('priorConsultation', e.target.checked)}
        />
        <label htmlFor="dpia-priorConsultation">La CNIL a été consultée préalablement (art. 36)</label>
      </div>
      <TextArea
        id="dpia-conclusion"
        label="Conclusion"
        rows={3}
        required={form.status === 'done'}
        value={form.conclusion}
        error={errors.conclusion}
        onChange={(e) => set('conclusion', e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer l'AIPD
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

function DpiaAssessmentSummary({ assessment }: { assessment: DpiaAssessment }) {
  const riskLabel = DPIA_RESIDUAL_RISKS.find((r) => r.key === assessment.residualRisk)?.label;
  return (
    <dl className="facts">
      <div>
        <dt>AIPD</dt>
        <dd>{assessment.status === 'done' ? 'Réalisée' : 'En cours'}</dd>
      </div>
      {assessment.startedAt ? (
        <div>
          <dt>Commencée le</dt>
          <dd>{formatDate(assessment.startedAt)}</dd>
        </div>
      ) : null}
      {assessment.completedAt ? (
        <div>
          <dt>Terminée le</dt>
          <dd>{formatDate(assessment.completedAt)}</dd>
        </div>
      ) : null}
      {assessment.reference ? (
        <div>
          <dt>Référence</dt>
          <dd>{assessment.reference}</dd>
        </div>
      ) : null}
      {riskLabel ? (
        <div>
          <dt>Risque résiduel</dt>
          <dd>{riskLabel}</dd>
        </div>
      ) : null}
      <div>
        <dt>Consultation préalable de la CNIL</dt>
        <dd>{assessment.priorConsultation ? 'Oui' : 'Non'}</dd>
      </div>
      {assessment.conclusion ? (
        <div>
          <dt>Conclusion</dt>
          <dd>{assessment.conclusion}</dd>
        </div>
      ) : null}
    </dl>
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
  const [assessmentOpen, setAssessmentOpen] = useState(false);

  const done = (updated: Entry, text: string) => {
    setAssessmentOpen(false);
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
  const e = entry.data as unknown as EntryDetail;
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
          <DpiaBadge
            required={e.dpia.required}
            decided={!!e.dpia.decision}
            done={e.dpiaAssessment?.status === 'done'}
          />
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
                if (reason.trim().length < 20) {
                  setReasonError('Motivez la décision en quelques phrases (20 caractères au moins).');
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
        {e.dpiaAssessment ? (
          <>
            <h3>AIPD réalisée</h3>
            <DpiaAssessmentSummary assessment={e.dpiaAssessment} />
          </>
        ) : null}
        {isDpo && e.status !== 'archived' ? (
          assessmentOpen ? (
            <DpiaAssessmentForm
              entry={e}
              onDone={done}
              onFail={failed}
              onCancel={() => setAssessmentOpen(false)}
            />
          ) : (
            <p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => setAssessmentOpen(true)}
              >
                {e.dpiaAssessment ? "Mettre à jour l'AIPD" : "Enregistrer l'AIPD menée"}
              </button>
            </p>
          )
        ) : null}
      </section>

      {(e.warnings ?? []).length > 0 ? (
        <Section title="Points d'attention">
          <ul>
            {(e.warnings ?? []).map((w, index) => (
              <li key={index}>
                <strong>{fieldLabel(w.field.split('.')[0] ?? w.field)}</strong> : {w.message}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {e.templateUpdate?.available && e.templateUpdate.differences.length > 0 ? (
        editable ? (
          <TemplateUpdatePanel
            key={`${e.templateUpdate.toVersion}-${e.version}`}
            entry={e}
            update={e.templateUpdate}
            onDone={done}
            onFail={failed}
          />
        ) : (
          <p className="notice">
            Le modèle « {e.templateUpdate.templateName} » a une nouvelle version ; le DPO ou un référent peut
            la reprendre.
          </p>
        )
      ) : null}

      <Section title="Description" empty={!e.description}>
        <p>{e.description}</p>
      </Section>
      <Section title="Applications utilisées" empty={(e.applications ?? []).length === 0}>
        <ul>
          {(e.applications ?? []).map((a) => (
            <li key={a.id}>{a.name}</li>
          ))}
        </ul>
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
