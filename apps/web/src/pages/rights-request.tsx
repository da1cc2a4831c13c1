import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  CHANNEL_LABELS,
  OPEN_RIGHTS_STATUSES,
  RIGHT_LABELS,
  RIGHTS_STATUS_LABELS,
  rightsRequest,
  updateRightsRequest,
  type RightsRequestItem,
} from '../api/lists';
import { dueText } from '../deadlines';
import { formatDate, formatDateTime } from '../format';
import { useRights } from '../session';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';

const CHANNELS = Object.entries(CHANNEL_LABELS).map(([key, label]) => ({ key, label }));
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** One rights request: its due date, and the steps the rules allow (extension by the DPO, answer). */
export default function RightsRequestPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const request = useQuery({ queryKey: ['rights-request', id], queryFn: () => rightsRequest(id) });
  const { canEdit, isDpo } = useRights(request.data?.organisationId ?? '-');
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();
  const [months, setMonths] = useState('2');
  const [reason, setReason] = useState('');
  const [answeredOn, setAnsweredOn] = useState(today);
  const [channel, setChannel] = useState('');
  const [identity, setIdentity] = useState(false);
  const [refusedOn, setRefusedOn] = useState(today);
  const [refusal, setRefusal] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const change = useMutation({
    mutationFn: (input: { body: Record<string, unknown>; done: string }) =>
      updateRightsRequest(id, input.body).then((updated) => ({ updated, done: input.done })),
    onSuccess: ({ updated, done }) => {
      queryClient.setQueryData(['rights-request', id], updated);
      queryClient.invalidateQueries({ queryKey: ['rights'] });
      setNotice({ kind: 'success', text: done });
    },
    onError: (error) =>
      setNotice({
        kind: 'error',
        text:
          error instanceof ApiError && (error.status === 400 || error.status === 409)
            ? `Refusé : ${error.problem.detail ?? 'la demande a changé entre-temps, rechargez la page.'}`
            : "L'enregistrement a échoué. Réessayez dans un instant.",
      }),
  });

  if (request.isPending) return <Loading />;
  if (request.isError) {
    return request.error instanceof ApiError &&
      (request.error.status === 404 || request.error.status === 400) ? (
      <Page title="Demande introuvable">
        <p>Cette demande est introuvable, ou elle concerne un organisme auquel vous n'avez pas accès.</p>
        <p>
          <Link to="/demandes-de-droits">Retour aux demandes</Link>
        </p>
      </Page>
    ) : (
      <Page title="Demande de droits">
        <ErrorNotice>La demande n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  const r: RightsRequestItem = request.data;
  const open = OPEN_RIGHTS_STATUSES.includes(r.status);

  function extend(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 5) {
      setErrors({ reason: 'Indiquez à la personne pourquoi la réponse est retardée (art. 12.3).' });
      return;
    }
    setErrors({});
    change.mutate({
      body: {
        status: 'extended',
        extensionMonths: Number(months),
        extensionReason: reason.trim(),
        version: r.version,
      },
      done: 'Le délai de réponse est prolongé.',
    });
  }

  function answer(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!answeredOn) found.answeredOn = 'Indiquez la date de la réponse.';
    if (!channel) found.channel = 'Choisissez le moyen de la réponse.';
    if (!r.identityChecked && !identity)
      found.identity = "Vérifiez l'identité du demandeur avant de répondre (art. 12.6).";
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    change.mutate({
      body: {
        status: 'answered',
        // Today: now (a time later today would be in the future); another day: its noon.
        answeredAt: (answeredOn === today() ? new Date() : new Date(`${answeredOn}T12:00:00`)).toISOString(),
        answerChannel: channel,
        ...(r.identityChecked ? {} : { identityChecked: true }),
        version: r.version,
      },
      done: 'La réponse est enregistrée.',
    });
  }

  function refuse(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!refusedOn) found.refusedOn = "Indiquez la date d'envoi du refus.";
    if (refusal.trim().length < 5)
      found.refusal =
        'Indiquez les motifs du refus, communiqués à la personne avec son droit de réclamation auprès de la CNIL (art. 12.4).';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    change.mutate({
      body: {
        status: 'refused',
        answeredAt: (refusedOn === today() ? new Date() : new Date(`${refusedOn}T12:00:00`)).toISOString(),
        refusalReason: refusal.trim(),
        version: r.version,
      },
      done: 'Le refus est enregistré.',
    });
  }

  // Art. 12.3: an extension is decided within the first month (before the first due date), once.
  const mayExtend = open && isDpo && r.extensionMonths === 0 && today() <= r.dueDate;

  return (
    <Page title={`${RIGHT_LABELS[r.right] ?? r.right} — ${r.requesterName}`}>
      <p>
        <Link to="/demandes-de-droits">Demandes d'exercice des droits</Link>
      </p>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Statut</dt>
          <dd>{RIGHTS_STATUS_LABELS[r.status] ?? r.status}</dd>
        </div>
        <div>
          <dt>Reçue le</dt>
          <dd>{formatDateTime(r.receivedAt)}</dd>
        </div>
        <div>
          <dt>Réponse due le</dt>
          <dd className={open && dueText(r.dueDate).startsWith('en retard') ? 'late' : undefined}>
            {formatDate(r.dueDate)}
            {open ? ` (${dueText(r.dueDate)})` : ''}
          </dd>
        </div>
        <div>
          <dt>Identité vérifiée</dt>
          <dd>{r.identityChecked ? 'Oui' : 'Non'}</dd>
        </div>
        {r.extensionMonths > 0 ? (
          <div>
            <dt>Prolongation</dt>
            <dd>
              {r.extensionMonths} mois — {r.extensionReason}
            </dd>
          </div>
        ) : null}
        {r.status === 'refused' ? (
          <div>
            <dt>Refusée le</dt>
            <dd>
              {formatDate(r.answeredAt)} — {r.refusalReason}
            </dd>
          </div>
        ) : null}
        {r.answeredAt && r.status !== 'refused' ? (
          <div>
            <dt>Répondue le</dt>
            <dd>
              {formatDate(r.answeredAt)}
              {r.answerChannel ? ` (${CHANNEL_LABELS[r.answerChannel] ?? r.answerChannel})` : ''}
            </dd>
          </div>
        ) : null}
      </dl>
      {r.details ? <p>{r.details}</p> : null}

      {canEdit && (r.status === 'received' || r.status === 'identity-pending') ? (
        <section className="form" aria-labelledby="identity-title">
          <h2 id="identity-title">Identité du demandeur</h2>
          <p className="hint">
            En cas de doute raisonnable sur l'identité du demandeur, des informations supplémentaires peuvent
            lui être demandées (art. 12.6 du RGPD).
          </p>
          <div className="form-actions">
            {r.status === 'received' && !r.identityChecked ? (
              <button
                type="button"
                className="button button-secondary"
                disabled={change.isPending}
                onClick={() =>
                  change.mutate({
                    body: { status: 'identity-pending', version: r.version },
                    done: "Un justificatif d'identité est demandé.",
                  })
                }
              >
                Demander un justificatif d'identité
              </button>
            ) : null}
            <button
              type="button"
              className="button button-secondary"
              disabled={change.isPending}
              onClick={() =>
                change.mutate({
                  body: { status: 'in-progress', identityChecked: true, version: r.version },
                  done: "L'identité est vérifiée : la demande est en cours de traitement.",
                })
              }
            >
              Identité vérifiée : traiter la demande
            </button>
          </div>
        </section>
      ) : null}

      {mayExtend ? (
        <form className="form" onSubmit={extend} noValidate aria-labelledby="extend-title">
          <h2 id="extend-title">Prolonger le délai de réponse</h2>
          <p className="hint">
            Le délai d'un mois peut être prolongé de deux mois au plus, compte tenu de la complexité ou du
            nombre de demandes ; la personne en est informée dans le premier mois, avec les motifs (art. 12.3
            du RGPD).
          </p>
          <SelectField
            id="extension-months"
            label="Prolongation"
            required
            options={[
              { key: '1', label: '1 mois' },
              { key: '2', label: '2 mois' },
            ]}
            value={months}
            onChange={(e) => setMonths(e.target.value)}
          />
          <TextArea
            id="extension-reason"
            label="Motifs communiqués à la personne"
            required
            rows={3}
            value={reason}
            error={errors.reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={change.isPending}>
              Prolonger le délai
            </button>
          </div>
        </form>
      ) : null}

      {open && canEdit ? (
        <form className="form" onSubmit={answer} noValidate aria-labelledby="answer-title">
          <h2 id="answer-title">Enregistrer la réponse</h2>
          <TextField
            id="answered-on"
            label="Date de la réponse"
            type="date"
            required
            value={answeredOn}
            error={errors.answeredOn}
            onChange={(e) => setAnsweredOn(e.target.value)}
          />
          <SelectField
            id="answer-channel"
            label="Moyen de la réponse"
            required
            options={CHANNELS}
            placeholder="Choisir…"
            value={channel}
            error={errors.channel}
            onChange={(e) => setChannel(e.target.value)}
          />
          {r.identityChecked ? null : (
            <div className={`checkbox${errors.identity ? ' field-invalid' : ''}`}>
              <input
                type="checkbox"
                id="identity-checked"
                checked={identity}
                aria-invalid={errors.identity ? true : undefined}
                aria-describedby={errors.identity ? 'identity-error' : undefined}
                onChange={(e) => setIdentity(e.target.checked)}
              />
              <label htmlFor="identity-checked">L'identité du demandeur a été vérifiée</label>
            </div>
          )}
          {errors.identity ? (
            <p className="field-error" id="identity-error">
              {errors.identity}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button" disabled={change.isPending}>
              Enregistrer la réponse
            </button>
          </div>
        </form>
      ) : null}

      {open && isDpo ? (
        <form className="form" onSubmit={refuse} noValidate aria-labelledby="refuse-title">
          <h2 id="refuse-title">Refuser la demande</h2>
          <p className="hint">
            Une demande manifestement infondée ou excessive, ou dont l'auteur ne peut être identifié, peut
            être refusée ; la personne est informée des motifs et de son droit d'introduire une réclamation
            auprès de la CNIL (art. 12.4 et 12.5 du RGPD).
          </p>
          <TextField
            id="refused-on"
            label="Date d'envoi du refus"
            type="date"
            required
            value={refusedOn}
            error={errors.refusedOn}
            onChange={(e) => setRefusedOn(e.target.value)}
          />
          <TextArea
            id="refusal-reason"
            label="Motifs du refus communiqués à la personne"
            required
            rows={3}
            value={refusal}
            error={errors.refusal}
            onChange={(e) => setRefusal(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={change.isPending}>
              Refuser la demande
            </button>
          </div>
        </form>
      ) : null}
    </Page>
  );
}
