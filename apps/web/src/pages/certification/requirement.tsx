import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import {
  assessment,
  evidenceOf,
  expiryOf,
  INCLUSION_LABELS,
  requirementOf,
  STATUS_LABELS,
  STATUSES,
  todayInParis,
  updateRequirement,
  uploadEvidence,
  type InclusionReason,
  type Requirement,
  type RequirementStatus,
} from '../../api/certification';
import { formatDate } from '../../format';
import { isNotFound, isReserved, refusal, useOperatorRights } from '../../operator';
import { useMe } from '../../session';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { ownerText } from './assessment';

export function ExpiryBadge({ expiresAt }: { expiresAt: string | null }) {
  const state = expiryOf(expiresAt, todayInParis());
  if (state === 'expired') return <span className="badge badge-warning">Expirée</span>;
  if (state === 'soon') return <span className="badge badge-draft">Expire bientôt</span>;
  return null;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024)
    return `${(bytes / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** One requirement: applicability, justification and inclusion reasons, status, owner, due date, its evidence. */
export default function RequirementPage() {
  const { id = '', requirementId = '' } = useParams();
  const head = useQuery({ queryKey: ['assessment', id], queryFn: () => assessment(id) });
  const requirement = useQuery({
    queryKey: ['requirement', requirementId],
    queryFn: () => requirementOf(id, requirementId),
  });
  if (head.isPending || requirement.isPending) return <Loading />;
  if (head.isError || requirement.isError) {
    const error = head.error ?? requirement.error;
    return isNotFound(error) ? (
      <Page title="Exigence introuvable">
        <p>Cette exigence est introuvable, ou vous n'y avez pas accès.</p>
        <p>
          <Link to="/certification">Retour à la certification</Link>
        </p>
      </Page>
    ) : isReserved(error) ? (
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
      <Page title="Exigence">
        <ErrorNotice>L'exigence n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  return (
    <RequirementView
      key={requirement.data.id}
      r={requirement.data}
      assessmentName={head.data.name}
      archived={head.data.archived}
      isSoaControl={head.data.frameworkCode === 'iso27001-2022' && requirement.data.kind === 'control'}
    />
  );
}

function RequirementView({
  r,
  assessmentName,
  archived,
  isSoaControl,
}: {
  r: Requirement;
  assessmentName: string;
  archived: boolean;
  isSoaControl: boolean;
}) {
  const me = useMe();
  const { isSecurityOfficer } = useOperatorRights();
  const editable = isSecurityOfficer && !archived;
  const queryClient = useQueryClient();
  const [applicable, setApplicable] = useState(r.applicable);
  const [justification, setJustification] = useState(r.justification ?? '');
  const [reasons, setReasons] = useState<InclusionReason[]>(r.inclusionReasons);
  const [status, setStatus] = useState<RequirementStatus>(r.status);
  const [dueDate, setDueDate] = useState(r.dueDate ?? '');
  const [notes, setNotes] = useState(r.notes ?? '');
  const [mine, setMine] = useState(r.ownerId === me.id);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => updateRequirement(r.assessmentId, r.id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['requirement', r.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['assessment', r.assessmentId] });
      setNotice({ kind: 'success', text: 'Les modifications sont enregistrées.' });
    },
    onError: (error) => setNotice({ kind: 'error', text: refusal(error) }),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!applicable && !justification.trim())
      found.justification = "Justifiez l'exclusion : elle figure dans la déclaration d'applicabilité.";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    save.mutate({
      applicable,
      justification: justification.trim() || null,
      ...(isSoaControl ? { inclusionReasons: applicable ? reasons : [] } : {}),
      status: applicable ? (status === 'not-applicable' ? 'not-started' : status) : 'not-applicable',
      dueDate: dueDate || null,
      notes: notes.trim() || null,
      ownerId: mine ? me.id : r.ownerId === me.id ? null : r.ownerId,
      version: r.version,
    });
  }

  return (
    <Page title={`${r.ref} — ${r.title}`}>
      <p>
        <Link to="/certification">Certification</Link> ›{' '}
        <Link to={`/certification/${r.assessmentId}`}>{assessmentName}</Link> › {r.theme}
      </p>
      <dl className="facts">
        <div>
          <dt>Statut</dt>
          <dd>{STATUS_LABELS[r.status]}</dd>
        </div>
        <div>
          <dt>Applicabilité</dt>
          <dd>{r.applicable ? 'Applicable' : 'Non applicable'}</dd>
        </div>
        <div>
          <dt>Responsable</dt>
          <dd>{ownerText(r.ownerId, me.id)}</dd>
        </div>
        <div>
          <dt>Échéance</dt>
          <dd className={r.overdue ? 'late' : undefined}>
            {formatDate(r.dueDate) || 'Aucune'}
            {r.overdue ? ' (en retard)' : ''}
          </dd>
        </div>
        {r.anchor ? (
          <div>
            <dt>Correspondance</dt>
            <dd>
              {r.anchor.label}
              {r.anchor.current
                ? ` — ${STATUS_LABELS[r.anchor.current.status]} dans ${r.anchor.current.assessmentName}`
                : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}

      {editable ? (
        <form className="form" onSubmit={submit} noValidate aria-labelledby="assessment-title">
          <h2 id="assessment-title">Évaluation de l'exigence</h2>
          <fieldset className="checkbox-group">
            <legend>Applicabilité</legend>
            <div className="checkbox">
              <input
                type="radio"
                id="applicable-yes"
                name="applicable"
                checked={applicable}
                onChange={() => setApplicable(true)}
              />
              <label htmlFor="applicable-yes">Applicable</label>
            </div>
            <div className="checkbox">
              <input
                type="radio"
                id="applicable-no"
                name="applicable"
                checked={!applicable}
                onChange={() => setApplicable(false)}
              />
              <label htmlFor="applicable-no">Non applicable</label>
            </div>
          </fieldset>
          <TextArea
            id="justification"
            label="Justification"
            required={!applicable}
            hint={
              applicable
                ? "Pourquoi l'exigence s'applique (reprise dans la déclaration d'applicabilité)."
                : "Pourquoi l'exigence est exclue (obligatoire, reprise dans la déclaration d'applicabilité)."
            }
            rows={4}
            maxLength={4000}
            value={justification}
            error={errors.justification}
            onChange={(e) => setJustification(e.target.value)}
          />
          {isSoaControl && applicable ? (
            <fieldset className="checkbox-group">
              <legend>Raisons de l'inclusion</legend>
              {(Object.keys(INCLUSION_LABELS) as InclusionReason[]).map((key) => (
                <div className="checkbox" key={key}>
                  <input
                    type="checkbox"
                    id={`reason-${key}`}
                    checked={reasons.includes(key)}
                    onChange={(e) =>
                      setReasons(e.target.checked ? [...reasons, key] : reasons.filter((k) => k !== key))
                    }
                  />
                  <label htmlFor={`reason-${key}`}>{INCLUSION_LABELS[key]}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          {applicable ? (
            <SelectField
              label="Statut"
              options={STATUSES.filter((s) => s !== 'not-applicable').map((s) => ({
                key: s,
                label: STATUS_LABELS[s],
              }))}
              value={status === 'not-applicable' ? 'not-started' : status}
              onChange={(e) => setStatus(e.target.value as RequirementStatus)}
            />
          ) : null}
          <TextField
            label="Échéance"
            type="date"
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
          />
          <div className="checkbox">
            <input type="checkbox" id="owner-me" checked={mine} onChange={(e) => setMine(e.target.checked)} />
            <label htmlFor="owner-me">J'en suis responsable</label>
          </div>
          <TextArea
            label="Notes internes"
            rows={3}
            maxLength={10000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={save.isPending}>
              Enregistrer
            </button>
          </div>
        </form>
      ) : (
        <section aria-labelledby="assessment-title">
          <h2 id="assessment-title">Évaluation de l'exigence</h2>
          <h3>Justification</h3>
          <p>{r.justification || 'Aucune justification.'}</p>
          {isSoaControl ? (
            <>
              <h3>Raisons de l'inclusion</h3>
              {r.inclusionReasons.length > 0 ? (
                <ul>
                  {r.inclusionReasons.map((key) => (
                    <li key={key}>{INCLUSION_LABELS[key]}</li>
                  ))}
                </ul>
              ) : (
                <p>Aucune raison indiquée.</p>
              )}
            </>
          ) : null}
          {r.notes ? (
            <>
              <h3>Notes internes</h3>
              <p>{r.notes}</p>
            </>
          ) : null}
        </section>
      )}

      <EvidenceSection r={r} editable={editable} />
    </Page>
  );
}

function EvidenceSection({ r, editable }: { r: Requirement; editable: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['requirement', r.id, 'evidence'],
    queryFn: () => evidenceOf(r.assessmentId, r.id),
  });
  return (
    <section aria-labelledby="evidence-title">
      <h2 id="evidence-title">Preuves</h2>
      {list.isPending ? <Loading label="Chargement des preuves…" /> : null}
      {list.isError ? <ErrorNotice>Les preuves n'ont pas pu être chargées.</ErrorNotice> : null}
      {list.data && list.data.items.length === 0 ? <p>Aucune preuve pour cette exigence.</p> : null}
      {list.data && list.data.items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Fichier</th>
              <th scope="col">Date d'effet</th>
              <th scope="col">Expiration</th>
              <th scope="col">Taille</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Link to={`/preuves/${e.id}`}>{e.fileName}</Link>
                  {e.description ? <div className="hint">{e.description}</div> : null}
                </th>
                <td>{formatDate(e.effectiveDate)}</td>
                <td>
                  {formatDate(e.expiresAt) || 'Sans expiration'} <ExpiryBadge expiresAt={e.expiresAt} />
                </td>
                <td>{fileSize(e.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {editable ? (
        <>
          <UploadForm
            r={r}
            onUploaded={() => {
              void queryClient.invalidateQueries({ queryKey: ['requirement', r.id] });
              void queryClient.invalidateQueries({ queryKey: ['assessment', r.assessmentId] });
            }}
          />
          <p className="hint">
            Une preuve déjà déposée peut servir à plusieurs exigences, de ce référentiel ou d'un autre :
            ouvrez-la et choisissez « Utiliser aussi pour une autre exigence ».
          </p>
        </>
      ) : null}
    </section>
  );
}

function UploadForm({ r, onUploaded }: { r: Requirement; onUploaded: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [effectiveDate, setEffectiveDate] = useState(todayInParis);
  const [expiresAt, setExpiresAt] = useState('');
  const [description, setDescription] = useState('');
  const [dragging, setDragging] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();
  const input = useRef<HTMLInputElement>(null);

  const upload = useMutation({
    mutationFn: (chosen: File) =>
      uploadEvidence(r.assessmentId, r.id, {
        file: chosen,
        effectiveDate,
        expiresAt: expiresAt || undefined,
        description: description.trim() || undefined,
      }),
    onSuccess: (created) => {
      setNotice({ kind: 'success', text: `La preuve « ${created.fileName} » est ajoutée.` });
      setFile(null);
      setExpiresAt('');
      setDescription('');
      if (input.current) input.current.value = '';
      onUploaded();
    },
    onError: (error) =>
      setNotice({ kind: 'error', text: refusal(error, 'Le dépôt a échoué. Réessayez dans un instant.') }),
  });

  function choose(files: FileList | null) {
    setFile(files?.item(0) ?? null);
    setErrors((e) => ({ ...e, file: '' }));
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) {
      choose(event.dataTransfer.files);
      if (input.current) input.current.files = event.dataTransfer.files;
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!file) found.file = 'Choisissez le fichier de la preuve.';
    if (!effectiveDate) found.effectiveDate = "Indiquez la date d'effet du document.";
    if (effectiveDate && expiresAt && expiresAt < effectiveDate)
      found.expiresAt = "La date d'expiration suit la date d'effet.";
    setErrors(found);
    if (Object.values(found).some(Boolean) || !file) return;
    setNotice(undefined);
    upload.mutate(file);
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="upload-title">
      <h3 id="upload-title">Nouvelle preuve</h3>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className={`field${errors.file ? ' field-invalid' : ''}`}>
          <label htmlFor="evidence-file">
            Fichier<span className="required"> (obligatoire)</span>
          </label>
          <div className="hint" id="evidence-file-hint">
            Déposez le fichier dans ce cadre ou choisissez-le (PDF, image, document bureautique, texte).
          </div>
          {errors.file ? (
            <p className="field-error" id="evidence-file-error">
              {errors.file}
            </p>
          ) : null}
          <input
            id="evidence-file"
            type="file"
            ref={input}
            aria-required
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={`evidence-file-hint${errors.file ? ' evidence-file-error' : ''}`}
            onChange={(e) => choose(e.target.files)}
          />
        </div>
        {file ? <p>Fichier choisi : {file.name}</p> : null}
      </div>
      <TextField
        label="Date d'effet"
        required
        type="date"
        hint="La date à laquelle le document fait foi (distincte de la date du dépôt)."
        value={effectiveDate}
        error={errors.effectiveDate}
        onChange={(e) => setEffectiveDate(e.target.value)}
      />
      <TextField
        label="Date d'expiration"
        type="date"
        hint="Après cette date, la preuve est signalée comme expirée."
        value={expiresAt}
        error={errors.expiresAt}
        onChange={(e) => setExpiresAt(e.target.value)}
      />
      <TextArea
        label="Description"
        rows={2}
        maxLength={1000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={upload.isPending}>
          Ajouter une preuve
        </button>
      </div>
    </form>
  );
}
