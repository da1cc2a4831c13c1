import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { useSession } from '../session';
import { ErrorSummary, TextField } from '../ui/fields';
import { Page } from '../ui/page';

type FieldError = { id: string; message: string };

/**
 * The token of an e-mailed link, read once from the URL fragment (`#jeton=…`, never sent to a server) and then
 * removed from the address bar, so that it stays out of the history and of a copied address.
 */
function useFragmentToken(): string | undefined {
  const [token, setToken] = useState(readFragmentToken);
  useEffect(() => {
    // Another link opened in the same tab changes the fragment only.
    const changed = () => {
      const next = readFragmentToken();
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return token;
}

function readFragmentToken(): string | undefined {
  const value = new URLSearchParams(window.location.hash.slice(1)).get('jeton') ?? undefined;
  if (value) window.history.replaceState(window.history.state, '', window.location.pathname);
  return value;
}

const EXPIRED_LINK =
  'Ce lien n’est plus valable : il a déjà servi, il a expiré ou il est incomplet. Demandez-en un nouveau.';

/** The rules of a new password, written out beside its field. */
export function PasswordRules() {
  return (
    <>
      Règles :
      <ul>
        <li>12 caractères au moins (200 au plus) ;</li>
        <li>
          difficile à deviner : ni un mot de passe courant ou déjà divulgué, ni un mot du dictionnaire seul ;
        </li>
        <li>sans votre nom ni votre adresse électronique.</li>
      </ul>
      Une phrase de plusieurs mots est un bon choix.
    </>
  );
}

/** Choose a password with an invitation or reset link. */
function NewPasswordForm({
  title,
  intro,
  endpoint,
  done,
  again,
}: {
  title: string;
  intro: string;
  endpoint: '/api/v1/auth/invitation/accept' | '/api/v1/auth/password-reset/confirm';
  done: string;
  again: { to: string; label: string };
}) {
  const token = useFragmentToken();
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [fromServer, setFromServer] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [success, setSuccess] = useState(false);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const found: FieldError[] = [
      ...([...next].length >= 12
        ? []
        : [{ id: 'newPassword', message: 'Le nouveau mot de passe doit compter au moins 12 caractères.' }]),
      ...(confirm === next
        ? []
        : [{ id: 'confirmPassword', message: 'La confirmation ne correspond pas au nouveau mot de passe.' }]),
    ];
    setFromServer(false);
    setErrors(found);
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await unwrap(api.POST(endpoint, { body: { token: token ?? '', newPassword: next } }));
      setSuccess(true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) {
        const problems = error.problem.errors ?? [];
        const password = problems.find((e) => e.field === 'newPassword');
        if (problems.some((e) => e.field === 'token') || !password) setFailure(EXPIRED_LINK);
        if (password) {
          setFromServer(true);
          setErrors([
            {
              id: 'newPassword',
              message: `Ce mot de passe est refusé : ${password.message}.`.replace(/\.{2,}/g, '.'),
            },
          ]);
        } else setErrors([]);
      } else if (error instanceof ApiError && error.status === 429) {
        setFailure('Trop de tentatives. Patientez quelques minutes avant de réessayer.');
      } else {
        setFailure("Le mot de passe n'a pas pu être enregistré. Réessayez dans un instant.");
      }
    } finally {
      setBusy(false);
    }
  }

  if (success)
    return (
      <Page title={title}>
        <p className="notice notice-success" role="status">
          {done}
        </p>
        <p>
          <Link to="/connexion">Se connecter</Link>
        </p>
      </Page>
    );

  const errorOf = (id: string) => errors.find((e) => e.id === id)?.message;
  return (
    <Page title={title}>
      <p>{intro}</p>
      {!token ? (
        <div className="notice notice-error" role="alert">
          {EXPIRED_LINK} <Link to={again.to}>{again.label}</Link>
        </div>
      ) : null}
      {failure ? (
        <div className="notice notice-error" role="alert">
          {failure} <Link to={again.to}>{again.label}</Link>
        </div>
      ) : null}
      {fromServer ? null : <ErrorSummary errors={errors} summaryRef={summary} />}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="newPassword"
          label="Nouveau mot de passe"
          type="password"
          autoComplete="new-password"
          required
          hint={<PasswordRules />}
          value={next}
          error={errorOf('newPassword')}
          alertError={fromServer}
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
        <button type="submit" className="button" disabled={busy || !token}>
          Enregistrer le mot de passe
        </button>
      </form>
    </Page>
  );
}

export function InvitationPage() {
  return (
    <NewPasswordForm
      title="Choisir votre mot de passe"
      intro="Bienvenue dans Vigie. Choisissez le mot de passe de votre compte ; vous vous connecterez ensuite avec votre adresse électronique et ce mot de passe."
      endpoint="/api/v1/auth/invitation/accept"
      done="Votre mot de passe est enregistré. Vous pouvez maintenant vous connecter."
      again={{
        to: '/connexion',
        label:
          'Demandez une nouvelle invitation à l’administrateur de Vigie, ou utilisez « Mot de passe oublié ? ».',
      }}
    />
  );
}

export function NewPasswordPage() {
  return (
    <NewPasswordForm
      title="Nouveau mot de passe"
      intro="Choisissez le nouveau mot de passe de votre compte. Vos sessions ouvertes ailleurs seront fermées."
      endpoint="/api/v1/auth/password-reset/confirm"
      done="Votre nouveau mot de passe est enregistré. Vous pouvez maintenant vous connecter."
      again={{ to: '/mot-de-passe/oublie', label: 'Demander un nouveau lien' }}
    />
  );
}

/** Ask by e-mail for a link (password reset or vendor sign-in link): the same answer for any address. */
function AskForLinkForm({
  endpoint,
  button,
}: {
  endpoint: '/api/v1/auth/password-reset' | '/api/v1/auth/sign-in-link';
  button: string;
}) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string>();
  const [answer, setAnswer] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAnswer(undefined);
    setFailure(undefined);
    if (!email.trim()) {
      setError('Indiquez votre adresse électronique.');
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await unwrap(api.POST(endpoint, { body: { email } }));
      setAnswer('Si un compte existe pour cette adresse, un courriel vous a été envoyé.');
    } catch (caught) {
      setFailure(
        caught instanceof ApiError && caught.status === 429
          ? 'Trop de demandes. Patientez quelques minutes avant de réessayer.'
          : "La demande n'a pas pu être envoyée. Réessayez dans un instant.",
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {answer ? (
        <p className="notice notice-success" role="status">
          {answer}
        </p>
      ) : null}
      {failure ? (
        <div className="notice notice-error" role="alert">
          {failure}
        </div>
      ) : null}
      <ErrorSummary errors={error ? [{ id: 'email', message: error }] : []} summaryRef={summary} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="email"
          label="Adresse électronique"
          type="email"
          autoComplete="username"
          required
          value={email}
          error={error}
          onChange={(e) => setEmail(e.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          {button}
        </button>
      </form>
      <p>
        <Link to="/connexion">Retour à la connexion</Link>
      </p>
    </>
  );
}

export function ForgottenPasswordPage() {
  return (
    <Page title="Mot de passe oublié">
      <p>
        Indiquez l’adresse électronique de votre compte : si elle est connue, vous y recevrez un lien pour
        choisir un nouveau mot de passe, valable 30 minutes.
      </p>
      <AskForLinkForm endpoint="/api/v1/auth/password-reset" button="Recevoir un lien" />
    </Page>
  );
}

/** A vendor contact's sign-in link: asked for by address, then used once from the e-mail. */
export function SignInLinkPage() {
  const token = useFragmentToken();
  const { signInWithLink } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function openSession() {
    setFailure(undefined);
    setBusy(true);
    try {
      await signInWithLink(token ?? '');
      navigate('/', { replace: true });
    } catch (error) {
      setFailure(
        error instanceof ApiError && (error.status === 400 || error.status === 401)
          ? 'Ce lien de connexion n’est plus valable : il a déjà servi, il a expiré ou il est incomplet. Demandez-en un nouveau ci-dessous.'
          : error instanceof ApiError && error.status === 429
            ? 'Trop de tentatives. Patientez quelques minutes avant de réessayer.'
            : 'La connexion a échoué. Réessayez dans un instant.',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Connexion par lien">
      {token ? (
        <>
          <p>Ce lien, reçu par courriel, vous connecte à Vigie une seule fois.</p>
          {failure ? (
            <div className="notice notice-error" role="alert">
              {failure}
            </div>
          ) : null}
          <button type="button" className="button" disabled={busy} onClick={openSession}>
            Me connecter à Vigie
          </button>
          <h2>Demander un nouveau lien</h2>
        </>
      ) : (
        <p>
          Contact d’un fournisseur, vous pouvez vous connecter sans mot de passe : indiquez votre adresse
          électronique, vous y recevrez un lien de connexion valable 15 minutes.
        </p>
      )}
      <AskForLinkForm endpoint="/api/v1/auth/sign-in-link" button="Recevoir un lien de connexion" />
    </Page>
  );
}
