import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, unwrap } from '../api/client';
import { ROLE_LABELS } from '../labels';
import { useMe } from '../session';
import { ErrorSummary, TextField } from '../ui/fields';
import { Page } from '../ui/page';
import { NotificationPreferences } from './preferences';

export default function AccountPage() {
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ id: string; message: string }[]>([]);
  const [done, setDone] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(false);
    setFailure(undefined);
    const found = [
      ...(current ? [] : [{ id: 'currentPassword', message: 'Indiquez votre mot de passe actuel.' }]),
      ...(next.length >= 12
        ? []
        : [{ id: 'newPassword', message: 'Le nouveau mot de passe doit compter au moins 12 caractères.' }]),
      ...(confirm === next
        ? []
        : [{ id: 'confirmPassword', message: 'La confirmation ne correspond pas au nouveau mot de passe.' }]),
    ];
    setErrors(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } }),
      );
      setDone(true);
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const wrongCurrent = error.problem.errors?.some((e) => e.field === 'currentPassword');
        const same = error.problem.errors?.some((e) => e.field === 'newPassword');
        setErrors([
          wrongCurrent
            ? { id: 'currentPassword', message: "Le mot de passe actuel n'est pas le bon." }
            : same
              ? {
                  id: 'newPassword',
                  message:
                    "Le nouveau mot de passe doit être différent de l'actuel et compter au moins 12 caractères.",
                }
              : { id: 'newPassword', message: 'Ce mot de passe est refusé.' },
        ]);
        requestAnimationFrame(() => summary.current?.focus());
      } else if (error instanceof ApiError && error.status === 429) {
        setFailure('Trop de tentatives. Patientez une minute avant de réessayer.');
      } else {
        setFailure("Le mot de passe n'a pas pu être changé. Réessayez dans un instant.");
      }
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (id: string) => errors.find((e) => e.id === id)?.message;
  return (
    <Page title="Mon compte">
      <dl className="facts">
        <div>
          <dt>Nom</dt>
          <dd>{me.displayName}</dd>
        </div>
        <div>
          <dt>Adresse électronique</dt>
          <dd>{me.email}</dd>
        </div>
      </dl>
      <h2>Mes rôles</h2>
      <ul>
        {me.memberships.map((m) => (
          <li key={`${m.organisationId}-${m.role}`}>
            {m.organisationName} : {ROLE_LABELS[m.role] ?? m.role}
          </li>
        ))}
      </ul>
      <h2 id="password-title">Changer de mot de passe</h2>
      <p className="hint">Vos autres sessions ouvertes (autres navigateurs ou appareils) seront fermées.</p>
      {done ? (
        <p className="notice notice-success" role="status">
          Votre mot de passe a été changé. Vos autres sessions ont été fermées.
        </p>
      ) : null}
      {failure ? (
        <div className="notice notice-error" role="alert">
          {failure}
        </div>
      ) : null}
      <ErrorSummary errors={errors} summaryRef={summary} />
      <form className="form" onSubmit={submit} noValidate aria-labelledby="password-title">
        <TextField
          id="currentPassword"
          label="Mot de passe actuel"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          error={errorOf('currentPassword')}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          id="newPassword"
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          required
          hint="12 caractères au moins."
          value={next}
          error={errorOf('newPassword')}
          onChange={(e) => setNext(e.target.value)}
        />
        <TextField
          id="confirmPassword"
          label="Confirmation du nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          error={errorOf('confirmPassword')}
          onChange={(e) => setConfirm(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          Changer le mot de passe
        </button>
      </form>
      <NotificationPreferences />
    </Page>
  );
}
