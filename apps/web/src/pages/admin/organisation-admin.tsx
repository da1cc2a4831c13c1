import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { KIND_LABELS, membershipsOf, ROLES_BY_KIND, usersList, type MembershipItem } from '../../api/admin';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDate } from '../../format';
import { ROLE_LABELS } from '../../labels';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { Details, DetailsForm, type OrganisationDetails } from '../organisation';
import { AdminForm, Done, lookup, type FieldError } from './forms';

const organisationOf = (id: string) =>
  unwrap(
    api.GET('/api/v1/organisations/{id}', { params: { path: { id } } }),
  ) as unknown as Promise<OrganisationDetails>;

/** The same answer for an organisation that does not exist and one the caller may not see. */
export function OrganisationNotFound() {
  return (
    <Page title="Organisme introuvable">
      <p>Cet organisme est introuvable : il n'existe pas, ou vous n'y avez pas accès.</p>
      <p>
        <Link to="/">Retour au tableau de bord</Link>
      </p>
    </Page>
  );
}

function parisToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

function AddMembershipForm({
  organisation,
  onDone,
}: {
  organisation: OrganisationDetails;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: usersList });
  const roles = ROLES_BY_KIND[organisation.kind] ?? [];
  const [state, setState] = useState({ userId: '', role: roles[0] ?? '', endsOn: '' });
  const ids = {
    userId: 'membership-user',
    role: 'membership-role',
    endsOn: 'membership-end',
  } as const;
  const labels = { userId: 'Personne', role: 'Rôle', endsOn: "Fin de l'accès" } as const;
  const available = (users.data?.items ?? []).filter((u) => !u.disabled);
  return (
    <AdminForm
      id="add-membership"
      title="Donner un rôle"
      submitLabel="Donner le rôle"
      fieldId={(f) => lookup(ids, f) ?? ids.userId}
      labelOf={(f) => lookup(labels, f) ?? f}
      check={() => {
        const found: FieldError[] = [];
        if (!state.userId) found.push({ id: ids.userId, message: 'Personne : à choisir.' });
        if (state.role === 'auditor' && state.endsOn && state.endsOn < parisToday())
          found.push({ id: ids.endsOn, message: "Fin de l'accès : aujourd'hui ou plus tard." });
        return found;
      }}
      send={async () => {
        await unwrap(
          api.POST('/api/v1/organisations/{id}/memberships', {
            params: { path: { id: organisation.id } },
            body: {
              userId: state.userId,
              role: state.role as MembershipItem['role'],
              ...(state.role === 'auditor' && state.endsOn ? { endsOn: state.endsOn } : {}),
            },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: ['admin', 'memberships', organisation.id] });
        const who = available.find((u) => u.id === state.userId)?.displayName ?? '';
        setState((s) => ({ ...s, userId: '', endsOn: '' }));
        onDone(`${who} est ${ROLE_LABELS[state.role] ?? state.role} de ${organisation.name}.`);
      }}
    >
      {(errorOf) => (
        <>
          <SelectField
            id={ids.userId}
            label={labels.userId}
            required
            placeholder="Choisir une personne"
            hint="Une même personne peut être déléguée (DPO) de plusieurs membres."
            options={available.map((u) => ({ key: u.id, label: `${u.displayName} (${u.email})` }))}
            value={state.userId}
            error={errorOf(ids.userId)}
            onChange={(e) => setState((s) => ({ ...s, userId: e.target.value }))}
          />
          <SelectField
            id={ids.role}
            label={labels.role}
            required
            options={roles.map((r) => ({ key: r, label: ROLE_LABELS[r] ?? r }))}
            value={state.role}
            error={errorOf(ids.role)}
            onChange={(e) => setState((s) => ({ ...s, role: e.target.value }))}
          />
          {state.role === 'auditor' ? (
            <TextField
              id={ids.endsOn}
              label={labels.endsOn}
              type="date"
              min={parisToday()}
              hint="Facultatif : le dernier jour de la mission. Après ce jour, l'accès ne donne plus rien ; l'auditeur est prévenu 7 jours et 1 jour avant."
              value={state.endsOn}
              error={errorOf(ids.endsOn)}
              onChange={(e) => setState((s) => ({ ...s, endsOn: e.target.value }))}
            />
          ) : null}
        </>
      )}
    </AdminForm>
  );
}

