import { unscoped } from '@vigie/authz';
import { Injectable } from '@nestjs/common';
import { recordAudit, RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DataSource } from 'typeorm';
import { ActorLoader } from '../auth/actor.loader';
import { isValidSiret } from '../organisations/siren';
import { OidcIdentity } from './oidc-identity.entity';

/** The claims read from the ID token and the userinfo (ProConnect: `usual_name`, `given_name`, `siret`…). */
export interface OidcClaims {
  iss: string;
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  siret?: unknown;
  [claim: string]: unknown;
}

/** Why a single sign-on was refused: shown in French to the person, logged by its code. */
export type OidcRefusalReason =
  | 'no-pending-login'
  | 'provider-error'
  | 'provider-unavailable'
  | 'invalid-response'
  | 'unverified-email'
  | 'unknown-person'
  | 'identity-conflict'
  | 'disabled-user'
  | 'siret-mismatch';

export interface OidcRefusal {
  reason: OidcRefusalReason;
}

export type OidcMatch = { userId: string } | { refusal: OidcRefusal; userId?: string };

/** ProConnect's issuers (production, and the former AgentConnect's production and integration hosts). */
const PROCONNECT_DOMAINS = ['proconnect.gouv.fr', 'agentconnect.gouv.fr', 'dev-agentconnect.fr'];

/**
 * ProConnect's federation vouches for every address it sends (each of its identity providers verifies them)
 * and sends no `email_verified`; any other provider must say `email_verified: true`.
 */
function emailVerified(claims: OidcClaims): boolean {
  if (claims.email_verified === true) return true;
  if (claims.email_verified !== undefined) return false;
  try {
    const host = new URL(claims.iss).hostname;
    return PROCONNECT_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`));
  } catch {
    return false;
  }
}

/**
 * Finds the Vigie user of a person signed in at the provider: by the (issuer, subject) pair kept at an
 * earlier sign-in, else by their verified e-mail (case-insensitively), whose pair is then kept. Never creates
 * a user. Refuses an unverified e-mail, an unknown person, a disabled user, a pair already held by another
 * person, and a `siret` that differs from the SIRET of every organisation of the user that has one.
 */
@Injectable()
export class OidcAccounts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly actors: ActorLoader,
  ) {}

  async match(claims: OidcClaims, requestId: string | null): Promise<OidcMatch> {
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    if (!email || !emailVerified(claims)) return { refusal: { reason: 'unverified-email' } };
    const siret = typeof claims.siret === 'string' && isValidSiret(claims.siret) ? claims.siret : null;
    const directory = unscoped(
      this.dataSource,
      'matches a person signed in by the provider to a user and checks that user, before any context exists',
    );
    const linked: { user_id: string }[] = await directory.query(
      `SELECT user_id FROM user_oidc_identity WHERE issuer = $1 AND subject = $2`,
      [claims.iss, claims.sub],
    );
    let userId = linked[0]?.user_id;
    if (!userId) {
      const byEmail: { id: string }[] = await directory.query(`SELECT id FROM app_user WHERE email = $1`, [
        email,
      ]);
      userId = byEmail[0]?.id;
      if (!userId) return { refusal: { reason: 'unknown-person' } };
      const other: unknown[] = await directory.query(
        `SELECT 1 FROM user_oidc_identity WHERE user_id = $1 AND issuer = $2`,
        [userId, claims.iss],
      );
      // The user already signed in as another person of this provider: an address reassigned, or a mistake.
      if (other.length > 0) return { refusal: { reason: 'identity-conflict' }, userId };
    }
    const users: { disabled: boolean }[] = await directory.query(
      `SELECT disabled FROM app_user WHERE id = $1`,
      [userId],
    );
    if (!users[0] || users[0].disabled) return { refusal: { reason: 'disabled-user' }, userId };

    const sirets: { siret: string }[] = await directory.query(
      `SELECT DISTINCT o.siret FROM membership m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.user_id = $1 AND o.siret IS NOT NULL`,
      [userId],
    );
    if (sirets.length > 0 && !sirets.some((row) => row.siret === siret)) {
      return { refusal: { reason: 'siret-mismatch' }, userId };
    }

    const known = linked.length > 0;
    // The person acts for themselves: the link is audited under their own name.
    const ctx = new RequestContext(requestId ?? 'oidc', await this.actors.load(userId));
    await this.tx.run(async (manager) => {
      if (known) {
        await manager.update(
          OidcIdentity,
          { issuer: claims.iss, subject: claims.sub },
          { siret, lastSignInAt: () => 'now()' },
        );
        return;
      }
      const identity = await manager.save(
        manager.create(OidcIdentity, { userId, issuer: claims.iss, subject: claims.sub, siret }),
      );
      await recordAudit(manager, ctx, {
        action: 'user.sso-link',
        entity: 'user',
        entityId: userId,
        organisationId: null,
        changes: {
          singleSignOn: { before: null, after: { issuer: identity.issuer, siret: identity.siret } },
        },
      });
    });
    return { userId };
  }
}
