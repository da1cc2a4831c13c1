import { useQuery } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { useSession } from '../session';
import { ErrorSummary, TextField } from '../ui/fields';
import { Page } from '../ui/page';

/** Where to go after sign-in: a path of this application only. */
function safeReturn(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInPage() {
  const { me, signIn, endedReason } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<{ id: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  // Single sign-on (ProConnect or another OpenID Provider), when the server is configured for it.
  const sso = useQuery({
    queryKey: ['oidc-config'],
    queryFn: () => unwrap(api.GET('/api/v1/auth/oidc/config')),
    staleTime: Infinity,
  });

  if (me) return <Navigate to={safeReturn(params.get('retour'))} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(undefined);
    const missing = [
      ...(email.trim() ? [] : [{ id: 'email', message: 'Indiquez votre adresse électronique.' }]),
      ...(password ? [] : [{ id: 'password', message: 'Indiquez votre mot de passe.' }]),
    ];
    setFieldErrors(missing);
    if (missing.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await signIn(email, password);
      navigate(safeReturn(params.get('retour')), { replace: true });
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.status === 429
          ? 'Trop de tentatives de connexion. Patientez une minute avant de réessayer.'
          : error instanceof ApiError && error.status === 401
            ? 'Adresse électronique ou mot de passe incorrect.'
            : error instanceof ApiError && error.status === 403
              ? error.message
              : 'La connexion a échoué. Réessayez dans un instant.',
      );
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (id: string) => fieldErrors.find((e) => e.id === id)?.message;
  return (
    <Page title="Connexion" heading="Connexion à Vigie">
      {endedReason ? (
        <p className="notice notice-info" role="status">
          {endedReason}
        </p>
      ) : null}
      {failure ? (
        <div className="notice notice-error" role="alert">
          {failure}
        </div>
      ) : null}
      <ErrorSummary errors={fieldErrors} summaryRef={summary} />
      {sso.data?.enabled && sso.data.loginUrl ? (
        <div className="form sign-in sign-in-sso">
          {/* A navigation, not a form: the page's form-action policy would stop the redirect to the provider. */}
          <button type="button" className="button" onClick={() => window.location.assign(sso.data.loginUrl!)}>
            Se connecter avec {sso.data.label}
          </button>
          <p className="hint">Ou, si votre organisme le permet, avec votre adresse et votre mot de passe :</p>
        </div>
      ) : null}
      <form onSubmit={submit} noValidate className="form sign-in">
        <TextField
          id="email"
          label="Adresse électronique"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          error={errorOf('email')}
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          id="password"
          label="Mot de passe"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          error={errorOf('password')}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          Se connecter
        </button>
      </form>
      <ul className="sign-in-help">
        <li>
          <Link to="/mot-de-passe/oublie">Mot de passe oublié ?</Link>
        </li>
        <li>
          <Link to="/connexion/lien">Contact d’un fournisseur : recevoir un lien de connexion</Link>
        </li>
      </ul>
    </Page>
  );
}
