import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  BREACH_FIELD_LABELS,
  BREACH_NEXT,
  breach as readBreach,
  localToIso,
  NATURE_LABELS,
  nowLocal,
  problemOf,
  RISK_LABELS,
  updateBreach,
  WAIVER_LABELS,
  type BreachDetail,
  type RiskLevel,
} from '../api/breaches';
import { BREACH_STATUS_LABELS, CLOCK_RUNNING } from '../api/lists';
import { hoursLeft } from '../deadlines';
import { formatDateTime } from '../format';
import { DATA_CATEGORY_LABELS_FR } from '../reference';
import { useRights } from '../session';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';

const RISKS = Object.entries(RISK_LABELS).map(([key, label]) => ({ key, label }));
const WAIVERS = Object.entries(WAIVER_LABELS).map(([key, label]) => ({ key, label }));

/** The time now, renewed every 30 seconds: the 72-hour clock moves on while the page stays open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The 72-hour clock of Art. 33.1: running, past, notified, or without object. */
function Countdown({ b }: { b: BreachDetail }) {
  const now = useNow();
  const left = hoursLeft(b.notificationDeadline, now);
  let text: string;
  if (b.cnilNotifiedAt) text = `Notifiée à la CNIL le ${formatDateTime(b.cnilNotifiedAt)}.`;
  else if (CLOCK_RUNNING(b))
    text = left.overdue
      ? `Délai de 72 heures dépassé de ${left.text.replace('dépassé de ', '')} (échéance le ${formatDateTime(b.notificationDeadline)}) : notifiez sans tarder en indiquant le motif du retard.`
      : `Notification à la CNIL : ${left.text} (avant le ${formatDateTime(b.notificationDeadline)}).`;
  else text = 'Pas de notification à la CNIL : la violation est jugée sans risque pour les personnes.';
  return (
    <div
      className={`notice countdown${CLOCK_RUNNING(b) && left.overdue ? ' notice-error' : ''}`}
      aria-labelledby="countdown-title"
      role="region"
    >
      <h2 id="countdown-title">Délai de 72 heures (art. 33.1 du RGPD)</h2>
      <p>{text}</p>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

interface StepProps {
  b: BreachDetail;
  send: (body: Record<string, unknown>, done: string) => void;
  pending: boolean;
  errors: Record<string, string>;
}

/** `to-assess` → `assessed`: the DPO weighs the risk for the people. */
function AssessForm({ b, send, pending, errors }: StepProps) {
  const [risk, setRisk] = useState<string>(b.riskLevel ?? '');
  const [analysis, setAnalysis] = useState(b.riskAssessment ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!risk) {
      setLocal({ riskLevel: 'Choisissez le niveau de risque pour les personnes.' });
      return;
    }
    setLocal({});
    send(
      { status: 'assessed', riskLevel: risk, riskAssessment: analysis.trim() || null, version: b.version },
      'La violation est évaluée.',
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="assess-title">
      <h2 id="assess-title">Évaluer la violation</h2>
      <SelectField
        id="risk-level"
        label="Niveau de risque pour les personnes"
        required
        placeholder="Choisir…"
        options={RISKS}
        value={risk}
        error={local.riskLevel ?? errors.riskLevel}
        onChange={(e) => setRisk(e.target.value)}
      />
      <TextArea
        id="risk-assessment"
        label="Analyse du risque"
        rows={3}
        value={analysis}
        error={errors.riskAssessment}
        onChange={(e) => setAnalysis(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          Enregistrer l'évaluation
        </button>
      </div>
    </form>
  );
}

/** `assessed` or `not-notifiable` → `notified`: the notification made to the CNIL. */
function NotifyForm({ b, send, pending, errors }: StepProps) {
  const [at, setAt] = useState(nowLocal);
  const [reference, setReference] = useState('');
  const [delay, setDelay] = useState('');
  const [risk, setRisk] = useState<string>(b.riskLevel === 'none' ? '' : (b.riskLevel ?? ''));
  const [local, setLocal] = useState<Record<string, string>>({});
  const late = at !== '' && new Date(at).getTime() > new Date(b.notificationDeadline).getTime();
  const raiseRisk = b.riskLevel === 'none';
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!at) found.cnilNotifiedAt = 'Indiquez la date de la notification.';
    if (late && delay.trim() === '')
      found.notificationDelayReason =
        'La notification intervient après 72 heures : indiquez le motif du retard (art. 33.1).';
    if (raiseRisk && !risk) found.riskLevel = 'Indiquez le risque que les faits nouveaux font apparaître.';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    send(
      {
        status: 'notified',
        cnilNotifiedAt: localToIso(at),
        cnilReference: reference.trim() || null,
        ...(late ? { notificationDelayReason: delay.trim() } : {}),
        ...(raiseRisk ? { riskLevel: risk } : {}),
        version: b.version,
      },
      'La notification à la CNIL est enregistrée.',
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="notify-title">
      <h2 id="notify-title">Enregistrer la notification à la CNIL</h2>
      <p className="hint">
        La notification se fait sur le site de la CNIL ; enregistrez ici sa date et le numéro qu'elle a
        attribué.
      </p>
      {raiseRisk ? (
        <SelectField
          id="notify-risk"
          label="Niveau de risque réévalué"
          required
          placeholder="Choisir…"
          options={RISKS.filter((r) => r.key !== 'none')}
          value={risk}
          error={local.riskLevel ?? errors.riskLevel}
          onChange={(e) => setRisk(e.target.value)}
        />
      ) : null}
      <TextField
        id="cnil-notified-at"
        label="Date et heure de la notification"
        type="datetime-local"
        required
        value={at}
        error={local.cnilNotifiedAt ?? errors.cnilNotifiedAt}
        onChange={(e) => setAt(e.target.value)}
      />
      <TextField
        id="cnil-reference"
        label="Numéro de notification attribué par la CNIL"
        value={reference}
        maxLength={100}
        error={errors.cnilReference}
        onChange={(e) => setReference(e.target.value)}
      />
      {late ? (
        <TextArea
          id="notification-delay-reason"
          label="Motif du retard"
          required
          rows={3}
          value={delay}
          error={local.notificationDelayReason ?? errors.notificationDelayReason}
          onChange={(e) => setDelay(e.target.value)}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          Enregistrer la notification
        </button>
      </div>
    </form>
  );
}

/** `assessed` → `not-notifiable`: a breach without risk, documented (Art. 33.5). */
function NotNotifiableForm({ b, send, pending, errors }: StepProps) {
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setLocal({ notNotifiableReason: 'Indiquez pourquoi la violation ne présente pas de risque.' });
      return;
    }
    setLocal({});
    send(
      { status: 'not-notifiable', notNotifiableReason: reason.trim(), version: b.version },
      'La violation est enregistrée comme non notifiable.',
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="not-notifiable-title">
      <h2 id="not-notifiable-title">Ne pas notifier la violation</h2>
      <p className="hint">
        Une violation qui n'est pas susceptible d'engendrer un risque pour les personnes n'est pas notifiée ;
        elle reste inscrite au registre avec le motif (art. 33.5).
      </p>
      <TextArea
        id="not-notifiable-reason"
        label="Pourquoi la violation n'engendre pas de risque"
        required
        rows={3}
        value={reason}
        error={local.notNotifiableReason ?? errors.notNotifiableReason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={pending}>
          Enregistrer : non notifiable
        </button>
      </div>
    </form>
  );
}

/** Art. 34: the people informed, or the waiver of Art. 34.3 with its justification. */
function SubjectsForm({ b, send, pending, errors }: StepProps) {
  const [choice, setChoice] = useState<'' | 'informed' | 'waiver'>(
    b.subjectsInformed === true ? 'informed' : b.subjectsInformed === false ? 'waiver' : '',
  );
  const [at, setAt] = useState(nowLocal);
  const [means, setMeans] = useState(b.subjectsInformationMeans ?? '');
  const [ground, setGround] = useState<string>(b.waiverGround ?? '');
  const [justification, setJustification] = useState(b.waiverJustification ?? '');
  const [publicAt, setPublicAt] = useState(nowLocal);
  const [publicMeans, setPublicMeans] = useState(b.publicCommunicationMeans ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!choice) found.subjectsInformed = 'Choisissez : personnes informées, ou dérogation.';
    if (choice === 'informed') {
      if (!at) found.subjectsInformedAt = "Indiquez la date de l'information.";
      if (!means.trim()) found.subjectsInformationMeans = 'Indiquez comment les personnes ont été informées.';
    }
    if (choice === 'waiver') {
      if (!ground) found.waiverGround = 'Choisissez le motif de la dérogation.';
      if (justification.trim().length < 10)
        found.waiverJustification =
          'Expliquez en quoi la condition de la dérogation est remplie (au moins 10 caractères).';
      if (ground === '34.3.c') {
        if (!publicAt) found.publicCommunicationAt = 'Indiquez la date de la communication publique.';
        if (!publicMeans.trim())
          found.publicCommunicationMeans = 'Indiquez le moyen de la communication publique.';
      }
    }
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const body =
      choice === 'informed'
        ? {
            subjectsInformed: true,
            subjectsInformedAt: localToIso(at),
            subjectsInformationMeans: means.trim(),
            waiverGround: null,
            waiverJustification: null,
            publicCommunicationAt: null,
            publicCommunicationMeans: null,
          }
        : {
            subjectsInformed: false,
            subjectsInformedAt: null,
            subjectsInformationMeans: null,
            waiverGround: ground,
            waiverJustification: justification.trim(),
            publicCommunicationAt: ground === '34.3.c' ? localToIso(publicAt) : null,
            publicCommunicationMeans: ground === '34.3.c' ? publicMeans.trim() : null,
          };
    send({ ...body, version: b.version }, "La décision sur l'information des personnes est enregistrée.");
  }
  const choiceError = local.subjectsInformed ?? errors.subjectsInformed;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="subjects-title">
      <h2 id="subjects-title">Information des personnes concernées (art. 34)</h2>
      <fieldset
        className="checkbox-group"
        aria-describedby={choiceError ? 'subjects-choice-error' : undefined}
      >
        <legend>
          Décision<span className="required"> (obligatoire)</span>
        </legend>
        {choiceError ? (
          <p className="field-error" id="subjects-choice-error">
            {choiceError}
          </p>
        ) : null}
        <div className="checkbox">
          <input
            type="radio"
            id="subjects-informed"
            name="subjects"
            checked={choice === 'informed'}
            onChange={() => setChoice('informed')}
          />
          <label htmlFor="subjects-informed">Les personnes concernées ont été informées</label>
        </div>
        <div className="checkbox">
          <input
            type="radio"
            id="subjects-waiver"
            name="subjects"
            checked={choice === 'waiver'}
            onChange={() => setChoice('waiver')}
          />
          <label htmlFor="subjects-waiver">
            Les personnes ne sont pas informées (dérogation de l'art. 34.3)
          </label>
        </div>
      </fieldset>
      {choice === 'informed' ? (
        <>
          <TextField
            id="subjects-informed-at"
            label="Date et heure de l'information"
            type="datetime-local"
            required
            value={at}
            error={local.subjectsInformedAt ?? errors.subjectsInformedAt}
            onChange={(e) => setAt(e.target.value)}
          />
          <TextArea
            id="subjects-information-means"
            label="Moyen de l'information (courrier, courriel…)"
            required
            rows={2}
            value={means}
            error={local.subjectsInformationMeans ?? errors.subjectsInformationMeans}
            onChange={(e) => setMeans(e.target.value)}
          />
        </>
      ) : null}
      {choice === 'waiver' ? (
        <>
          <SelectField
            id="waiver-ground"
            label="Motif de la dérogation"
            required
            placeholder="Choisir…"
            options={WAIVERS}
            value={ground}
            error={local.waiverGround ?? errors.waiverGround}
            onChange={(e) => setGround(e.target.value)}
          />
          <TextArea
            id="waiver-justification"
            label="Justification de la dérogation"
            required
            rows={3}
            value={justification}
            error={local.waiverJustification ?? errors.waiverJustification}
            onChange={(e) => setJustification(e.target.value)}
          />
          {ground === '34.3.c' ? (
            <>
              <TextField
                id="public-communication-at"
                label="Date de la communication publique"
                type="datetime-local"
                required
                value={publicAt}
                error={local.publicCommunicationAt ?? errors.publicCommunicationAt}
                onChange={(e) => setPublicAt(e.target.value)}
              />
              <TextField
                id="public-communication-means"
                label="Moyen de la communication publique (communiqué, site internet, bulletin…)"
                required
                value={publicMeans}
                error={local.publicCommunicationMeans ?? errors.publicCommunicationMeans}
                onChange={(e) => setPublicMeans(e.target.value)}
              />
            </>
          ) : null}
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-secondary" disabled={pending}>
          Enregistrer la décision
        </button>
      </div>
    </form>
  );
}

/** `notified` or `not-notifiable` → `closed` (final). */
function CloseForm({ b, send, pending }: StepProps) {
  const [confirm, setConfirm] = useState(false);
  const waiting =
    b.riskLevel === 'high-risk' && !b.subjectsInformed && !b.waiverGround
      ? 'Une violation à risque élevé ne se clôture qu’une fois les personnes informées ou la dérogation enregistrée.'
      : null;
  return (
    <section className="form" aria-labelledby="close-title">
      <h2 id="close-title">Clôturer la violation</h2>
      <p className="hint">
        Une violation clôturée ne peut plus être modifiée ; elle reste au registre des violations.
        {waiting ? ` ${waiting}` : ''}
      </p>
      {confirm ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={pending}
            onClick={() => send({ status: 'closed', version: b.version }, 'La violation est clôturée.')}
          >
            Confirmer la clôture
          </button>
          <button type="button" className="button button-secondary" onClick={() => setConfirm(false)}>
            Annuler
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button type="button" className="button button-secondary" onClick={() => setConfirm(true)}>
            Clôturer la violation
          </button>
        </div>
      )}
    </section>
  );
}

/** The facts of the breach, completed as they become known (the référent or the DPO). */
function FactsForm({ b, send, pending, errors, onClose }: StepProps & { onClose: () => void }) {
  const [title, setTitle] = useState(b.title);
  const [description, setDescription] = useState(b.description);
  const [subjects, setSubjects] = useState(b.approxSubjects === null ? '' : String(b.approxSubjects));
  const [consequences, setConsequences] = useState(b.likelyConsequences ?? '');
  const [taken, setTaken] = useState(b.measuresTaken ?? '');
  const [planned, setPlanned] = useState(b.measuresPlanned ?? '');
  const [local, setLocal] = useState<Record<string, string>>({});
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = "Indiquez l'intitulé de la violation.";
    if (!description.trim()) found.description = 'Décrivez ce qui s’est passé.';
    if (!/^\d+$/.test(subjects.trim())) found.approxSubjects = 'Indiquez un nombre approximatif.';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    send(
      {
        title: title.trim(),
        description: description.trim(),
        approxSubjects: Number(subjects.trim()),
        likelyConsequences: consequences.trim(),
        measuresTaken: taken.trim(),
        measuresPlanned: planned.trim(),
        version: b.version,
      },
      'La description de la violation est enregistrée.',
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="facts-title">
      <h2 id="facts-title">Compléter la description</h2>
      <TextField
        id="facts-title-field"
        label="Intitulé"
        required
        maxLength={300}
        value={title}
        error={local.title ?? errors.title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextArea
        id="facts-description"
        label="Description des faits"
        required
        rows={4}
        value={description}
        error={local.description ?? errors.description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextField
        id="facts-subjects"
        label="Nombre approximatif de personnes concernées"
        required
        inputMode="numeric"
        value={subjects}
        error={local.approxSubjects ?? errors.approxSubjects}
        onChange={(e) => setSubjects(e.target.value)}
      />
      <TextArea
        id="facts-consequences"
        label="Conséquences probables pour les personnes"
        rows={3}
        value={consequences}
        error={errors.likelyConsequences}
        onChange={(e) => setConsequences(e.target.value)}
      />
      <TextArea
        id="facts-taken"
        label="Mesures prises"
        rows={3}
        value={taken}
        error={errors.measuresTaken}
        onChange={(e) => setTaken(e.target.value)}
      />
      <TextArea
        id="facts-planned"
        label="Mesures envisagées"
        rows={3}
        value={planned}
        error={errors.measuresPlanned}
        onChange={(e) => setPlanned(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          Enregistrer la description
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Annuler
        </button>
      </div>
    </form>
  );
}

/** One breach: its facts, the 72-hour clock, the record PDF, and the steps the rules allow to the DPO. */
export default function BreachPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['breach', id], queryFn: () => readBreach(id) });
  const { isDpo, canEdit } = useRights(query.data?.organisationId ?? '-');
  const [notice, setNotice] = useState<{
    kind: 'error' | 'success';
    text: string;
    fields?: string[];
    stale?: boolean;
  }>();
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const change = useMutation({
    mutationFn: (input: { body: Record<string, unknown>; done: string }) =>
      updateBreach(id, input.body).then((updated) => ({ updated, done: input.done })),
    onSuccess: ({ updated, done }) => {
      queryClient.setQueryData(['breach', id], updated);
      queryClient.invalidateQueries({ queryKey: ['breaches'] });
      setErrors({});
      setEditing(false);
      setNotice({ kind: 'success', text: done });
    },
    onError: (error) => {
      const problem = problemOf(error);
      setErrors(problem.fields);
      setNotice({
        kind: 'error',
        text: problem.message,
        stale: error instanceof ApiError && error.status === 409,
        fields: Object.entries(problem.fields).map(
          ([field, message]) => `${BREACH_FIELD_LABELS[field] ?? field} : ${message}`,
        ),
      });
    },
  });
  const send = (body: Record<string, unknown>, done: string) => change.mutate({ body, done });

  if (query.isPending) return <Loading />;
  if (query.isError) {
    return query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400) ? (
      <Page title="Violation introuvable">
        <p>Cette violation est introuvable, ou elle concerne un organisme auquel vous n'avez pas accès.</p>
        <p>
          <Link to="/violations">Retour au registre des violations</Link>
        </p>
      </Page>
    ) : (
      <Page title="Violation de données">
        <ErrorNotice>La violation n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  const b = query.data;
  const next = BREACH_NEXT[b.status];
  const step: StepProps = { b, send, pending: change.isPending, errors };
  const askSubjects =
    isDpo && b.status !== 'closed' && b.status !== 'to-assess' && b.riskLevel === 'high-risk';

  return (
    <Page title={b.title}>
      <p>
        <Link to="/violations">Registre des violations de données</Link>
      </p>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <p>{notice.text}</p>
          {notice.fields && notice.fields.length > 0 ? (
            <ul>
              {notice.fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
          {notice.stale ? (
            <button
              type="button"
              className="button button-secondary"
              onClick={async () => {
                await query.refetch();
                setNotice(undefined);
              }}
            >
              Recharger la violation
            </button>
          ) : null}
        </div>
      ) : null}
      <Countdown b={b} />
      <p>
        <a href={`/api/v1/breaches/${b.id}/record.pdf`} download className="button button-secondary">
          Télécharger la fiche de la violation (PDF)
        </a>
      </p>
      <dl className="facts">
        <Fact label="Statut">{BREACH_STATUS_LABELS[b.status] ?? b.status}</Fact>
        <Fact label="Connue le">{formatDateTime(b.awareAt)}</Fact>
        <Fact label="Survenue le">{formatDateTime(b.occurredAt)}</Fact>
        <Fact label="Nature">{b.natures.map((n) => NATURE_LABELS[n] ?? n).join(', ')}</Fact>
        <Fact label="Catégories de données">
          {b.dataCategories.map((c) => DATA_CATEGORY_LABELS_FR[c] ?? c).join(', ')}
        </Fact>
        <Fact label="Nombre approximatif de personnes concernées">
          {b.approxSubjects === null ? null : b.approxSubjects.toLocaleString('fr-FR')}
        </Fact>
        <Fact label="Niveau de risque">{b.riskLevel ? RISK_LABELS[b.riskLevel as RiskLevel] : null}</Fact>
        <Fact label="Analyse du risque">{b.riskAssessment}</Fact>
        <Fact label="Numéro de notification CNIL">{b.cnilReference}</Fact>
        <Fact label="Motif du retard de notification">{b.notificationDelayReason}</Fact>
        <Fact label="Motif de l'absence de notification">{b.notNotifiableReason}</Fact>
        <Fact label="Information des personnes">
          {b.subjectsInformed === true
            ? `Informées le ${formatDateTime(b.subjectsInformedAt)}${b.subjectsInformationMeans ? ` (${b.subjectsInformationMeans})` : ''}`
            : b.subjectsInformed === false && b.waiverGround
              ? `Non informées : ${WAIVER_LABELS[b.waiverGround]} — ${b.waiverJustification ?? ''}`
              : null}
        </Fact>
        <Fact label="Communication publique">
          {b.publicCommunicationAt
            ? `Le ${formatDateTime(b.publicCommunicationAt)} (${b.publicCommunicationMeans ?? ''})`
            : null}
        </Fact>
        <Fact label="Clôturée le">{formatDateTime(b.closedAt)}</Fact>
      </dl>
      <h2>Description</h2>
      <p>{b.description}</p>
      {b.likelyConsequences ? (
        <>
          <h3>Conséquences probables</h3>
          <p>{b.likelyConsequences}</p>
        </>
      ) : null}
      {b.measuresTaken ? (
        <>
          <h3>Mesures prises</h3>
          <p>{b.measuresTaken}</p>
        </>
      ) : null}

      {canEdit && b.status !== 'closed' ? (
        editing ? (
          <FactsForm key={`f${b.version}`} {...step} onClose={() => setEditing(false)} />
        ) : (
          <p>
            <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
              Compléter la description
            </button>
          </p>
        )
      ) : null}

      {isDpo && next.length > 0 ? (
        <>
          {next.includes('assessed') ? <AssessForm {...step} /> : null}
          {next.includes('notified') ? <NotifyForm key={`n${b.version}`} {...step} /> : null}
          {next.includes('not-notifiable') && b.riskLevel === 'none' ? (
            <NotNotifiableForm key={`x${b.version}`} {...step} />
          ) : null}
          {askSubjects ? <SubjectsForm key={`s${b.version}`} {...step} /> : null}
          {next.includes('closed') ? <CloseForm key={`c${b.version}`} {...step} /> : null}
        </>
      ) : null}
      {!isDpo && b.status !== 'closed' ? (
        <p className="muted">L'évaluation, la notification et la clôture reviennent au DPO de l'organisme.</p>
      ) : null}
    </Page>
  );
}
