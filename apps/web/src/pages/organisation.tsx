import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { useRights, useSession } from '../session';
import { ErrorSummary, TextField } from '../ui/fields';
import { ErrorNotice, Loading, Page } from '../ui/page';

// GET /organisations/:id has no response schema in the OpenAPI document yet: the fields this page reads.
export interface OrganisationDetails {
  id: string;
  name: string;
  shortName: string;
  kind: string;
  version: number;
  contact: { address?: string; postalCode?: string; city?: string; email?: string; phone?: string } | null;
  representative: { name?: string; title?: string } | null;
  dpo: { name?: string; email?: string; phone?: string; designationReference?: string } | null;
  warnings: { field: string; message: string }[];
}

const organisationOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/organisations/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<OrganisationDetails>;

/** The form's fields, by their API path (part.field) and French label. */
const FIELDS = [
  { path: 'contact.address', label: 'Adresse' },
  { path: 'contact.postalCode', label: 'Code postal' },
  { path: 'contact.city', label: 'Commune' },
  { path: 'contact.email', label: 'Adresse électronique de contact', type: 'email' },
  { path: 'contact.phone', label: 'Téléphone', type: 'tel' },
  { path: 'representative.name', label: 'Nom du représentant légal' },
  { path: 'representative.title', label: 'Qualité (Maire, Président…)' },
  { path: 'dpo.name', label: 'Nom du délégué (DPO)', required: true },
  { path: 'dpo.email', label: 'Adresse électronique du délégué', type: 'email' },
  { path: 'dpo.phone', label: 'Téléphone du délégué', type: 'tel' },
  {
    path: 'dpo.designationReference',
    label: 'Référence de la désignation à la CNIL',
    hint: 'Par exemple DPO-123456, indiquée sur le récépissé de la CNIL.',
  },
] as const;
type FieldPath = (typeof FIELDS)[number]['path'];
type FormState = Record<FieldPath, string>;

const PARTS = ['contact', 'representative', 'dpo'] as const;
const idOf = (path: string) => `organisation-${path.replace('.', '-')}`;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 .()-]{5,24}$/;

function fromOrganisation(o: OrganisationDetails): FormState {
  const state = {} as FormState;
  for (const { path } of FIELDS) {
    const [part, field] = path.split('.') as [(typeof PARTS)[number], string];
    state[path] = ((o[part] as Record<string, string> | null)?.[field] ?? '').toString();
  }
  return state;
}

function check(state: FormState): { id: string; message: string }[] {
  const found: { id: string; message: string }[] = [];
  for (const f of FIELDS) {
    const value = state[f.path].trim();
    if ('required' in f && f.required && !value)
      found.push({ id: idOf(f.path), message: `${f.label} : à renseigner.` });
    else if (value && 'type' in f && f.type === 'email' && !EMAIL.test(value))
      found.push({
        id: idOf(f.path),
        message: `${f.label} : adresse électronique attendue (nom@domaine.fr).`,
      });
    else if (value && 'type' in f && f.type === 'tel' && !PHONE.test(value))
      found.push({
        id: idOf(f.path),
        message: `${f.label} : numéro de téléphone attendu (chiffres, espaces, points, tirets, + en tête).`,
      });
  }
  return found;
}

/** JSON merge patch of the three parts: a field emptied is removed (null). */
function payload(state: FormState, version: number) {
  const body: Record<string, unknown> = { version };
  for (const part of PARTS) {
    const values: Record<string, string | null> = {};
    for (const { path } of FIELDS) {
      const [p, field] = path.split('.');
      if (p === part && field) values[field] = state[path].trim() || null;
    }
    body[part] = values;
  }
  return body;
}

function Fact({ label, value }: { label: string; value?: string | null }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value ? value : <span className="muted">Non renseigné</span>}</dd>
    </div>
  );
}

export function Details({ o }: { o: OrganisationDetails }) {
  const town = [o.contact?.postalCode, o.contact?.city].filter(Boolean).join(' ');
  const address = [o.contact?.address, town].filter(Boolean).join(', ');
  return (
    <>
      <h2>Coordonnées du responsable de traitement</h2>
      <dl className="facts">
        <Fact label="Adresse" value={address} />
        <Fact label="Adresse électronique" value={o.contact?.email} />
        <Fact label="Téléphone" value={o.contact?.phone} />
      </dl>
      <h2>Représentant légal</h2>
      <dl className="facts">
        <Fact label="Nom" value={o.representative?.name} />
        <Fact label="Qualité" value={o.representative?.title} />
      </dl>
      <h2>Délégué à la protection des données (DPO)</h2>
      <dl className="facts">
        <Fact label="Nom" value={o.dpo?.name} />
        <Fact label="Adresse électronique" value={o.dpo?.email} />
        <Fact label="Téléphone" value={o.dpo?.phone} />
        <Fact label="Référence de la désignation à la CNIL" value={o.dpo?.designationReference} />
      </dl>
    </>
  );
}

