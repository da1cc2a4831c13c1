import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  CERTIFICATION_LABELS,
  CLAUSE_STATUS_LABELS,
  contract as readContract,
  contracts,
  questionnaires,
  QUESTIONNAIRE_STATUS_LABELS,
  updateClause,
  vendorContacts,
  vendorProfile,
  type Clause,
  type ClauseStatus,
} from '../api/vendors';
import { formatDate } from '../format';
import { SelectField, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';
import { VendorProfileForm } from './vendor-profile-form';
import { ContractForm, InviteContactForm } from './vendor-forms';
import { SendForm, useVendorManager } from './vendors';
import { useSession } from '../session';
import './vendors.css';

const score = (value: number | null | undefined) =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('fr-FR')} / 100`;

function NotFound({ what }: { what: string }) {
  return (
    <Page title={`${what} introuvable`}>
      <p>Cette fiche est introuvable : elle n’existe pas, ou vous n’y avez pas accès.</p>
      <p>
        <Link to="/fournisseurs">Retour aux fournisseurs</Link>
      </p>
    </Page>
  );
}

/** A vendor: its profile (certifications and their validity, data locations, sub-processors), contracts, questionnaires. */
export default function VendorPage() {
  const { id = '' } = useParams();
  const profile = useQuery({ queryKey: ['vendor-profile', id], queryFn: () => vendorProfile(id) });
  const contractList = useQuery({ queryKey: ['contracts', id], queryFn: () => contracts(id) });
  const sentList = useQuery({
    queryKey: ['questionnaires', 'vendor', id],
    queryFn: () => questionnaires({ vendorId: id }),
  });
  const contacts = useQuery({ queryKey: ['vendor-contacts', id], queryFn: () => vendorContacts(id) });
  const manager = useVendorManager();
  const { current } = useSession();
  const inviter = manager || (current?.kind === 'operator' && current.roles.includes('admin'));
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [opened, setOpened] = useState<'contract' | 'questionnaire' | 'contact'>();
  const [sent, setSent] = useState<{ text: string; id: string }>();
  const [invited, setInvited] = useState<string>();
  const toggle = (form: 'contract' | 'questionnaire' | 'contact') => {
    setSent(undefined);
    setInvited(undefined);
    setOpened((open) => (open === form ? undefined : form));
  };
  if (profile.isPending) return <Loading />;
  if (profile.isError)
    return profile.error instanceof ApiError && [400, 404].includes(profile.error.status) ? (
      <NotFound what="Fournisseur" />
    ) : (
      <Page title="Fournisseur">
        <ErrorNotice>La fiche du fournisseur n'a pas pu être chargée.</ErrorNotice>
      </Page>
    );
  const p = profile.data;
  const vendor = { id: p.vendorId, name: p.vendorName };
  return (
    <Page
      title={p.vendorName}
      actions={
        manager ? (
          <button
            type="button"
            className="button"
            aria-expanded={opened === 'questionnaire'}
            onClick={() => toggle('questionnaire')}
          >
            Envoyer un questionnaire
          </button>
        ) : null
      }
    >
      <p>
        <Link to="/fournisseurs">Fournisseurs</Link>
      </p>
      {saved ? (
        <div className="notice notice-success" role="status">
          {saved}
        </div>
      ) : null}
      {sent ? (
        <div className="notice notice-success" role="status">
          {sent.text} <Link to={`/questionnaires/${sent.id}`}>Voir le questionnaire</Link>
        </div>
      ) : null}
      {opened === 'questionnaire' ? (
        <SendForm
          vendor={vendor}
          onDone={(text, sentId) => {
            setOpened(undefined);
            setSent({ text, id: sentId });
          }}
        />
      ) : null}
      {editing ? (
        <VendorProfileForm
          profile={p}
          onDone={(text) => {
            setEditing(false);
            setSaved(text);
          }}
        />
      ) : null}
      <section aria-labelledby="profile-title">
        <h2 id="profile-title">Profil</h2>
        {manager && !editing ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setSaved(undefined);
              setEditing(true);
            }}
          >
            Modifier le profil
          </button>
        ) : null}
        {p.version === 0 ? <p className="muted">Profil pas encore renseigné.</p> : null}
        <dl className="facts">
          <div>
            <dt>SIREN</dt>
            <dd>{p.siren ?? '—'}</dd>
          </div>
          <div>
            <dt>Adresse</dt>
            <dd>{p.address ?? '—'}</dd>
          </div>
          <div>
            <dt>Localisation des données</dt>
            <dd>{p.dataLocations.length ? p.dataLocations.join(', ') : '—'}</dd>
          </div>
        </dl>
        <h3>Certifications</h3>
        {p.certifications.length === 0 ? (
          <p>Aucune certification déclarée.</p>
        ) : (
          <ul>
            {p.certifications.map((c, i) => (
              <li key={i} className={c.expired ? 'late' : undefined}>
                {CERTIFICATION_LABELS[c.kind] ?? c.kind} — {c.reference}
                {c.validUntil ? ` (valable jusqu’au ${formatDate(c.validUntil)})` : ''}
                {c.expired ? ' — expirée' : ''}
                {c.scope ? <span className="muted"> — périmètre : {c.scope}</span> : null}
              </li>
            ))}
          </ul>
        )}
        <h3>Sous-traitants ultérieurs</h3>
        {p.subProcessors.length === 0 ? (
          <p>Aucun sous-traitant déclaré.</p>
        ) : (
          <ul>
            {p.subProcessors.map((s, i) => (
              <li key={i}>
                {s.name} — {s.service} ({s.country})
              </li>
            ))}
          </ul>
        )}
      </section>
      {contacts.isError && contacts.error instanceof ApiError && contacts.error.status === 404 ? null : (
        <section aria-labelledby="vendor-contacts">
          <h2 id="vendor-contacts">Contacts</h2>
          {inviter ? (
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={opened === 'contact'}
              onClick={() => toggle('contact')}
            >
              Inviter un contact
            </button>
          ) : null}
          {invited ? (
            <div className="notice notice-success" role="status">
              {invited}
            </div>
          ) : null}
          {opened === 'contact' ? (
            <InviteContactForm
              vendor={vendor}
              onCancel={() => setOpened(undefined)}
              onDone={(text) => {
                setOpened(undefined);
                setInvited(text);
              }}
            />
          ) : null}
          {contacts.isPending ? <Loading /> : null}
          {contacts.isError ? <ErrorNotice>Les contacts n'ont pas pu être chargés.</ErrorNotice> : null}
          {contacts.data ? (
            contacts.data.items.length === 0 ? (
              <p>Aucun contact : invitez la personne qui répondra aux questionnaires de sécurité.</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">Contacts de {p.vendorName}</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom</th>
                    <th scope="col">Adresse électronique</th>
                    <th scope="col">Compte</th>
                    <th scope="col">Contact depuis le</th>
                  </tr>
                </thead>
                <tbody>
                  {contacts.data.items.map((c) => (
                    <tr key={c.membershipId}>
                      <th scope="row">{c.displayName}</th>
                      <td>
                        <a href={`mailto:${c.email}`}>{c.email}</a>
                      </td>
                      <td>{c.disabled ? <strong className="late">Désactivé</strong> : 'Actif'}</td>
                      <td>{formatDate(c.since)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          ) : null}
        </section>
      )}
      <section aria-labelledby="vendor-contracts">
        <h2 id="vendor-contracts">Contrats</h2>
        {manager ? (
          <button
            type="button"
            className="button button-secondary"
            aria-expanded={opened === 'contract'}
            onClick={() => toggle('contract')}
          >
            Nouveau contrat
          </button>
        ) : null}
        {opened === 'contract' ? (
          <ContractForm vendor={vendor} onCancel={() => setOpened(undefined)} />
        ) : null}
        {contractList.data?.items.length ? (
          <ul>
            {contractList.data.items.map((c) => (
              <li key={c.id}>
                <Link to={`/fournisseurs/contrats/${c.id}`}>{c.reference}</Link> —{' '}
                {c.applications.map((a) => a.name).join(', ')} —{' '}
                <span className={c.coverage.art28Compliant ? undefined : 'late'}>
                  {c.coverage.art28Compliant ? 'conforme à l’article 28.3' : 'non conforme à l’article 28.3'}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun contrat enregistré.</p>
        )}
      </section>
      <section aria-labelledby="vendor-questionnaires">
        <h2 id="vendor-questionnaires">Questionnaires</h2>
        {sentList.data?.items.length ? (
          <ul>
            {sentList.data.items.map((q) => (
              <li key={q.id}>
                <Link to={`/questionnaires/${q.id}`}>{q.templateName}</Link> — envoyé le{' '}
                {formatDate(q.sentAt)}, {QUESTIONNAIRE_STATUS_LABELS[q.status].toLowerCase()}, note{' '}
                {score(q.score)}
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun questionnaire envoyé.</p>
        )}
      </section>
    </Page>
  );
}

const STATUSES = (Object.keys(CLAUSE_STATUS_LABELS) as ClauseStatus[]).map((key) => ({
  key,
  label: CLAUSE_STATUS_LABELS[key],
}));

/** Art. 28.3 non-compliances first, then the other gaps, then the clauses held; checklist order within. */
function ordered(clauses: Clause[]): Clause[] {
  const rank = (c: Clause) =>
    c.nonCompliance ? 0 : c.status === 'missing' || c.status === 'partial' ? 1 : 2;
  return clauses
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map((x) => x.c);
}

function ClauseRow({
  contractId,
  clause,
  editable,
  onSaved,
}: {
  contractId: string;
  clause: Clause;
  editable: boolean;
  onSaved(text: string): void;
}) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ClauseStatus>(clause.status);
  const [reference, setReference] = useState(clause.reference ?? '');
  const [comment, setComment] = useState(clause.comment ?? '');
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string }>();
  const save = useMutation({
    mutationFn: () =>
      updateClause(contractId, clause.key, {
        status,
        reference: reference.trim() || null,
        comment: comment.trim() || null,
        version: clause.version,
      }),
    onSuccess: (saved) => {
      setMessage(undefined);
      onSaved(
        `Clause « ${clause.label} » enregistrée : ${CLAUSE_STATUS_LABELS[saved.status].toLowerCase()}.`,
      );
      queryClient.invalidateQueries({ queryKey: ['contract', contractId] });
      queryClient.invalidateQueries({ queryKey: ['contracts'] });
    },
    onError: (error) =>
      setMessage({
        kind: 'error',
        text:
          error instanceof ApiError && (error.status === 400 || error.status === 409)
            ? `Refusé : ${error.problem.detail ?? 'la clause a changé entre-temps, rechargez la page.'}`
            : "L'enregistrement a échoué.",
      }),
  });
  const gap = clause.status === 'missing' || clause.status === 'partial' || clause.nonCompliance;
  const name = `${clause.ref ? `${clause.ref} ` : ''}${clause.label}`;
  return (
    <tr className={gap ? 'gap-row' : undefined}>
      <th scope="row">
        {clause.ref ? <span className="muted">{clause.ref} </span> : null}
        {clause.label}
        <div className="muted">
          {clause.familyLabel}
          {clause.mandatory ? ' — obligatoire (art. 28.3)' : ''}
        </div>
        {clause.nonCompliance ? <strong className="late">Non-conformité à l’article 28.3</strong> : null}
      </th>
      {editable ? (
        <td>
          <SelectField
            id={`clause-${clause.key}-status`}
            label={`Statut : ${name}`}
            options={STATUSES}
            value={status}
            onChange={(e) => setStatus(e.target.value as ClauseStatus)}
          />
          <TextField
            id={`clause-${clause.key}-reference`}
            label={`Référence dans le contrat : ${name}`}
            value={reference}
            maxLength={200}
            onChange={(e) => setReference(e.target.value)}
          />
          <TextField
            id={`clause-${clause.key}-comment`}
            label={`Commentaire : ${name}`}
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
          />
          <button
            type="button"
            className="button button-secondary"
            disabled={save.isPending}
            onClick={() => save.mutate()}
          >
            Enregistrer<span className="visually-hidden"> la clause {name}</span>
          </button>
          {message ? (
            <p
              className={message.kind === 'error' ? 'field-error' : 'muted'}
              role={message.kind === 'error' ? 'alert' : 'status'}
            >
              {message.text}
            </p>
          ) : null}
        </td>
      ) : (
        <td>
          <strong className={gap ? 'late' : undefined}>{CLAUSE_STATUS_LABELS[clause.status]}</strong>
          {clause.reference ? <div>Référence : {clause.reference}</div> : null}
          {clause.comment ? <div className="muted">{clause.comment}</div> : null}
        </td>
      )}
    </tr>
  );
}

/** A contract's clause checklist: status, reference and comment per clause, the gaps and non-compliances first. */
export function ContractPage() {
  const { id = '' } = useParams();
  const editable = useVendorManager();
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  const [saved, setSaved] = useState<string>();
  const detail = useQuery({ queryKey: ['contract', id], queryFn: () => readContract(id) });
  if (detail.isPending) return <Loading />;
  if (detail.isError)
    return detail.error instanceof ApiError && [400, 404].includes(detail.error.status) ? (
      <NotFound what="Contrat" />
    ) : (
      <Page title="Contrat">
        <ErrorNotice>Le contrat n'a pas pu être chargé.</ErrorNotice>
      </Page>
    );
  const c = detail.data;
  const nonCompliances = c.clauses.filter((clause) => clause.nonCompliance);
  return (
    <Page title={`Contrat ${c.reference}`}>
      <p>
        <Link to="/fournisseurs">Fournisseurs</Link> ·{' '}
        <Link to={`/fournisseurs/${c.vendorId}`}>{c.vendorName}</Link>
      </p>
      {created ? (
        <div className="notice notice-success" role="status">
          Le contrat {c.reference} est enregistré. Chaque clause est « absente » tant qu’elle n’est pas
          relevée : indiquez ci-dessous celles que le contrat contient.
        </div>
      ) : null}
      <dl className="facts">
        <div>
          <dt>Fournisseur</dt>
          <dd>{c.vendorName}</dd>
        </div>
        <div>
          <dt>Période</dt>
          <dd>
            du {formatDate(c.startDate)}
            {c.endDate ? ` au ${formatDate(c.endDate)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Applications</dt>
          <dd>{c.applications.map((a) => a.name).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Membres concernés</dt>
          <dd>{c.members.map((m) => m.name).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Couverture des clauses</dt>
          <dd>
            {score(c.coverage.score)} — {c.coverage.present} présentes, {c.coverage.partial} partielles,{' '}
            {c.coverage.missing} absentes
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/api/v1/contracts/${c.id}/clauses.pdf`} download>
          Télécharger la grille des clauses (PDF)
        </a>
      </p>
      {nonCompliances.length > 0 ? (
        <div className="notice notice-error" role="note" aria-labelledby="art28-title">
          <h2 id="art28-title">
            {nonCompliances.length === 1
              ? 'Une non-conformité à l’article 28.3 du RGPD'
              : `${nonCompliances.length} non-conformités à l’article 28.3 du RGPD`}
          </h2>
          <ul>
            {nonCompliances.map((n) => (
              <li key={n.key}>
                {n.ref ? `${n.ref} — ` : ''}
                {n.label} : {CLAUSE_STATUS_LABELS[n.status].toLowerCase()}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice notice-success">Le contrat contient toutes les clauses de l’article 28.3.</p>
      )}
      <h2>Grille des clauses</h2>
      <p role="status" className="muted">
        {saved}
      </p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Clause</th>
            <th scope="col">Statut, référence et commentaire</th>
          </tr>
        </thead>
        <tbody>
          {ordered(c.clauses).map((clause) => (
            <ClauseRow
              key={`${clause.key}-${clause.version}`}
              contractId={c.id}
              clause={clause}
              editable={editable}
              onSaved={setSaved}
            />
          ))}
        </tbody>
      </table>
    </Page>
  );
}
