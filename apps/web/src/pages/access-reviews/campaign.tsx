import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import {
  CAMPAIGN_STATUS_LABELS,
  campaign as campaignOf,
  closeCampaign,
  CSV_HEADER,
  DECISION_LABELS,
  FLAG_LABELS,
  importAccounts,
  itemsOf,
  markDone,
  openCampaign,
  reassign,
  remindReviewers,
  reviewerName,
  reviewersOf,
  ROLE_LABELS,
  tasksOf,
  type Campaign,
  type ImportResult,
  type Item,
  type RemediationTask,
  type Reviewer,
} from '../../api/access-reviews';
import { formatDate, formatDateTime, plural } from '../../format';
import { isNotFound, pluralF, refusal, useOperatorRights } from '../../operator';
import { useSession } from '../../session';
import { StackedBars } from '../../ui/charts';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';

type Notice = { kind: 'error' | 'success'; text: string };

/** One campaign: import, reviewers and their progress, accounts, opening, closing, remediation, certificate. */
export default function AccessReviewPage() {
  const { id = '' } = useParams();
  const { readsAccessReviews, isSecurityOfficer } = useOperatorRights();
  const { workspaces } = useSession();
  const head = useQuery({
    queryKey: ['access-review', id],
    queryFn: () => campaignOf(id),
    enabled: readsAccessReviews,
  });
  // Whoever only reviews the accounts given to them has their own page.
  if (!readsAccessReviews) return <Navigate to={`/mes-revues/${id}`} replace />;
  if (head.isPending) return <Loading />;
  if (head.isError) {
    return isNotFound(head.error) ? (
      <Page title="Revue introuvable">
        <p>Cette revue d'habilitations est introuvable, ou vous n'y avez pas accès.</p>
        <p>
          <Link to="/revues">Retour aux revues d'habilitations</Link>
        </p>
      </Page>
    ) : (
      <Page title="Revue d'habilitations">
        <ErrorNotice>La revue n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  }
  const c = head.data;
  const operatorReads = workspaces.some(
    (w) => w.kind === 'operator' && w.roles.some((r) => r === 'security-officer' || r === 'admin'),
  );
  const dpoHere = workspaces.some((w) => w.organisationId === c.organisationId && w.roles.includes('dpo'));
  if (!operatorReads && !dpoHere) return <Navigate to={`/mes-revues/${id}`} replace />;
  return <CampaignView c={c} manages={isSecurityOfficer} />;
}

function CampaignView({ c, manages }: { c: Campaign; manages: boolean }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice>();
  const items = useQuery({ queryKey: ['access-review', c.id, 'items'], queryFn: () => itemsOf(c.id) });
  const reviewers = useQuery({
    queryKey: ['access-review', c.id, 'reviewers'],
    queryFn: () => reviewersOf(c.id),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['access-review', c.id] });
  const step = useMutation({
    mutationFn: (action: 'open' | 'close') =>
      action === 'open' ? openCampaign(c.id, c.version) : closeCampaign(c.id, c.version),
    onSuccess: (updated, action) => {
      queryClient.setQueryData(['access-review', c.id], updated);
      void refresh();
      void queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
      setNotice({
        kind: 'success',
        text:
          action === 'open'
            ? 'La revue est ouverte : les relecteurs sont prévenus et peuvent décider.'
            : updated.status === 'remediated'
              ? 'La revue est close : aucune action corrective, le certificat est disponible.'
              : 'La revue est close : les actions correctives sont à mener.',
      });
    },
    onError: (error) => setNotice({ kind: 'error', text: refusal(error) }),
  });
  const remind = useMutation({
    mutationFn: () => remindReviewers(c.id, c.version),
    onSuccess: (answer) =>
      setNotice({
        kind: 'success',
        text:
          answer.reviewers === 0
            ? 'Aucun relecteur n’a de compte à décider.'
            : answer.reminded === 0
              ? 'Les relecteurs ont déjà été relancés aujourd’hui.'
              : `${plural(answer.reminded, 'relecteur relancé', 'relecteurs relancés')}.`,
      }),
    onError: (error) => setNotice({ kind: 'error', text: refusal(error) }),
  });
  const editableItems = manages && (c.status === 'draft' || c.status === 'open');
  const people = reviewers.data?.items;

  return (
    <Page title={c.name}>
      <p>
        <Link to="/revues">Revues d'habilitations</Link>
      </p>
      <dl className="facts">
        <div>
          <dt>Membre</dt>
          <dd>{c.organisationName}</dd>
        </div>
        <div>
          <dt>Application</dt>
          <dd>{c.applicationName}</dd>
        </div>
        <div>
          <dt>Statut</dt>
          <dd>{CAMPAIGN_STATUS_LABELS[c.status]}</dd>
        </div>
        <div>
          <dt>Échéance</dt>
          <dd>{formatDate(c.dueDate)}</dd>
        </div>
        <div>
          <dt>Comptes décidés</dt>
          <dd>
            {(c.counts.accounts - c.counts.pending).toLocaleString('fr-FR')} sur{' '}
            {c.counts.accounts.toLocaleString('fr-FR')}
          </dd>
        </div>
        {c.recurrenceMonths ? (
          <div>
            <dt>Renouvellement</dt>
            <dd>Tous les {c.recurrenceMonths} mois</dd>
          </div>
        ) : null}
      </dl>
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}

      {c.status === 'closed' || c.status === 'remediated' ? (
        <p>
          <a className="button" href={`/api/v1/access-reviews/${c.id}/certificate.pdf`} download>
            Télécharger le certificat (PDF)
          </a>
          {c.status === 'closed' ? (
            <span className="hint"> Le certificat indique les actions correctives encore à mener.</span>
          ) : null}
        </p>
      ) : null}

      {manages && c.status === 'draft' ? (
        <ImportForm
          c={c}
          onImported={() => {
            void refresh();
          }}
        />
      ) : null}
      {manages && c.status === 'draft' ? (
        <section aria-labelledby="open-title">
          <h2 id="open-title">Ouverture</h2>
          <p>
            Une fois la revue ouverte, la liste des comptes est figée et chaque relecteur est prévenu des
            comptes qui lui sont confiés.
          </p>
          <button
            type="button"
            className="button"
            disabled={step.isPending || c.counts.accounts === 0}
            onClick={() => step.mutate('open')}
          >
            Ouvrir la revue
          </button>
        </section>
      ) : null}

      <ReviewerProgress reviewers={people} status={c.status} />

      {editableItems && people ? (
        <RuleAssignment c={c} items={items.data?.items ?? []} reviewers={people} onNotice={setNotice} />
      ) : null}

      <section aria-labelledby="items-title">
        <h2 id="items-title">Comptes</h2>
        {items.isPending ? <Loading label="Chargement des comptes…" /> : null}
        {items.isError ? <ErrorNotice>Les comptes n'ont pas pu être chargés.</ErrorNotice> : null}
        {items.data && items.data.items.length === 0 ? <p>Aucun compte importé.</p> : null}
        {items.data && items.data.items.length > 0 ? (
          <ItemsTable
            c={c}
            items={items.data.items}
            reviewers={people}
            editable={editableItems}
            onNotice={setNotice}
          />
        ) : null}
      </section>

      {manages && c.status === 'open' ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">Clôture</h2>
          <p>
            {c.counts.pending > 0
              ? `${plural(c.counts.pending, 'compte')} sans décision : la revue se clôt quand chaque compte est décidé.`
              : 'Chaque compte est décidé : la revue peut être close.'}
          </p>
          <p className="hint">
            Les relecteurs qui ont des comptes à décider sont relancés automatiquement sept jours avant
            l'échéance, puis une fois l'échéance passée.
          </p>
          {c.counts.pending > 0 ? (
            <p>
              <button
                type="button"
                className="button button-secondary"
                disabled={remind.isPending}
                onClick={() => remind.mutate()}
              >
                Relancer les relecteurs
              </button>
            </p>
          ) : null}
          <button
            type="button"
            className="button"
            disabled={step.isPending}
            onClick={() => step.mutate('close')}
          >
            Clore la revue
          </button>
        </section>
      ) : null}

      {c.status === 'closed' || c.status === 'remediated' ? (
        <RemediationBoard c={c} manages={manages} />
      ) : null}
    </Page>
  );
}

