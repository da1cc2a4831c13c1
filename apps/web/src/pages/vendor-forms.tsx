import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { applicationsList } from '../api/admin';
import { ApiError } from '../api/client';
import { createContract, inviteVendorContact } from '../api/vendors';
import { formatDate } from '../format';
import { ErrorSummary, TextField } from '../ui/fields';
import { ErrorNotice, Loading } from '../ui/page';

type Errors = Record<string, string>;
const summaryOf = (errors: Errors) =>
  Object.entries(errors)
    .filter(([id]) => id !== 'form')
    .map(([id, message]) => ({ id, message }));

/** The fields of a 400 answer, by the id of the form's field (`{prefix}-{field}`). */
function serverErrors(error: unknown, prefix: string, fallback: string): Errors {
  if (!(error instanceof ApiError)) return { form: fallback };
  const fields = error.problem.errors ?? [];
  if (error.status === 400 && fields.length)
    return Object.fromEntries(fields.map((e) => [`${prefix}-${e.field ?? 'form'}`, e.message]));
  return { form: error.problem.detail ?? fallback };
}

/**
 * « Nouveau contrat » on a vendor's page: its reference, the catalog applications of this vendor it covers and
 * its dates; once recorded, the RSSI lands on its clause checklist (every clause « absente » to begin with).
 */