function MembershipRow({
  membership,
  organisationId,
  onDone,
}: {
  membership: MembershipItem;
  organisationId: string;
  onDone: (message: string) => void;
}) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string>();
  async function remove() {
    setFailure(undefined);
    try {
      await unwrap(
        api.DELETE('/api/v1/organisations/{id}/memberships/{membershipId}', {
          params: { path: { id: organisationId, membershipId: membership.id } },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['admin', 'memberships', organisationId] });
      onDone(
        `Le rôle ${ROLE_LABELS[membership.role] ?? membership.role} de ${membership.displayName} est retiré.`,
      );
    } catch (error) {
      setFailure(error instanceof ApiError ? error.message : 'Le retrait a échoué : réessayez.');
    }
  }
  return (
    <tr>
      <th scope="row">
        {membership.displayName}
        <br />
        <span className="muted">{membership.email}</span>
      </th>
      <td>{ROLE_LABELS[membership.role] ?? membership.role}</td>
      <td>
        {membership.endsOn ? (
          membership.active ? (
            `Durée limitée : jusqu'au ${formatDate(membership.endsOn)}`
          ) : (
            <span className="badge badge-archived">Terminé le {formatDate(membership.endsOn)}</span>
          )
        ) : (
          'Sans limite'
        )}
        {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      </td>
      <td>
        <button type="button" className="button button-secondary" onClick={remove}>
          Retirer<span className="visually-hidden"> le rôle de {membership.displayName}</span>
        </button>
      </td>
    </tr>
  );
}

/** One organisation for the administrator: its controller details and who holds which role in it. */
export default function OrganisationAdminPage() {
  const { id = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const [done, setDone] = useState<string>();
  const organisation = useQuery({ queryKey: ['organisation', id], queryFn: () => organisationOf(id) });
  const memberships = useQuery({
    queryKey: ['admin', 'memberships', id],
    queryFn: () => membershipsOf(id),
    enabled: organisation.isSuccess,
  });

  if (organisation.isPending) return <Loading />;
  if (organisation.isError)
    return organisation.error instanceof ApiError && [400, 403, 404].includes(organisation.error.status) ? (
      <OrganisationNotFound />
    ) : (
      <Page title="Organisme">
        <ErrorNotice>L'organisme n'a pas pu être chargé.</ErrorNotice>
      </Page>
    );
  const o = organisation.data;
  return (
    <Page
      title={`Administration — ${o.name}`}
      heading={o.name}
      actions={
        !editing ? (
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(undefined);
              setEditing(true);
            }}
          >
            Modifier les coordonnées
          </button>
        ) : null
      }
    >
      <p className="lead">
        {KIND_LABELS[o.kind] ?? o.kind} · nom court {o.shortName} ·{' '}
        <Link to="/administration">Retour à l'administration</Link>
      </p>
      {done ? <Done>{done}</Done> : null}
      {editing ? (
        <DetailsForm
          o={o}
          onDone={(saved) => {
            setEditing(false);
            if (saved) setDone('Les coordonnées sont enregistrées.');
          }}
        />
      ) : (
        <Details o={o} />
      )}
      <h2>Rôles dans cet organisme</h2>
      {memberships.isPending ? <Loading /> : null}
      {memberships.isError ? <ErrorNotice>Les rôles n'ont pas pu être chargés.</ErrorNotice> : null}
      {memberships.data ? (
        memberships.data.items.length === 0 ? (
          <p>Personne n'a encore de rôle dans cet organisme.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Rôles dans {o.name}</caption>
            <thead>
              <tr>
                <th scope="col">Personne</th>
                <th scope="col">Rôle</th>
                <th scope="col">Durée</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {memberships.data.items.map((m) => (
                <MembershipRow key={m.id} membership={m} organisationId={o.id} onDone={setDone} />
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <AddMembershipForm organisation={o} onDone={setDone} />
    </Page>
  );
}
