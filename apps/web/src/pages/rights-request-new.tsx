import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { localToIso, nowLocal } from '../api/breaches';
import { ApiError } from '../api/client';
import { CHANNEL_LABELS, createRightsRequest, RIGHT_LABELS } from '../api/lists';
import { useRights, useSession } from '../session';
import { SelectField, TextArea, TextField } from '../ui/fields';
import { NewRecordForm, NotAllowedToRecord } from './new-record-form';

const RIGHTS = Object.entries(RIGHT_LABELS).map(([key, label]) => ({ key, label }));
const CHANNELS = Object.entries(CHANNEL_LABELS).map(([key, label]) => ({ key, label }));
const FIELD_IDS: Record<string, string> = {
  right: 'request-right',
  requesterName: 'request-name',
  requesterContact: 'request-contact',
  receivedAt: 'request-received-at',
  receivedChannel: 'request-channel',
  details: 'request-details',
};
const FIELD_LABELS: Record<string, string> = {
  right: 'Droit exercé',
  requesterName: 'Nom du demandeur',
  requesterContact: 'Adresse pour la réponse',
  receivedAt: 'Reçue le',
  receivedChannel: 'Reçue par',
  details: 'Objet de la demande',
};

/** Recording a request received from a person exercising a right (DPO or référent): its due date follows. */
export default function NewRightsRequestPage() {
  const { current } = useSession();
  const { canEdit } = useRights();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const summary = useRef<HTMLDivElement>(null);
  const [right, setRight] = useState('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [receivedAt, setReceivedAt] = useState(nowLocal);
  const [channel, setChannel] = useState('');
  const [details, setDetails] = useState('');
  const [identity, setIdentity] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const orgId = current?.organisationId ?? '';

  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => createRightsRequest(orgId, body),
    onSuccess: (created) => {
      queryClient.invalidateQueries({ queryKey: ['rights'] });
      navigate(`/demandes-de-droits/${created.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        setErrors(Object.fromEntries(error.problem.errors.map((e) => [e.field, e.message])));
        setFailure(undefined);
      } else {
        setFailure(
          error instanceof ApiError && error.status < 500
            ? `Refusé : ${error.problem.detail ?? 'la demande ne peut pas être enregistrée.'}`
            : "L'enregistrement a échoué. Réessayez dans un instant.",
        );
      }
      requestAnimationFrame(() => summary.current?.focus());
    },
  });

  if (!canEdit) {
    return (
      <NotAllowedToRecord
        title="Nouvelle demande de droits"
        organisationName={current?.organisationName}
        action="d'enregistrer une demande"
        back={{ to: '/demandes-de-droits', label: 'Retour aux demandes' }}
      />
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!right) found.right = 'Choisissez le droit exercé.';
    if (!name.trim()) found.requesterName = 'Indiquez le nom du demandeur.';
    if (!receivedAt) found.receivedAt = 'Indiquez la date de réception.';
    else if (new Date(receivedAt).getTime() > Date.now() + 60_000)
      found.receivedAt = 'La date de réception ne peut pas être dans le futur.';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    const at = new Date(localToIso(receivedAt));
    create.mutate({
      right,
      requesterName: name.trim(),
      ...(contact.trim() ? { requesterContact: contact.trim() } : {}),
      ...(details.trim() ? { details: details.trim() } : {}),
      // A time in the current minute may be a few seconds ahead of the server's clock.
      receivedAt: (at.getTime() > Date.now() ? new Date() : at).toISOString(),
      ...(channel ? { receivedChannel: channel } : {}),
      identityChecked: identity,
    });
  }

  const listed = Object.entries(errors).map(([field, message]) => ({
    id: FIELD_IDS[field] ?? 'request-right',
    message: `${FIELD_LABELS[field] ?? field} : ${message}`,
  }));
  return (
    <NewRecordForm
      title="Nouvelle demande de droits"
      lead={`${current?.organisationName ?? ''} — la réponse est due dans le mois qui suit la réception (art. 12.3 du RGPD).`}
      errors={listed}
      failure={failure}
      summaryRef={summary}
      onSubmit={submit}
      submitLabel="Enregistrer la demande"
      pending={create.isPending}
      cancelTo="/demandes-de-droits"
    >
      <SelectField
        id="request-right"
        label="Droit exercé"
        required
        placeholder="Choisir…"
        options={RIGHTS}
        value={right}
        error={errors.right}
        onChange={(e) => setRight(e.target.value)}
      />
      <TextField
        id="request-name"
        label="Nom du demandeur"
        required
        maxLength={200}
        value={name}
        error={errors.requesterName}
        onChange={(e) => setName(e.target.value)}
      />
      <TextField
        id="request-contact"
        label="Adresse pour la réponse (postale ou électronique)"
        maxLength={300}
        value={contact}
        error={errors.requesterContact}
        onChange={(e) => setContact(e.target.value)}
      />
      <TextField
        id="request-received-at"
        label="Reçue le (date et heure)"
        type="datetime-local"
        required
        value={receivedAt}
        error={errors.receivedAt}
        onChange={(e) => setReceivedAt(e.target.value)}
      />
      <SelectField
        id="request-channel"
        label="Reçue par"
        placeholder="Non précisé"
        options={CHANNELS}
        value={channel}
        error={errors.receivedChannel}
        onChange={(e) => setChannel(e.target.value)}
      />
      <TextArea
        id="request-details"
        label="Objet de la demande"
        rows={3}
        value={details}
        error={errors.details}
        onChange={(e) => setDetails(e.target.value)}
      />
      <div className="checkbox">
        <input
          type="checkbox"
          id="request-identity"
          checked={identity}
          onChange={(e) => setIdentity(e.target.checked)}
        />
        <label htmlFor="request-identity">L'identité du demandeur a été vérifiée</label>
      </div>
    </NewRecordForm>
  );
}
