import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { applicationsList } from '../api/admin';
import { ApiError } from '../api/client';
import {
  contracts,
  questionnaires,
  QUESTIONNAIRE_STATUS_LABELS,
  sendQuestionnaire,
  templates,
  vendors,
  ANSWERABLE,
} from '../api/vendors';
import { dueText } from '../deadlines';
import { formatDate, plural } from '../format';
import { useSession } from '../session';
import { SelectField, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';
import './vendors.css';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const inDays = (days: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
const score = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('fr-FR')} / 100`;

/** Whether the current workspace is the operator's security officer (who changes the vendor records). */
export function useVendorManager(): boolean {
  const { current } = useSession();
  return current?.kind === 'operator' && current.roles.includes('security-officer');
}

/** « Envoyer un questionnaire »: a template, a vendor (fixed on the vendor's page) and the due date. */
export function SendForm({
  vendor,
  onDone,
}: {
  vendor?: { id: string; name: string };
  onDone(text: string, id: string): void;
}) {
  const queryClient = useQueryClient();
  const vendorList = useQuery({ queryKey: ['vendors'], queryFn: vendors, enabled: !vendor });
  const templateList = useQuery({ queryKey: ['questionnaire-templates'], queryFn: templates });
  const [vendorId, setVendorId] = useState(vendor?.id ?? '');
  const [templateId, setTemplateId] = useState('');
  const [dueDate, setDueDate] = useState(() => inDays(30));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('select')?.focus(), []);
  const send = useMutation({
    mutationFn: () => sendQuestionnaire({ vendorId, templateId, dueDate }),
    onSuccess: (sent) => {
      queryClient.invalidateQueries({ queryKey: ['questionnaires'] });
      onDone(
        `Le questionnaire « ${sent.templateName} » est envoyé à ${sent.vendorName}, réponse attendue le ${formatDate(sent.dueDate)}.`,
        sent.id,
      );
    },
    onError: (error) =>
      setErrors({
        form:
          error instanceof ApiError && error.status === 400
            ? `Envoi refusé : ${error.problem.errors?.map((e) => e.message).join(' ; ') || error.problem.detail}`
            : "L'envoi a échoué. Réessayez dans un instant.",
      }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!vendorId) found.vendorId = 'Choisissez le fournisseur.';
    if (!templateId) found.templateId = 'Choisissez le modèle de questionnaire.';
    if (!dueDate) found.dueDate = 'Indiquez la date limite de réponse.';
    else if (dueDate < today()) found.dueDate = 'La date limite ne peut pas être passée.';
    setErrors(found);
    if (Object.keys(found).length === 0) send.mutate();
  }
  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby="send-title">
      <h2 id="send-title">Envoyer un questionnaire</h2>
      {errors.form ? <ErrorNotice>{errors.form}</ErrorNotice> : null}
      {vendor ? (
        <p>
          Fournisseur : <strong>{vendor.name}</strong>
        </p>
      ) : (
        <div ref={first}>
          <SelectField
            id="send-vendor"
            label="Fournisseur"
            required
            placeholder="Choisir…"
            options={(vendorList.data?.items ?? []).map((v) => ({ key: v.id, label: v.name }))}
            value={vendorId}
            error={errors.vendorId}
            onChange={(e) => setVendorId(e.target.value)}
          />
        </div>
      )}
      <div ref={vendor ? first : undefined}>
        <SelectField
          id="send-template"
          label="Modèle de questionnaire"
          required
          placeholder="Choisir…"
          options={(templateList.data?.items ?? []).map((t) => ({ key: t.id, label: t.name }))}
          value={templateId}
          error={errors.templateId}
          onChange={(e) => setTemplateId(e.target.value)}
        />
      </div>
      <TextField
        id="send-due"
        label="Date limite de réponse"
        type="date"
        required
        min={today()}
        value={dueDate}
        error={errors.dueDate}
        onChange={(e) => setDueDate(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={send.isPending}>
          Envoyer
        </button>
      </div>
    </form>
  );
}

/** The RSSI's vendors: questionnaires sent and to review, the vendors, their contracts and the templates. */
export default function VendorsPage() {
  const manager = useVendorManager();
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState<{ text: string; id: string }>();
  const sent = useQuery({ queryKey: ['questionnaires', 'all'], queryFn: () => questionnaires() });
  const vendorList = useQuery({ queryKey: ['vendors'], queryFn: vendors });
  const contractList = useQuery({ queryKey: ['contracts'], queryFn: () => contracts() });
  const templateList = useQuery({ queryKey: ['questionnaire-templates'], queryFn: templates });
  const applicationList = useQuery({ queryKey: ['applications'], queryFn: applicationsList });
  const vendorName = (id: string | null) =>
    id ? (vendorList.data?.items.find((v) => v.id === id)?.name ?? '—') : '—';
  const vendorCount = (id: string) => (sent.data?.items ?? []).filter((q) => q.vendorId === id).length;

  return (
    <Page
      title="Fournisseurs"
      actions={
        manager ? (
          <button
            type="button"
            className="button"
            aria-expanded={sending}
            onClick={() => {
              setNotice(undefined);
              setSending((open) => !open);
            }}
          >
            Envoyer un questionnaire
          </button>
        ) : null
      }
    >
      <p className="lead">
        Éditeurs et prestataires de l’opérateur : contrats et clauses (article 28.3 du RGPD), questionnaires
        de sécurité et leur revue.
      </p>
      {notice ? (
        <div className="notice notice-success" role="status">
          {notice.text} <Link to={`/questionnaires/${notice.id}`}>Voir le questionnaire</Link>
        </div>
      ) : null}
      {sending ? (
        <SendForm
          onDone={(text, id) => {
            setSending(false);
            setNotice({ text, id });
          }}
        />
      ) : null}

      <section aria-labelledby="questionnaires-title">
        <h2 id="questionnaires-title">Questionnaires</h2>
        {sent.isPending ? <Loading /> : null}
        {sent.isError ? <ErrorNotice>Les questionnaires n'ont pas pu être chargés.</ErrorNotice> : null}
        {sent.data ? (
          sent.data.items.length === 0 ? (
            <p>Aucun questionnaire envoyé.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Questionnaire</th>
                  <th scope="col">Fournisseur</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Réponse attendue le</th>
                  <th scope="col">Note</th>
                </tr>
              </thead>
              <tbody>
                {sent.data.items.map((q) => {
                  const open = ANSWERABLE.includes(q.status);
                  const due = dueText(q.dueDate);
                  return (
                    <tr key={q.id}>
                      <th scope="row">
                        <Link to={`/questionnaires/${q.id}`}>
                          {q.templateName}
                          <span className="visually-hidden"> — {q.vendorName}</span>
                        </Link>
                        <div className="muted">Envoyé le {formatDate(q.sentAt)}</div>
                      </th>
                      <td>{q.vendorName}</td>
                      <td>
                        {QUESTIONNAIRE_STATUS_LABELS[q.status]}
                        {q.status === 'submitted' ? <strong> — à revoir</strong> : null}
                      </td>
                      <td className={open && due.startsWith('en retard') ? 'late' : undefined}>
                        {formatDate(q.dueDate)}
                        {open ? ` (${due})` : ''}
                      </td>
                      <td>{score(q.score)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        ) : null}
      </section>

      <section aria-labelledby="vendors-title">
        <h2 id="vendors-title">Fournisseurs</h2>
        {vendorList.isError ? <ErrorNotice>Les fournisseurs n'ont pas pu être chargés.</ErrorNotice> : null}
        {vendorList.data ? (
          <ul>
            {vendorList.data.items.map((v) => (
              <li key={v.id}>
                <Link to={`/fournisseurs/${v.id}`}>{v.name}</Link>{' '}
                <span className="muted">({plural(vendorCount(v.id), 'questionnaire')})</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="contracts-title">
        <h2 id="contracts-title">Contrats</h2>
        {contractList.isError ? <ErrorNotice>Les contrats n'ont pas pu être chargés.</ErrorNotice> : null}
        {contractList.data ? (
          contractList.data.items.length === 0 ? (
            <p>Aucun contrat enregistré.</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Contrat</th>
                  <th scope="col">Fournisseur</th>
                  <th scope="col">Applications</th>
                  <th scope="col">Couverture des clauses</th>
                  <th scope="col">Article 28.3</th>
                </tr>
              </thead>
              <tbody>
                {contractList.data.items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/fournisseurs/contrats/${c.id}`}>{c.reference}</Link>
                    </th>
                    <td>{c.vendorName}</td>
                    <td>{c.applications.map((a) => a.name).join(', ')}</td>
                    <td>
                      {score(c.coverage.score)} ({c.coverage.missing} absente
                      {c.coverage.missing > 1 ? 's' : ''}, {c.coverage.partial} partielle
                      {c.coverage.partial > 1 ? 's' : ''})
                    </td>
                    <td className={c.coverage.art28Compliant ? undefined : 'late'}>
                      {c.coverage.art28Compliant ? 'Conforme' : 'Non conforme'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : null}
      </section>

      <section aria-labelledby="applications-title">
        <h2 id="applications-title">Applications</h2>
        {applicationList.isError ? (
          <ErrorNotice>Les applications n'ont pas pu être chargées.</ErrorNotice>
        ) : null}
        {applicationList.data ? (
          applicationList.data.items.length === 0 ? (
            <p>Aucune application au catalogue.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">
                Applications du catalogue et leur éditeur : ouvrez-en une pour les garanties de l’éditeur
              </caption>
              <thead>
                <tr>
                  <th scope="col">Application</th>
                  <th scope="col">Éditeur</th>
                  <th scope="col">Données de santé</th>
                </tr>
              </thead>
              <tbody>
                {applicationList.data.items.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`/applications/${a.id}`}>{a.name}</Link>
                    </th>
                    <td>{vendorName(a.vendorId)}</td>
                    <td>{a.healthData ? 'Oui' : 'Non'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : null}
      </section>

      <section aria-labelledby="templates-title">
        <h2 id="templates-title">Modèles de questionnaire</h2>
        {templateList.isError ? <ErrorNotice>Les modèles n'ont pas pu être chargés.</ErrorNotice> : null}
        {templateList.data ? (
          <ul>
            {templateList.data.items.map((t) => (
              <li key={t.id}>
                <Link to={`/fournisseurs/modeles/${t.id}`}>{t.name}</Link>{' '}
                <span className="muted">({plural(t.questionCount, 'question')})</span>
              </li>
            ))}
          </ul>
        ) : null}
        <p>
          <Link to="/fournisseurs/modeles">Tous les modèles de questionnaire</Link>
          {manager ? (
            <>
              {' · '}
              <Link to="/fournisseurs/modeles/nouveau">Nouveau modèle</Link>
            </>
          ) : null}
        </p>
      </section>
    </Page>
  );
}
