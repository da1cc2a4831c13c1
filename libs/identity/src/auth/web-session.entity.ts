import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A signed-in browser. Only the SHA-256 of the cookie's secret is stored: a copy of the table opens no session.
 * Ends at sign-out, password change, account disabled, membership removed, or past its idle or absolute limit.
 */
@Entity('web_session')
@Index('idx_web_session_user', ['userId'])
export class WebSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_web_session_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'character', length: 64 })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_web_session_user' })
  user?: User;

  @Column({ name: 'created_at', type: 'timestamp with time zone', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamp with time zone', default: () => 'now()' })
  lastSeenAt: Date;

  /** The absolute limit: sign-in time plus `VIGIE_SESSION_MAX_HOURS`. */
  @Column({ name: 'expires_at', type: 'timestamp with time zone' })
  expiresAt: Date;

  /** A session opened by single sign-on: the provider's ID token, the `id_token_hint` of the logout. */
  @Column({ name: 'oidc_id_token', type: 'text', nullable: true, select: false })
  oidcIdToken: string | null;
}