function ImportForm({ c, onImported }: { c: Campaign; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<ImportResult>();
  const upload = useMutation({
    mutationFn: async (chosen: File) => importAccounts(c.id, await chosen.text(), c.version),
    onSuccess: (answer) => {
      setResult(answer);
      onImported();
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError('Choisissez le fichier CSV des comptes.');
      return;
    }
    setError(undefined);
    setResult(undefined);
    upload.mutate(file);
  }
  return (
    <section aria-labelledby="import-title">
      <h2 id="import-title">Import des comptes</h2>
      <form className="form" onSubmit={submit} noValidate>
        <div className={`field${error ? ' field-invalid' : ''}`}>
          <label htmlFor="accounts-file">
            Fichier CSV des comptes<span className="required"> (obligatoire)</span>
          </label>
          <div className="hint" id="accounts-file-hint">
            Encodé en UTF-8, séparateur virgule ou point-virgule, première ligne : <code>{CSV_HEADER}</code>.
            Un compte sans relecteur est confié au délégué à la protection des données du membre.
          </div>
          {error ? (
            <p className="field-error" id="accounts-file-error">
              {error}
            </p>
          ) : null}
          <input
            id="accounts-file"
            type="file"
            accept=".csv,text/csv"
            aria-required
            aria-invalid={error ? true : undefined}
            aria-describedby={`accounts-file-hint${error ? ' accounts-file-error' : ''}`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {upload.isError ? (
          <ErrorNotice>{refusal(upload.error, "L'import a échoué. Réessayez dans un instant.")}</ErrorNotice>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={upload.isPending}>
            Importer les comptes
          </button>
        </div>
      </form>
      {result ? (
        <div
          className={`notice ${result.rejected.length > 0 ? 'notice-error' : 'notice-success'}`}
          role="status"
        >
          <p>{plural(result.imported, 'compte importé', 'comptes importés')}.</p>
          {result.rejected.length > 0 ? (
            <>
              <p>{pluralF(result.rejected.length, 'ligne refusée', 'lignes refusées')} :</p>
              <ul>
                {result.rejected.map((r) => (
                  <li key={r.line}>
                    Ligne {r.line} : {r.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function ReviewerProgress({ reviewers, status }: { reviewers: Reviewer[] | undefined; status: string }) {
  const active = (reviewers ?? []).filter((r) => r.assigned > 0);
  if (active.length === 0) return null;
  const name = (r: Reviewer) => r.displayName ?? 'Ancien utilisateur du membre';
  return (
    <section aria-labelledby="reviewers-title">
      <h2 id="reviewers-title">Avancement par relecteur</h2>
      {status === 'draft' ? (
        <p className="hint">Les relecteurs décideront une fois la revue ouverte.</p>
      ) : null}
      <StackedBars
        caption="Comptes décidés et à décider, par relecteur"
        series={[
          { key: 'decided', label: 'Décidés', color: '#1e6b3a' },
          { key: 'pending', label: 'À décider', color: '#9a5b00' },
        ]}
        rows={active.map((r) => ({
          label: name(r),
          values: { decided: r.decided, pending: r.assigned - r.decided },
        }))}
        unit={(n) => plural(n, 'compte')}
      />
    </section>
  );
}

const RULES = [
  { key: 'unassigned', label: 'Les comptes sans relecteur' },
  { key: 'role', label: 'Les comptes dont le rôle applicatif est…' },
  { key: 'flag', label: 'Les comptes signalés…' },
  { key: 'all', label: 'Tous les comptes encore sans décision' },
];

function RuleAssignment({
  c,
  items,
  reviewers,
  onNotice,
}: {
  c: Campaign;
  items: Item[];
  reviewers: Reviewer[];
  onNotice: (n: Notice) => void;
}) {
  const queryClient = useQueryClient();
  const [rule, setRule] = useState('role');
  const [value, setValue] = useState('');
  const [reviewerId, setReviewerId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const roles = [...new Set(items.map((i) => i.role).filter((r): r is string => Boolean(r)))].sort();
  const flags = [...new Set(items.flatMap((i) => i.flags))].filter((f) => f !== 'removed');
  const matching = (list: Item[]) =>
    list.filter(
      (i) =>
        !i.flags.includes('removed') &&
        i.decision === null &&
        i.reviewerId !== reviewerId &&
        (rule === 'unassigned'
          ? i.reviewerId === null
          : rule === 'role'
            ? i.role === value
            : rule === 'flag'
              ? i.flags.includes(value)
              : true),
    );
  const assign = useMutation({
    mutationFn: async () => {
      const targets = matching(items);
      for (const item of targets) await reassign(c.id, item, reviewerId);
      return targets.length;
    },
    onSuccess: (count) => {
      onNotice({
        kind: 'success',
        text: `${plural(count, 'compte confié', 'comptes confiés')} à ${reviewerName(reviewers, reviewerId)}.`,
      });
      void queryClient.invalidateQueries({ queryKey: ['access-review', c.id] });
    },
    onError: (error) => {
      onNotice({ kind: 'error', text: refusal(error) });
      void queryClient.invalidateQueries({ queryKey: ['access-review', c.id] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if ((rule === 'role' || rule === 'flag') && !value) found.value = 'Choisissez la valeur de la règle.';
    if (!reviewerId) found.reviewer = 'Choisissez le relecteur.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (matching(items).length === 0) {
      onNotice({ kind: 'error', text: 'Aucun compte sans décision ne répond à cette règle.' });
      return;
    }
    assign.mutate();
  }
  return (
    <section aria-labelledby="rule-title">
      <h2 id="rule-title">Attribuer par règle</h2>
      <form className="filters" onSubmit={submit} noValidate>
        <SelectField
          label="Comptes concernés"
          options={RULES}
          value={rule}
          onChange={(e) => {
            setRule(e.target.value);
            setValue('');
          }}
        />
        {rule === 'role' ? (
          <SelectField
            label="Rôle applicatif"
            placeholder="Choisir un rôle"
            options={roles.map((r) => ({ key: r, label: r }))}
            value={value}
            error={errors.value}
            onChange={(e) => setValue(e.target.value)}
          />
        ) : null}
        {rule === 'flag' ? (
          <SelectField
            label="Signalement"
            placeholder="Choisir un signalement"
            options={flags.map((f) => ({ key: f, label: FLAG_LABELS[f] ?? f }))}
            value={value}
            error={errors.value}
            onChange={(e) => setValue(e.target.value)}
          />
        ) : null}
        <SelectField
          label="Relecteur"
          placeholder="Choisir un relecteur"
          options={reviewers
            .filter((r) => r.displayName !== null)
            .map((r) => ({
              key: r.userId,
              label: `${r.displayName} (${ROLE_LABELS[r.role ?? ''] ?? r.role})`,
            }))}
          value={reviewerId}
          error={errors.reviewer}
          onChange={(e) => setReviewerId(e.target.value)}
        />
        <button type="submit" className="button" disabled={assign.isPending}>
          Attribuer
        </button>
      </form>
    </section>
  );
}

function ItemsTable({
  c,
  items,
  reviewers,
  editable,
  onNotice,
}: {
  c: Campaign;
  items: Item[];
  reviewers: Reviewer[] | undefined;
  editable: boolean;
  onNotice: (n: Notice) => void;
}) {
  const queryClient = useQueryClient();
  const one = useMutation({
    mutationFn: (input: { item: Item; reviewerId: string }) => reassign(c.id, input.item, input.reviewerId),
    onSuccess: (updated) => {
      onNotice({
        kind: 'success',
        text: `${updated.username} est confié à ${reviewerName(reviewers, updated.reviewerId)}.`,
      });
      void queryClient.invalidateQueries({ queryKey: ['access-review', c.id] });
    },
    onError: (error) => onNotice({ kind: 'error', text: refusal(error) }),
  });
  const choices = (reviewers ?? []).filter((r) => r.displayName !== null);
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Compte</th>
          <th scope="col">Rôle applicatif</th>
          <th scope="col">Dernière connexion</th>
          <th scope="col">Signalements</th>
          <th scope="col">Relecteur</th>
          <th scope="col">Décision</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <th scope="row">
              {item.username}
              {item.displayName ? <div className="hint">{item.displayName}</div> : null}
            </th>
            <td>{item.role ?? '—'}</td>
            <td>{item.lastLogin ? formatDate(item.lastLogin) : 'Jamais'}</td>
            <td>
              {item.flags.length > 0
                ? item.flags.map((f) => (
                    <span key={f} className="badge badge-draft">
                      {FLAG_LABELS[f] ?? f}
                    </span>
                  ))
                : '—'}
            </td>
            <td>
              {editable && !item.flags.includes('removed') && item.decision === null ? (
                <select
                  aria-label={`Relecteur de ${item.username}`}
                  value={item.reviewerId ?? ''}
                  disabled={one.isPending}
                  onChange={(e) => e.target.value && one.mutate({ item, reviewerId: e.target.value })}
                >
                  {item.reviewerId === null ? <option value="">Aucun</option> : null}
                  {item.reviewerId && !choices.some((r) => r.userId === item.reviewerId) ? (
                    <option value={item.reviewerId}>{reviewerName(reviewers, item.reviewerId)}</option>
                  ) : null}
                  {choices.map((r) => (
                    <option key={r.userId} value={r.userId}>
                      {r.displayName}
                    </option>
                  ))}
                </select>
              ) : (
                reviewerName(reviewers, item.reviewerId)
              )}
            </td>
            <td>
              {item.decision ? (
                <>
                  {DECISION_LABELS[item.decision]}
                  {item.reason ? <div className="hint">{item.reason}</div> : null}
                  {item.decidedAt ? <div className="hint">le {formatDateTime(item.decidedAt)}</div> : null}
                </>
              ) : item.flags.includes('removed') ? (
                'Sans objet'
              ) : (
                'À décider'
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RemediationBoard({ c, manages }: { c: Campaign; manages: boolean }) {
  const queryClient = useQueryClient();
  const tasks = useQuery({ queryKey: ['access-review', c.id, 'tasks'], queryFn: () => tasksOf(c.id) });
  const [notice, setNotice] = useState<Notice>();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const done = useMutation({
    mutationFn: (task: RemediationTask) => markDone(task, notes[task.id]?.trim() || undefined),
    onSuccess: (task) => {
      setNotice({ kind: 'success', text: `Action corrective faite : ${task.username}.` });
      void queryClient.invalidateQueries({ queryKey: ['access-review', c.id] });
      void queryClient.invalidateQueries({ queryKey: ['access-reviews'] });
    },
    onError: (error) => setNotice({ kind: 'error', text: refusal(error) }),
  });
  const all = tasks.data?.items ?? [];
  const columns: { key: string; title: string; items: RemediationTask[] }[] = [
    { key: 'to-do', title: 'À faire', items: all.filter((t) => t.status === 'to-do' && !t.overdue) },
    { key: 'overdue', title: 'En retard', items: all.filter((t) => t.status === 'to-do' && t.overdue) },
    { key: 'done', title: 'Fait', items: all.filter((t) => t.status === 'done') },
  ];
  return (
    <section aria-labelledby="remediation-title">
      <h2 id="remediation-title">Actions correctives</h2>
      {tasks.isPending ? <Loading label="Chargement des actions…" /> : null}
      {tasks.isError ? <ErrorNotice>Les actions correctives n'ont pas pu être chargées.</ErrorNotice> : null}
      {notice ? (
        <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </div>
      ) : null}
      {tasks.data && all.length === 0 ? <p>Aucune action corrective : chaque compte est conservé.</p> : null}
      {all.length > 0 ? (
        <div className="board">
          {columns.map((column) => (
            <section className="board-column" key={column.key} aria-labelledby={`column-${column.key}`}>
              <h3 id={`column-${column.key}`}>
                {column.title} ({column.items.length})
              </h3>
              <ul>
                {column.items.map((t) => (
                  <li key={t.id} className="board-card">
                    <p>
                      <strong>{t.username}</strong> —{' '}
                      {t.action === 'revoke' ? 'révoquer le compte' : 'modifier les droits'}
                      {t.role ? ` (${t.role})` : ''}
                    </p>
                    {t.reason ? <p className="hint">{t.reason}</p> : null}
                    <p className={t.overdue && t.status === 'to-do' ? 'late' : undefined}>
                      {t.status === 'done'
                        ? `Fait le ${formatDateTime(t.doneAt)}${t.note ? ` : ${t.note}` : ''}`
                        : `À faire avant le ${formatDate(t.dueDate)}`}
                    </p>
                    {manages && t.status === 'to-do' ? (
                      <>
                        <TextField
                          label={`Ce qui a été fait pour ${t.username}`}
                          maxLength={2000}
                          value={notes[t.id] ?? ''}
                          onChange={(e) => setNotes({ ...notes, [t.id]: e.target.value })}
                        />
                        <button
                          type="button"
                          className="button button-secondary"
                          disabled={done.isPending}
                          onClick={() => done.mutate(t)}
                        >
                          Marquer comme fait<span className="visually-hidden"> : {t.username}</span>
                        </button>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      ) : null}
    </section>
  );
}