export function ContractForm({
  vendor,
  onCancel,
}: {
  vendor: { id: string; name: string };
  onCancel(): void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const catalog = useQuery({ queryKey: ['applications'], queryFn: applicationsList });
  const own = (catalog.data?.items ?? []).filter((a) => a.vendorId === vendor.id);
  const [reference, setReference] = useState('');
  const [applicationIds, setApplicationIds] = useState<string[]>([]);
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [noticeDate, setNoticeDate] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('input')?.focus(), []);
  const save = useMutation({
    mutationFn: () =>
      createContract({
        vendorId: vendor.id,
        applicationIds,
        reference: reference.trim(),
        startDate,
        ...(endDate ? { endDate } : {}),
        ...(noticeDate ? { noticeDate } : {}),
      }),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: ['contracts'] });
      navigate(`/fournisseurs/contrats/${created.id}`, { state: { created: true } });
    },
    onError: (error) => {
      setErrors(serverErrors(error, 'contract', "L'enregistrement a échoué. Réessayez dans un instant."));
      setTimeout(() => summary.current?.focus());
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    if (!reference.trim()) found['contract-reference'] = 'Indiquez la référence du contrat.';
    if (applicationIds.length === 0)
      found['contract-applicationIds'] = 'Cochez au moins une application couverte par le contrat.';
    if (!startDate) found['contract-startDate'] = 'Indiquez la date de début du contrat.';
    if (startDate && endDate && endDate < startDate)
      found['contract-endDate'] = 'La date de fin ne peut précéder la date de début.';
    if (noticeDate && endDate && noticeDate > endDate)
      found['contract-noticeDate'] = 'La date limite de préavis ne peut suivre la date de fin.';
    setErrors(found);
    if (Object.keys(found).length) setTimeout(() => summary.current?.focus());
    else save.mutate();
  }
  const toggle = (id: string, checked: boolean) =>
    setApplicationIds((ids) => (checked ? [...ids, id] : ids.filter((x) => x !== id)));
  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby="contract-form-title">
      <h3 id="contract-form-title">Nouveau contrat avec {vendor.name}</h3>
      <ErrorSummary errors={summaryOf(errors)} summaryRef={summary} />
      {errors.form ? <ErrorNotice>{errors.form}</ErrorNotice> : null}
      <div ref={first}>
        <TextField
          id="contract-reference"
          label="Référence du contrat"
          hint="Par exemple le numéro du marché : MAPA-2026-014."
          required
          maxLength={100}
          value={reference}
          error={errors['contract-reference']}
          onChange={(e) => setReference(e.target.value)}
        />
      </div>
      <fieldset
        className={`field${errors['contract-applicationIds'] ? ' field-invalid' : ''}`}
        aria-describedby={errors['contract-applicationIds'] ? 'contract-applicationIds-error' : undefined}
      >
        <legend>
          Applications couvertes<span className="required"> (obligatoire)</span>
        </legend>
        {errors['contract-applicationIds'] ? (
          <p className="field-error" id="contract-applicationIds-error">
            {errors['contract-applicationIds']}
          </p>
        ) : null}
        {catalog.isPending ? <Loading /> : null}
        {catalog.data && own.length === 0 ? (
          <p>
            Aucune application de {vendor.name} au catalogue : l’administrateur l’y ajoute avant que le
            contrat soit enregistré.
          </p>
        ) : null}
        <div className="checkboxes">
          {own.map((a, index) => (
            <div className="checkbox" key={a.id}>
              <input
                type="checkbox"
                id={index === 0 ? 'contract-applicationIds' : `contract-application-${a.id}`}
                checked={applicationIds.includes(a.id)}
                onChange={(e) => toggle(a.id, e.target.checked)}
              />
              <label htmlFor={index === 0 ? 'contract-applicationIds' : `contract-application-${a.id}`}>
                {a.name}
                {a.healthData ? ' (données de santé : clauses HDS ajoutées)' : ''}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField
        id="contract-startDate"
        label="Date de début"
        type="date"
        required
        value={startDate}
        error={errors['contract-startDate']}
        onChange={(e) => setStartDate(e.target.value)}
      />
      <TextField
        id="contract-endDate"
        label="Date de fin"
        type="date"
        min={startDate || undefined}
        value={endDate}
        error={errors['contract-endDate']}
        onChange={(e) => setEndDate(e.target.value)}
      />
      <TextField
        id="contract-noticeDate"
        label="Date limite de préavis"
        hint="Dernier jour pour dénoncer ou renégocier le contrat."
        type="date"
        value={noticeDate}
        error={errors['contract-noticeDate']}
        onChange={(e) => setNoticeDate(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer le contrat
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}

/**
 * « Inviter un contact »: the RSSI names a person of the vendor (name, e-mail); Vigie creates the account with
 * the vendor-contact role only and e-mails the invitation link.
 */
export function InviteContactForm({
  vendor,
  onDone,
  onCancel,
}: {
  vendor: { id: string; name: string };
  onDone(text: string): void;
  onCancel(): void;
}) {
  const queryClient = useQueryClient();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const summary = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('input')?.focus(), []);
  const invite = useMutation({
    mutationFn: () =>
      inviteVendorContact(vendor.id, { displayName: displayName.trim(), email: email.trim() }),
    onSuccess: (invited) => {
      queryClient.invalidateQueries({ queryKey: ['vendor-contacts', vendor.id] });
      onDone(
        invited.invitation.emailSent
          ? `${invited.displayName} est invité comme contact de ${vendor.name} : le message d’invitation est envoyé à ${invited.email}, son lien vaut jusqu’au ${formatDate(invited.invitation.expiresAt)}.`
          : `${invited.displayName} est enregistré comme contact de ${vendor.name}, mais le message d’invitation n’a pas pu être envoyé : l’administrateur renverra l’invitation depuis la fiche de l’utilisateur.`,
      );
    },
    onError: (error) => {
      setErrors(serverErrors(error, 'contact', "L'invitation a échoué. Réessayez dans un instant."));
      setTimeout(() => summary.current?.focus());
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    if (!displayName.trim()) found['contact-displayName'] = 'Indiquez le nom du contact.';
    if (!email.trim()) found['contact-email'] = 'Indiquez l’adresse électronique du contact.';
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      found['contact-email'] = 'L’adresse électronique n’est pas valide (exemple : nom@editeur.fr).';
    setErrors(found);
    if (Object.keys(found).length) setTimeout(() => summary.current?.focus());
    else invite.mutate();
  }
  return (
    <form className="form card" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h3 id="invite-title">Inviter un contact de {vendor.name}</h3>
      <p className="muted">
        La personne reçoit un lien pour choisir son mot de passe ; elle ne verra dans Vigie que les
        questionnaires adressés à {vendor.name}.
      </p>
      <ErrorSummary errors={summaryOf(errors)} summaryRef={summary} />
      {errors.form ? <ErrorNotice>{errors.form}</ErrorNotice> : null}
      <div ref={first}>
        <TextField
          id="contact-displayName"
          label="Nom"
          required
          maxLength={200}
          autoComplete="off"
          value={displayName}
          error={errors['contact-displayName']}
          onChange={(e) => setDisplayName(e.target.value)}
        />
      </div>
      <TextField
        id="contact-email"
        label="Adresse électronique"
        type="email"
        required
        maxLength={254}
        autoComplete="off"
        value={email}
        error={errors['contact-email']}
        onChange={(e) => setEmail(e.target.value)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={invite.isPending}>
          Envoyer l’invitation
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
