import { createHash } from 'node:crypto';
import type { OidcRefusalReason } from './oidc-accounts';

/** What the person reads, in French, and the HTTP status of each refusal. */
const REFUSALS: Record<OidcRefusalReason, { status: number; message: string }> = {
  'no-pending-login': {
    status: 400,
    message:
      'Cette connexion n’a pas pu être vérifiée : elle a expiré, elle a déjà servi, ou elle a été commencée dans un autre navigateur. Recommencez depuis la page de connexion.',
  },
  'provider-error': {
    status: 400,
    message:
      'Le fournisseur d’identité n’a pas terminé la connexion. Recommencez depuis la page de connexion.',
  },
  'provider-unavailable': {
    status: 502,
    message:
      'Le fournisseur d’identité ne répond pas. Réessayez dans quelques minutes ; si cela dure, prévenez l’administrateur de Vigie.',
  },
  'invalid-response': {
    status: 400,
    message:
      'La réponse du fournisseur d’identité n’a pas pu être vérifiée (jeton invalide, expiré ou déjà utilisé). Recommencez depuis la page de connexion.',
  },
  'unverified-email': {
    status: 403,
    message:
      'Votre fournisseur d’identité n’atteste pas votre adresse électronique : Vigie ne peut pas vous reconnaître. Faites vérifier votre adresse auprès de votre fournisseur d’identité.',
  },
  'unknown-person': {
    status: 403,
    message:
      'Aucun compte Vigie ne correspond à votre adresse électronique. Vigie ne crée pas de compte à la connexion : demandez à l’administrateur de Vigie de vous en ouvrir un.',
  },
  'identity-conflict': {
    status: 403,
    message:
      'Ce compte Vigie est déjà relié à une autre identité de ce fournisseur. Contactez l’administrateur de Vigie.',
  },
  'disabled-user': {
    status: 403,
    message: 'Votre compte Vigie est désactivé. Contactez l’administrateur de Vigie.',
  },
  'siret-mismatch': {
    status: 403,
    message:
      'L’établissement choisi à la connexion (SIRET) n’est pas celui de votre organisme dans Vigie. Reconnectez-vous en choisissant le bon établissement, ou contactez l’administrateur de Vigie.',
  },
};

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1e1e1e;background:#f6f6f6}
main{max-width:40rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #ddd}
h1{font-size:1.6rem;margin-top:0}.alert{border-left:4px solid #b3261e;padding:.5rem 1rem;background:#fdecea}
a{color:#0a4db3}a:focus{outline:3px solid #0a4db3;outline-offset:2px}`;

/** The page's policy: its one inline style (by hash), nothing else. */
export const REFUSAL_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export type RefusalReason = OidcRefusalReason;

export function refusalStatus(reason: RefusalReason): number {
  return REFUSALS[reason].status;
}

/** The French page of a refused single sign-on, with a way back to the sign-in page. */
export function renderRefusalPage(reason: RefusalReason): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Connexion refusée — Vigie</title>
<style>${STYLE}</style>
</head>
<body>
<main id="contenu">
<h1>Connexion refusée</h1>
<p class="alert" role="alert">${REFUSALS[reason].message}</p>
<p><a href="/connexion">Retour à la page de connexion</a></p>
</main>
</body>
</html>
`;
}
