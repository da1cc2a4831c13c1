import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * The (issuer, subject) pair of a person at an OpenID Provider, kept at their first single sign-on (found then
 * by their verified e-mail) so that the next sign-ins find them by it. One per user and provider.
 */
@Entity('user_oidc_identity')
@Index('uq_user_oidc_identity_subject', ['issuer', 'subject'], { unique: true })
@Index('uq_user_oidc_identity_user', ['userId', 'issuer'], { unique: true })
export class OidcIdentity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_oidc_identity_user' })
  user?: User;

  @Column({ type: 'varchar', length: 500 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  /** ProConnect's `siret` at the last sign-in (the establishment the person signed in for). */
  @Column({ type: 'character', length: 14, nullable: true })
  siret: string | null;

  @Column({ name: 'created_at', type: 'timestamp with time zone', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_sign_in_at', type: 'timestamp with time zone', default: () => 'now()' })
  lastSignInAt: Date;
}
