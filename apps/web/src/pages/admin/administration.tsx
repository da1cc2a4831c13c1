import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  applicationsList,
  HOSTING_LABELS,
  KIND_LABELS,
  organisationsList,
  usersList,
  type UserItem,
} from '../../api/admin';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../session';
import { SelectField, TextField } from '../../ui/fields';
import { ErrorNotice, Loading, Page } from '../../ui/page';
import { AdminForm, Done, EMAIL, lookup, type FieldError } from './forms';
import { NewApplicationForm } from './application-form';

const SHORT_NAME = /^[\p{L}\p{N} ._'-]+$/u;

function NewOrganisationForm({ onDone }: { onDone: (name?: string) => void }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState({ name: '', shortName: '', kind: 'member', siren: '', city: '' });
  useEffect(() => document.getElementById('org-name')?.focus(), []);
  const ids = {
    name: 'org-name',
    shortName: 'org-short',
    kind: 'org-kind',
    siren: 'org-siren',
    city: 'org-city',
  } as const;
  const labels = {
    name: 'Nom',
    shortName: 'Nom court',
    kind: 'Type',
    siren: 'SIREN',
    'contact.city': 'Commune',
  } as const;
  return (
    <AdminForm
      id="new-organisation"
      title="Nouvel organisme"
      submitLabel="Créer l'organisme"
      fieldId={(f) => lookup(ids, f) ?? 'org-name'}
      labelOf={(f) => lookup(labels, f) ?? f}
      onCancel={() => onDone()}
      check={() => {
        const found: FieldError[] = [];
        if (!state.name.trim()) found.push({ id: ids.name, message: 'Nom : à renseigner.' });
        if (!state.shortName.trim()) found.push({ id: ids.shortName, message: 'Nom court : à renseigner.' });
        else if (!SHORT_NAME.test(state.shortName.trim()))
          found.push({
            id: ids.shortName,
            message: "Nom court : lettres, chiffres, espaces et . _ ' - seulement.",
          });
        if (state.siren.trim() && !/^\d{9}$/.test(state.siren.replace(/\s/g, '')))
          found.push({ id: ids.siren, message: 'SIREN : 9 chiffres attendus.' });
        return found;
      }}
      send={async () => {
        await unwrap(
          api.POST('/api/v1/organisations', {
            body: {
              name: state.name.trim(),
              shortName: state.shortName.trim(),
              kind: state.kind as 'member' | 'vendor',
              ...(state.siren.trim() ? { siren: state.siren.replace(/\s/g, '') } : {}),
              ...(state.city.trim() ? { contact: { city: state.city.trim() } } : {}),
            } as never,
          }),
        );
        await queryClient.invalidateQueries({ queryKey: ['admin', 'organisations'] });
        onDone(state.name.trim());
      }}
    >
      {(errorOf) => (
        <>
          <TextField
            id={ids.name}
            label="Nom"
            required
            hint="Par exemple : Mairie d'Arcueil"
            value={state.name}
            error={errorOf(ids.name)}
            onChange={(e) => setState((s) => ({ ...s, name: e.target.value }))}
          />
          <TextField
            id={ids.shortName}
            label="Nom court"
            required
            hint="Unique, par exemple ARCUEIL"
            value={state.shortName}
            error={errorOf(ids.shortName)}
            onChange={(e) => setState((s) => ({ ...s, shortName: e.target.value }))}
          />
          <SelectField
            id={ids.kind}
            label="Type"
            required
            options={[
              { key: 'member', label: 'Membre (responsable de traitement)' },
              { key: 'vendor', label: 'Fournisseur (sous-traitant)' },
            ]}
            value={state.kind}
            error={errorOf(ids.kind)}
            onChange={(e) => setState((s) => ({ ...s, kind: e.target.value }))}
          />
          <TextField
            id={ids.siren}
            label="SIREN"
            inputMode="numeric"
            value={state.siren}
            error={errorOf(ids.siren)}
            onChange={(e) => setState((s) => ({ ...s, siren: e.target.value }))}
          />
          <TextField
            id={ids.city}
            label="Commune"
            value={state.city}
            error={errorOf(ids.city)}
            onChange={(e) => setState((s) => ({ ...s, city: e.target.value }))}
          />
        </>
      )}
    </AdminForm>
  );
}

function NewUserForm({ onDone }: { onDone: (message?: string) => void }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState({ email: '', displayName: '', mode: 'invite', password: '' });
  useEffect(() => document.getElementById('user-email')?.focus(), []);
  const ids = {
    email: 'user-email',
    displayName: 'user-name',
    password: 'user-password',
  } as const;
  const labels = {
    email: 'Adresse électronique',
    displayName: 'Nom affiché',
    password: 'Mot de passe initial',
  } as const;
  return (
    <AdminForm
      id="new-user"
      title="Nouvel utilisateur"
      submitLabel="Créer l'utilisateur"
      fieldId={(f) => lookup(ids, f) ?? 'user-email'}
      labelOf={(f) => lookup(labels, f) ?? f}
      onCancel={() => onDone()}
      check={() => {
        const found: FieldError[] = [];
        if (!EMAIL.test(state.email.trim()))
          found.push({
            id: ids.email,
            message: 'Adresse électronique : adresse attendue (nom@domaine.fr).',
          });
        if (!state.displayName.trim())
          found.push({ id: ids.displayName, message: 'Nom affiché : à renseigner.' });
        if (state.mode === 'password' && state.password.length < 12)
          found.push({ id: ids.password, message: 'Mot de passe initial : au moins 12 caractères.' });
        return found;
      }}
      send={async () => {
        const identity = { email: state.email.trim(), displayName: state.displayName.trim() };
        let message: string;
        if (state.mode === 'invite') {
          const invited = (await unwrap(
            api.POST('/api/v1/users/invitations', { body: identity }),
          )) as unknown as { invitation: { emailSent: boolean } };
          message = invited.invitation.emailSent
            ? `${identity.displayName} est créé : une invitation lui est envoyée par courriel (valable 7 jours).`
            : `${identity.displayName} est créé, mais aucun courriel n'a pu partir (messagerie non configurée) : renvoyez l'invitation plus tard.`;
        } else {
          await unwrap(api.POST('/api/v1/users', { body: { ...identity, password: state.password } }));
          message = `${identity.displayName} est créé avec le mot de passe choisi.`;
        }
        await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
        onDone(message);
      }}
    >
      {(errorOf) => (
        <>
          <TextField
            id={ids.email}
            label="Adresse électronique"
            type="email"
            required
            autoComplete="off"
            value={state.email}
            error={errorOf(ids.email)}
            onChange={(e) => setState((s) => ({ ...s, email: e.target.value }))}
          />
          <TextField
            id={ids.displayName}
            label="Nom affiché"
            required
            value={state.displayName}
            error={errorOf(ids.displayName)}
            onChange={(e) => setState((s) => ({ ...s, displayName: e.target.value }))}
          />
          <fieldset className="checkbox-group">
            <legend>Premier accès</legend>
            <label>
              <input
                type="radio"
                name="user-mode"
                value="invite"
                checked={state.mode === 'invite'}
                onChange={() => setState((s) => ({ ...s, mode: 'invite' }))}
              />{' '}
              Envoyer une invitation par courriel (la personne choisit son mot de passe)
            </label>
            <label>
              <input
                type="radio"
                name="user-mode"
                value="password"
                checked={state.mode === 'password'}
                onChange={() => setState((s) => ({ ...s, mode: 'password' }))}
              />{' '}
              Choisir un mot de passe initial
            </label>
          </fieldset>
          {state.mode === 'password' ? (
            <TextField
              id={ids.password}
              label="Mot de passe initial"
              type="password"
              required
              autoComplete="new-password"
              hint="Au moins 12 caractères, ni courant, ni fait du nom ou de l'adresse."
              value={state.password}
              error={errorOf(ids.password)}
              onChange={(e) => setState((s) => ({ ...s, password: e.target.value }))}
            />
          ) : null}
        </>
      )}
    </AdminForm>
  );
}

function UserRow({ user, onChanged }: { user: UserItem; onChanged: (message: string) => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);
  async function toggle() {
    setPending(true);
    setFailure(undefined);
    try {
      await unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { disabled: !user.disabled, version: user.version },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
      onChanged(
        user.disabled
          ? `Le compte de ${user.displayName} est réactivé.`
          : `Le compte de ${user.displayName} est désactivé : ses sessions sont terminées.`,
      );
    } catch (error) {
      setFailure(
        error instanceof Error && error.message ? error.message : 'La modification a échoué : réessayez.',
      );
      await queryClient.invalidateQueries({ queryKey: ['admin', 'users'] });
    } finally {
      setPending(false);
    }
  }
  return (
    <tr>
      <th scope="row">{user.displayName}</th>
      <td>{user.email}</td>
      <td>
        {user.disabled ? <span className="badge badge-archived">Désactivé</span> : 'Actif'}
        {failure ? <ErrorNotice>{failure}</ErrorNotice> : null}
      </td>
      <td>
        <button type="button" className="button button-secondary" disabled={pending} onClick={toggle}>
          {user.disabled ? 'Réactiver' : 'Désactiver'}
          <span className="visually-hidden"> le compte de {user.displayName}</span>
        </button>
      </td>
    </tr>
  );
}

/** The administrator's workspace: organisations, users, the application catalog (UI.md « Administration »). */
export default function AdministrationPage() {
  const { workspaces } = useSession();
  const isAdmin = workspaces.some((w) => w.kind === 'operator' && w.roles.includes('admin'));
  if (!isAdmin)
    return (
      <Page title="Administration">
        <p>Cette page est réservée à l'administrateur de Vigie.</p>
        <p>
          <Link to="/">Retour au tableau de bord</Link>
        </p>
      </Page>
    );
  return <Administration />;
}

function Administration() {
  const [open, setOpen] = useState<'organisation' | 'user' | 'application' | null>(null);
  const [done, setDone] = useState<string>();
  const organisations = useQuery({
    queryKey: ['admin', 'organisations'],
    queryFn: () => organisationsList(),
  });
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: usersList });
  const applications = useQuery({ queryKey: ['admin', 'applications'], queryFn: applicationsList });
  const openForm = (form: typeof open) => {
    setDone(undefined);
    setOpen(form);
  };
  const close = (message?: string) => {
    setOpen(null);
    if (message) setDone(message);
  };

  return (
    <Page
      title="Administration"
      actions={
        <>
          <button type="button" className="button" onClick={() => openForm('organisation')}>
            Nouvel organisme
          </button>
          <button type="button" className="button" onClick={() => openForm('user')}>
            Nouvel utilisateur
          </button>
        </>
      }
    >
      <p className="lead">Organismes et leurs coordonnées, comptes, rôles, catalogue des applications.</p>
      {done ? <Done>{done}</Done> : null}
      {open === 'organisation' ? (
        <NewOrganisationForm
          onDone={(name) => close(name ? `L'organisme « ${name} » est créé.` : undefined)}
        />
      ) : null}
      {open === 'user' ? <NewUserForm onDone={close} /> : null}

      <h2>Organismes</h2>
      {organisations.isPending ? <Loading /> : null}
      {organisations.isError ? <ErrorNotice>Les organismes n'ont pas pu être chargés.</ErrorNotice> : null}
      {organisations.data ? (
        <table className="table">
          <caption className="visually-hidden">Organismes</caption>
          <thead>
            <tr>
              <th scope="col">Organisme</th>
              <th scope="col">Type</th>
              <th scope="col">SIREN</th>
              <th scope="col">Délégué (DPO) désigné</th>
            </tr>
          </thead>
          <tbody>
            {organisations.data.items.map((o) => (
              <tr key={o.id}>
                <th scope="row">
                  <Link to={`/administration/organismes/${o.id}`}>{o.name}</Link>
                </th>
                <td>{KIND_LABELS[o.kind] ?? o.kind}</td>
                <td>{o.siren ?? <span className="muted">Non renseigné</span>}</td>
                <td>
                  {o.kind === 'vendor' ? (
                    <span className="muted">Sans objet</span>
                  ) : (
                    (o.dpo?.name ?? <span className="muted">Non désigné</span>)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>Utilisateurs</h2>
      {users.isPending ? <Loading /> : null}
      {users.isError ? <ErrorNotice>Les utilisateurs n'ont pas pu être chargés.</ErrorNotice> : null}
      {users.data ? (
        <table className="table">
          <caption className="visually-hidden">Utilisateurs</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse électronique</th>
              <th scope="col">État</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((u) => (
              <UserRow key={u.id} user={u} onChanged={setDone} />
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted">Les rôles se donnent depuis la page de chaque organisme.</p>

      <div className="page-head">
        <h2>Catalogue des applications</h2>
        <div className="page-actions">
          <button type="button" className="button button-secondary" onClick={() => openForm('application')}>
            Nouvelle application
          </button>
        </div>
      </div>
      {open === 'application' ? (
        <NewApplicationForm
          vendors={(organisations.data?.items ?? []).filter((o) => o.kind === 'vendor')}
          onDone={(name) => close(name ? `L'application « ${name} » est ajoutée au catalogue.` : undefined)}
        />
      ) : null}
      {applications.isPending ? <Loading /> : null}
      {applications.isError ? <ErrorNotice>Le catalogue n'a pas pu être chargé.</ErrorNotice> : null}
      {applications.data ? (
        <table className="table">
          <caption className="visually-hidden">Catalogue des applications</caption>
          <thead>
            <tr>
              <th scope="col">Application</th>
              <th scope="col">Domaine</th>
              <th scope="col">Hébergement</th>
              <th scope="col">Données de santé</th>
            </tr>
          </thead>
          <tbody>
            {applications.data.items.map((a) => (
              <tr key={a.id}>
                <th scope="row">
                  <Link to={`/administration/applications/${a.id}`}>{a.name}</Link>
                </th>
                <td>{a.domain}</td>
                <td>{HOSTING_LABELS[a.hosting] ?? a.hosting}</td>
                <td>{a.healthData ? 'Oui' : 'Non'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </Page>
  );
}
