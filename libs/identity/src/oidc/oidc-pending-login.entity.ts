import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A sign-in sent to the OpenID Provider and not back yet: its `state`, `nonce` and PKCE verifier, kept on the
 * server and bound to the browser by a cookie (only the SHA-256 of its secret is stored). Used once: the
 * callback deletes it whatever the outcome; a few minutes at most.
 */
@Entity('oidc_pending_login')
export class OidcPendingLogin {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_oidc_pending_login_browser', { unique: true })
  @Column({ name: 'browser_hash', type: 'character', length: 64 })
  browserHash: string;

  @Column({ type: 'varchar', length: 128 })
  state: string;

  @Column({ type: 'varchar', length: 128 })
  nonce: string;

  @Column({ name: 'code_verifier', type: 'varchar', length: 128 })
  codeVerifier: string;

  @Column({ name: 'created_at', type: 'timestamp with time zone', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamp with time zone' })
  expiresAt: Date;
}
