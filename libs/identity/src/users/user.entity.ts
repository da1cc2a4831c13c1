import { VersionedEntity } from '@vigie/db';
import { Check, Column, Entity } from 'typeorm';

/** A person who signs in. The email is stored lower-cased, which makes it unique case-insensitively. */
@Entity('app_user')
@Check('CHK_app_user_email_lower', `"email" = lower("email")`)
export class User extends VersionedEntity {
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName: string;

  /** argon2id hash; never selected unless asked for, never serialised. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  /**
   * Carried by every token issued to the user; a password change, a disable or a removed membership raise it,
   * which ends every token issued before (they stay dead when the account is re-enabled).
   */
  @Column({ name: 'session_version', type: 'integer', default: 1 })
  sessionVersion: number;
}

/** What the API shows of a user. */
export interface UserView {
  id: string;
  email: string;
  displayName: string;
  disabled: boolean;
  version: number;
  createdAt: Date;
}

export function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    disabled: user.disabled,
    version: user.version,
    createdAt: user.createdAt,
  };
}