export function DetailsForm({
  o,
  onDone,
}: {
  o: OrganisationDetails;
  onDone: (saved?: OrganisationDetails) => void;
}) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<FormState>(() => fromOrganisation(o));
  const [version, setVersion] = useState(o.version);
  const [errors, setErrors] = useState<{ id: string; message: string }[]>([]);
  const [failure, setFailure] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      unwrap(
        api.PATCH('/api/v1/organisations/{id}', { params: { path: { id: o.id } }, body: body as never }),
      ) as unknown as Promise<OrganisationDetails>,
    onSuccess: (saved) => {
      queryClient.setQueryData(['organisation', o.id], saved);
      onDone(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) setConflict(true);
      else if (error instanceof ApiError && error.status === 400) {
        setErrors(
          (error.problem.errors ?? []).map((e) => ({
            id: idOf(e.field),
            message: `${FIELDS.find((f) => f.path === e.field)?.label ?? e.field} : ${e.message}`,
          })),
        );
        requestAnimationFrame(() => summary.current?.focus());
      } else if (error instanceof ApiError && error.status === 403)
        setFailure('Votre rôle dans cet organisme ne permet pas de modifier ses coordonnées.');
      else setFailure("L'enregistrement a échoué. Vos saisies sont conservées : réessayez dans un instant.");
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found = check(state);
    setErrors(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    save.mutate(payload(state, version));
  }

  async function reload() {
    const latest = await organisationOf(o.id);
    queryClient.setQueryData(['organisation', o.id], latest);
    setState(fromOrganisation(latest));
    setVersion(latest.version);
    setConflict(false);
    setErrors([]);
  }

  const errorOf = (path: string) => errors.find((e) => e.id === idOf(path))?.message;
  const field = (f: (typeof FIELDS)[number]) => (
    <TextField
      key={f.path}
      id={idOf(f.path)}
      label={f.label}
      required={'required' in f ? f.required : undefined}
      hint={'hint' in f ? f.hint : undefined}
      type={'type' in f ? f.type : 'text'}
      autoComplete="off"
      value={state[f.path]}
      error={errorOf(f.path)}
      onChange={(e) => setState((s) => ({ ...s, [f.path]: e.target.value }))}
    />
  );

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="details-form-title">
      <h2 id="details-form-title">Modifier les coordonnées</h2>
      <ErrorSummary errors={errors} summaryRef={summary} />
      {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      {conflict ? (
        <div className="notice notice-error" role="alert">
          <p>
            Quelqu'un a modifié les coordonnées de cet organisme après que vous les avez ouvertes. Rechargez
            la dernière version pour la voir (vos saisies non enregistrées seront perdues).
          </p>
          <button type="button" className="button" onClick={() => void reload()}>
            Recharger la dernière version
          </button>
        </div>
      ) : null}
      <fieldset className="checkbox-group">
        <legend>Coordonnées du responsable de traitement</legend>
        {FIELDS.filter((f) => f.path.startsWith('contact.')).map(field)}
      </fieldset>
      <fieldset className="checkbox-group">
        <legend>Représentant légal</legend>
        {FIELDS.filter((f) => f.path.startsWith('representative.')).map(field)}
      </fieldset>
      <fieldset className="checkbox-group">
        <legend>Délégué à la protection des données (DPO)</legend>
        {FIELDS.filter((f) => f.path.startsWith('dpo.')).map(field)}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          Enregistrer
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone()}>
          Annuler
        </button>
      </div>
    </form>
  );
}

/** The controller's details (Art. 30.1.a GDPR): read by every member role, edited by the member's DPO. */
export default function OrganisationPage() {
  const { current } = useSession();
  const { isDpo } = useRights();
  const orgId = current?.organisationId ?? '';
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const organisation = useQuery({
    queryKey: ['organisation', orgId],
    queryFn: () => organisationOf(orgId),
    enabled: !!orgId,
  });

  if (!orgId || organisation.isPending) return <Loading />;
  if (organisation.isError)
    return (
      <Page title="Organisme">
        <ErrorNotice>Les coordonnées de l'organisme n'ont pas pu être chargées.</ErrorNotice>
      </Page>
    );
  const o = organisation.data;
  return (
    <Page
      title={`Organisme — ${o.name}`}
      heading={o.name}
      actions={
        isDpo && !editing ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            Modifier les coordonnées
          </button>
        ) : null
      }
    >
      <p className="lead">
        Organisme responsable de traitement — coordonnées portées au registre (art. 30.1.a du RGPD).
      </p>
      {o.warnings.map((w) => (
        <div key={w.field + w.message} className="notice notice-error" role="status">
          <strong>Attention : </strong>
          {w.message}
        </div>
      ))}
      {saved ? (
        <div className="notice notice-success" role="status">
          Les coordonnées sont enregistrées.
        </div>
      ) : null}
      {editing ? (
        <DetailsForm
          o={o}
          onDone={(done) => {
            setEditing(false);
            setSaved(!!done);
          }}
        />
      ) : (
        <Details o={o} />
      )}
    </Page>
  );
}
