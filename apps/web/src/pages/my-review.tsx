import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  campaign as readCampaign,
  CAMPAIGN_STATUS_LABELS,
  decide,
  DECISION_LABELS,
  FLAG_LABELS,
  MIN_REASON,
  MY_REVIEWS_KEY,
  myItems,
  REASON_TO_KEEP_FLAGS,
  type Decision,
  type ReviewItem,
} from '../api/my-reviews';
import { dueText } from '../deadlines';
import { formatDate, formatDateTime, plural } from '../format';
import { useMe } from '../session';
import { TextArea } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';

const needsReasonToKeep = (item: ReviewItem) => item.flags.some((f) => REASON_TO_KEEP_FLAGS.includes(f));
/** Undecided and without any flag: « Tout conserver » keeps these at once. */
const plainPending = (item: ReviewItem) => item.decision === null && item.flags.length === 0;

function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const field = error.problem.errors?.map((e) => e.message).join(' ; ');
    if (error.status === 400)
      return `Refusé : ${field || error.problem.detail || 'la saisie est incomplète.'}`;
    if (error.status === 409)
      return `Refusé : ${error.problem.detail ?? 'le compte a changé entre-temps, rechargez la page.'}`;
    if (error.status === 403) return "Refusé : ce compte n'est pas à vous de le décider.";
  }
  return "L'enregistrement a échoué. Réessayez dans un instant.";
}

