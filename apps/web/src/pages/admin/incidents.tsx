import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applicationsList, incidentsList, type IncidentItem } from '../../api/admin';
import { api, unwrap } from '../../api/client';
import { BREACH_STATUS_LABELS } from '../../api/lists';
import { formatDateTime, plural } from '../../format';
import { useSession } from '../../session';
import { SelectField, TextArea, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { AdminForm, Done, lookup, type FieldError } from './forms';

const IDS = {
  applicationId: 'incident-application',
  applicationIds: 'incident-application',
  title: 'incident-title',
  awareAt: 'incident-aware',
  description: 'incident-description',
} as const;
const LABELS = {
  applicationId: 'Application concernée',
  applicationIds: 'Application concernée',
  title: "Titre de l'incident",
  awareAt: 'Connu le',
  description: 'Description',
} as const;

/** A local date and time of the browser (Paris) for a datetime-local field. */
function localNow(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

function DeclareForm({ onDone }: { onDone: (message?: string) => void }) {
  const queryClient = useQueryClient();
  const applications = useQuery({ queryKey: ['admin', 'applications'], queryFn: applicationsList });
  const [state, setState] = useState({ applicationId: '', title: '', awareAt: localNow(), description: '' });
  useEffect(() => document.getElementById(IDS.applicationId)?.focus(), []);
  return (
    <AdminForm
      id="declare-incident"
      title="Déclarer un incident"
      submitLabel="Déclarer l'incident"
      fieldId={(f) => lookup(IDS, f) ?? IDS.title}
      labelOf={(f) => lookup(LABELS, f) ?? f}
      onCancel={() => onDone()}
      check={() => {
        const found: FieldError[] = [];
        if (!state.applicationId)
          found.push({ id: IDS.applicationId, message: `${LABELS.applicationId} : à choisir.` });
        if (!state.title.trim()) found.push({ id: IDS.title, message: `${LABELS.title} : à renseigner.` });
        if (!state.awareAt || Number.isNaN(new Date(state.awareAt).getTime()))
          found.push({ id: IDS.awareAt, message: `${LABELS.awareAt} : date et heure attendues.` });
        else if (new Date(state.awareAt) > new Date())
          found.push({ id: IDS.awareAt, message: `${LABELS.awareAt} : ne peut pas être dans le futur.` });
        if (!state.description.trim())
          found.push({ id: IDS.description, message: `${LABELS.description} : à renseigner.` });
        return found;
      }}
      send={async () => {
        const created = (await unwrap(
          api.POST('/api/v1/incidents', {
            body: {
              applicationId: state.applicationId,
              title: state.title.trim(),
              awareAt: new Date(state.awareAt).toISOString(),
              description: state.description.trim(),
            },
          }),
        )) as unknown as IncidentItem;
        await queryClient.invalidateQueries({ queryKey: ['incidents'] });
        onDone(
          `L'incident est déclaré : ${plural(created.members.length, 'membre prévenu', 'membres prévenus')}, chacun avec une violation à évaluer.`,
        );
      }}
    >
      {(errorOf) => (
        <>
          <SelectField
            id={IDS.applicationId}
            label={LABELS.applicationId}
            required
            placeholder="Choisir une application"
            hint="Chaque membre qui l'utilise reçoit une violation à évaluer (art. 33.2 du RGPD)."
            options={(applications.data?.items ?? []).map((a) => ({ key: a.id, label: a.name }))}
            value={state.applicationId}
            error={errorOf(IDS.applicationId)}
            onChange={(e) => setState((s) => ({ ...s, applicationId: e.target.value }))}
          />
          <TextField
            id={IDS.title}
            label={LABELS.title}
            required
            hint="Visible des membres et dans les courriels : aucune donnée personnelle."
            value={state.title}
            error={errorOf(IDS.title)}
            onChange={(e) => setState((s) => ({ ...s, title: e.target.value }))}
          />
          <TextField
            id={IDS.awareAt}
            label={LABELS.awareAt}
            type="datetime-local"
            required
            hint="Le moment où l'opérateur a eu connaissance de l'incident."
            value={state.awareAt}
            error={errorOf(IDS.awareAt)}
            onChange={(e) => setState((s) => ({ ...s, awareAt: e.target.value }))}
          />
          <TextArea
            id={IDS.description}
            label={LABELS.description}
            required
            rows={4}
            value={state.description}
            error={errorOf(IDS.description)}
            onChange={(e) => setState((s) => ({ ...s, description: e.target.value }))}
          />
        </>
      )}
    </AdminForm>
  );
}

function IncidentSection({ incident }: { incident: IncidentItem }) {
  const headingId = `incident-${incident.id}`;
  return (
    <section aria-labelledby={headingId} className="incident">
      <h3 id={headingId}>{incident.title}</h3>
      <p>
        {incident.applications.map((a) => a.name).join(', ')} · connu le {formatDateTime(incident.awareAt)}
      </p>
      {incident.members.length === 0 ? (
        <p className="muted">Aucun membre n'utilise cette application : aucune violation n'a été créée.</p>
      ) : (
        <table className="table">
          <caption>Violations des membres pour « {incident.title} »</caption>
          <thead>
            <tr>
              <th scope="col">Membre</th>
              <th scope="col">Statut de la violation</th>
              <th scope="col">Prévenu le</th>
              <th scope="col">Évaluée le</th>
              <th scope="col">Notifiée à la CNIL le</th>
            </tr>
          </thead>
          <tbody>
            {incident.members.map((m) => (
              <tr key={m.organisationId}>
                <th scope="row">{m.organisationName}</th>
                <td>{BREACH_STATUS_LABELS[m.breachStatus] ?? m.breachStatus}</td>
                <td>{formatDateTime(m.processorNotifiedAt) || '—'}</td>
                <td>{formatDateTime(m.assessedAt) || '—'}</td>
                <td>{formatDateTime(m.cnilNotifiedAt) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The security officer declares an incident as processor and follows each member's breach (never its contents). */
export default function IncidentsPage() {
  const { workspaces } = useSession();
  const canDeclare = workspaces.some((w) => w.kind === 'operator' && w.roles.includes('security-officer'));
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string>();
  const incidents = useQuery({ queryKey: ['incidents'], queryFn: incidentsList });
  return (
    <Page
      title="Incidents"
      actions={
        canDeclare && !open ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(undefined);
              setOpen(true);
            }}
          >
            Déclarer un incident
          </button>
        ) : null
      }
    >
      <p className="lead">
        Incidents de sécurité de l'opérateur, sous-traitant (art. 33.2 du RGPD), et la suite donnée par chaque
        membre.
      </p>
      {done ? <Done>{done}</Done> : null}
      {open ? (
        <DeclareForm
          onDone={(message) => {
            setOpen(false);
            if (message) setDone(message);
          }}
        />
      ) : null}
      <h2>Incidents déclarés</h2>
      {incidents.isPending ? <Loading /> : null}
      {incidents.isError ? <ErrorNotice>Les incidents n'ont pas pu être chargés.</ErrorNotice> : null}
      {incidents.data ? (
        <>
          <p role="status">{plural(incidents.data.total, 'incident')}</p>
          {incidents.data.items.map((incident) => (
            <IncidentSection key={incident.id} incident={incident} />
          ))}
        </>
      ) : null}
    </Page>
  );
}