/** The decision on one account: keep, revoke or modify, with the reason the rules ask for. */
function DecisionForm({
  item,
  onSend,
  onCancel,
  pending,
}: {
  item: ReviewItem;
  onSend: (decision: Decision, reason: string) => void;
  onCancel: () => void;
  pending: boolean;
}) {
  const [decision, setDecision] = useState<Decision | ''>(item.decision ?? '');
  const [reason, setReason] = useState(item.reason ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [item.id]);
  const reasonRequired =
    decision === 'revoke' || decision === 'modify' || (decision === 'keep' && needsReasonToKeep(item));

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!decision) found.decision = 'Choisissez : conserver, révoquer ou modifier.';
    else if (decision === 'keep' && reasonRequired && reason.trim().length < MIN_REASON)
      found.reason = `Ce compte est signalé : dites pourquoi il reste (au moins ${MIN_REASON} caractères).`;
    else if (reasonRequired && reason.trim() === '')
      found.reason =
        decision === 'modify' ? 'Indiquez les droits à modifier.' : 'Indiquez le motif de la révocation.';
    setErrors(found);
    if (Object.keys(found).length > 0 || !decision) return;
    onSend(decision, reason.trim());
  }

  const name = item.displayName ? `${item.username} (${item.displayName})` : item.username;
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="decision-title">
      <h2 id="decision-title" ref={heading} tabIndex={-1}>
        Décision sur le compte {name}
      </h2>
      {item.flags.length > 0 ? (
        <p className="hint">Signalements : {item.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ')}.</p>
      ) : null}
      <fieldset
        className={`checkbox-group${errors.decision ? ' field-invalid' : ''}`}
        aria-describedby={errors.decision ? 'decision-error' : undefined}
      >
        <legend>
          Décision<span className="required"> (obligatoire)</span>
        </legend>
        {errors.decision ? (
          <p className="field-error" id="decision-error">
            {errors.decision}
          </p>
        ) : null}
        {(['keep', 'revoke', 'modify'] as const).map((d) => (
          <div className="checkbox" key={d}>
            <input
              type="radio"
              name="decision"
              id={`decision-${d}`}
              checked={decision === d}
              onChange={() => setDecision(d)}
            />
            <label htmlFor={`decision-${d}`}>
              {d === 'keep'
                ? 'Conserver le compte'
                : d === 'revoke'
                  ? 'Révoquer le compte'
                  : 'Modifier ses droits'}
            </label>
          </div>
        ))}
      </fieldset>
      <TextArea
        id="decision-reason"
        label="Motif"
        required={reasonRequired}
        hint={
          decision === 'modify'
            ? 'Précisez les droits à retirer ou à changer.'
            : 'Obligatoire pour révoquer, modifier ou conserver un compte signalé.'
        }
        rows={3}
        maxLength={2000}
        value={reason}
        error={errors.reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending}>
          Enregistrer la décision
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

/** One access review, as its reviewer sees it: the accounts assigned to me, decided one by one or kept at once. */
export default function MyReviewPage() {
  const { campaignId = '' } = useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const campaign = useQuery({ queryKey: ['my-review', campaignId], queryFn: () => readCampaign(campaignId) });
  const items = useQuery({
    queryKey: ['my-review', campaignId, 'items', me.id],
    queryFn: () => myItems(campaignId, me.id),
    enabled: campaign.isSuccess,
  });
  const [editing, setEditing] = useState<string>();
  const [confirmAll, setConfirmAll] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'error' | 'success'; text: string }>();

  const refresh = () => {
    queryClient.invalidateQueries({ queryKey: ['my-review', campaignId] });
    queryClient.invalidateQueries({ queryKey: MY_REVIEWS_KEY });
  };
  const one = useMutation({
    mutationFn: (input: { item: ReviewItem; decision: Decision; reason: string }) =>
      decide(campaignId, input.item.id, {
        decision: input.decision,
        ...(input.reason ? { reason: input.reason } : {}),
        version: input.item.version,
      }),
    onSuccess: (updated) => {
      setEditing(undefined);
      setNotice({
        kind: 'success',
        text: `Compte ${updated.username} : ${DECISION_LABELS[updated.decision as Decision].toLowerCase()}.`,
      });
      refresh();
    },
    onError: (error) => setNotice({ kind: 'error', text: problemText(error) }),
  });
  const all = useMutation({
    mutationFn: async (list: ReviewItem[]) => {
      // One decision each, in turn: every account keeps its own audit trail and its own version check.
      let kept = 0;
      for (const item of list) {
        await decide(campaignId, item.id, { decision: 'keep', version: item.version });
        kept++;
      }
      return kept;
    },
    onSuccess: (kept) => {
      setConfirmAll(false);
      setNotice({ kind: 'success', text: `${plural(kept, 'compte conservé', 'comptes conservés')}.` });
      refresh();
    },
    onError: (error) => {
      setConfirmAll(false);
      setNotice({ kind: 'error', text: problemText(error) });
      refresh();
    },
  });

  if (campaign.isPending) return <Loading />;
  if (campaign.isError) {
    return campaign.error instanceof ApiError &&
      (campaign.error.status === 404 || campaign.error.status === 400) ? (
      <Page title="Revue introuvable">
        <p>Cette revue d'habilitations est introuvable, ou aucun de ses comptes ne vous est confié.</p>
        <p>
          <Link to="/mes-revues">Retour à mes revues d'habilitations</Link>
        </p>
      </Page>
    ) : (
      <Page title="Revue d'habilitations">
        <ErrorNotice>La revue n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  const c = campaign.data;
  const open = c.status === 'open';
  const list = (items.data ?? []).filter((i) => !i.flags.includes('removed'));
  const plain = list.filter(plainPending);
  const pendingCount = list.filter((i) => i.decision === null).length;
  const current = list.find((i) => i.id === editing);

  return (
    <Page title={c.name}>
      <p>
        <Link to="/mes-revues">Mes revues d'habilitations</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>Application</dt>
          <dd>{c.applicationName}</dd>
        </div>
        <div>
          <dt>Organisme</dt>
          <dd>{c.organisationName}</dd>
        </div>
        <div>
          <dt>Statut</dt>
          <dd>{CAMPAIGN_STATUS_LABELS[c.status] ?? c.status}</dd>
        </div>
        <div>
          <dt>Échéance</dt>
          <dd>
            {formatDate(c.dueDate)}
            {open ? ` (${dueText(c.dueDate)})` : ''}
          </dd>
        </div>
      </dl>
      {!open ? (
        <p className="notice">
          {c.status === 'draft'
            ? "Cette revue n'est pas encore ouverte : les décisions seront possibles à son ouverture."
            : 'Cette revue est close : les décisions ne peuvent plus changer.'}
        </p>
      ) : null}
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      {items.isPending ? <Loading /> : null}
      {items.isError ? <ErrorNotice>Les comptes n'ont pas pu être chargés.</ErrorNotice> : null}
      {items.data ? (
        <>
          <h2>Mes comptes à revoir</h2>
          <p role="status">
            {plural(list.length, 'compte')}
            {open ? `, ${pendingCount === 0 ? 'tous décidés' : `${pendingCount} à décider`}` : ''}
          </p>
          {open && plain.length > 0 ? (
            <div className="form-actions">
              {confirmAll ? (
                <>
                  <button
                    type="button"
                    className="button"
                    disabled={all.isPending}
                    onClick={() => all.mutate(plain)}
                  >
                    Confirmer : conserver {plural(plain.length, 'compte')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => setConfirmAll(false)}
                  >
                    Annuler
                  </button>
                </>
              ) : (
                <button type="button" className="button button-secondary" onClick={() => setConfirmAll(true)}>
                  Tout conserver (
                  {plural(plain.length, 'compte sans signalement', 'comptes sans signalement')})
                </button>
              )}
            </div>
          ) : null}
          {list.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Compte</th>
                  <th scope="col">Rôle</th>
                  <th scope="col">Dernière connexion</th>
                  <th scope="col">Signalements</th>
                  <th scope="col">Décision</th>
                  {open ? <th scope="col">Action</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      {item.username}
                      {item.displayName ? <span className="muted"> — {item.displayName}</span> : null}
                    </th>
                    <td>{item.role}</td>
                    <td>{item.lastLogin ? formatDate(item.lastLogin) : 'Jamais'}</td>
                    <td>
                      {item.flags.length > 0
                        ? item.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ')
                        : 'Aucun'}
                    </td>
                    <td>
                      {item.decision ? DECISION_LABELS[item.decision] : 'À décider'}
                      {item.reason ? <span className="muted"> — {item.reason}</span> : null}
                      {item.decidedAt ? (
                        <span className="visually-hidden"> (le {formatDateTime(item.decidedAt)})</span>
                      ) : null}
                    </td>
                    {open ? (
                      <td>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => {
                            setNotice(undefined);
                            setEditing(item.id);
                          }}
                        >
                          {item.decision ? 'Changer' : 'Décider'}
                          <span className="visually-hidden"> : {item.username}</span>
                        </button>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Aucun compte ne vous est confié dans cette revue.</p>
          )}
          {open && current ? (
            <DecisionForm
              key={current.id}
              item={current}
              pending={one.isPending}
              onCancel={() => setEditing(undefined)}
              onSend={(decision, reason) => one.mutate({ item: current, decision, reason })}
            />
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
