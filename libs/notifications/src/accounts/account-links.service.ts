import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  abilityFor,
  ANY_ORGANISATION,
  assertCan,
  auditedByHand,
  canSomewhere,
  findVisibleOrFail,
  scoped,
  tenantScope,
  unscoped,
} from '@vigie/authz';
import { subject } from '@casl/ability';
import {
  APP_CONFIG,
  AppConfig,
  ConflictException,
  ForbiddenActionException,
  NotFoundException,
  recordAudit,
  RequestContext,
  TooManyRequestsException,
  UnauthenticatedException,
  ValidationException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import {
  MembershipsService,
  Organisation,
  PasswordHasher,
  TokenService,
  User,
  UsersService,
  UserView,
} from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { accountMail } from '../delivery/mail-templates';
import { MAILER } from '../delivery/mailer.provider';
import type { Mailer, MailMessage } from '../delivery/mailer';
import { absoluteLink, WEB_PATHS } from '../notices/web-paths';
import type { AccountTokenPurpose } from './account-token.entity';
import { consumeAccountToken, issueAccountToken, TOKEN_VALIDITY } from './account-tokens';

/** The context of a user acting through a link (for the audit trail: the actor is that user). */
/**
 * The escape hatch of the links used or requested without a caller (a token, an e-mail address): the account
 * they name is looked up before any context exists.
 */
function accountsBeforeAnyCaller(manager: EntityManager): EntityManager {
  return unscoped(
    manager,
    'the account a link or an e-mail names, used or requested before any caller exists',
  );
}

function actingAs(user: User, requestId: string): RequestContext {
  return new RequestContext(requestId, {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    memberships: [],
  });
}

/** Stored as the password hash of an invited user until they choose one: no password verifies against it. */
export const NO_PASSWORD_YET = '!invited';

/** The same answer to every request for a link, whether the address is known or not. */
export const LINK_REQUESTED = {
  message:
    'Si cette adresse correspond à un compte, un message vient d’y être envoyé avec un lien valable peu de temps.',
};

/** At most this many links of one kind are e-mailed to one address per window (per instance). */
const LINKS_PER_ADDRESS = 3;
const LINK_WINDOW_MS = 15 * 60_000;

export interface SignInResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; displayName: string };
}

/**
 * Issues the bearer token of a user who proved who they are (the same answer as `POST /auth/login`): the one
 * place a link sign-in becomes a session, for cookie sessions to reuse.
 */
export function issueSignIn(
  tokens: TokenService,
  user: Pick<User, 'id' | 'email' | 'displayName' | 'sessionVersion'>,
): SignInResult {
  return {
    accessToken: tokens.sign(user.id, user.sessionVersion),
    tokenType: 'Bearer',
    expiresIn: tokens.ttlSeconds,
    user: { id: user.id, email: user.email, displayName: user.displayName },
  };
}

/**
 * Accounts by e-mail: invitations (a link to choose one's password, 7 days), « Mot de passe oublié » (30
 * minutes) and, for vendor contacts, a sign-in link (15 minutes). Links are single-use and only their hash is
 * stored. Their e-mails are sent at once rather than through the outbox, so that a usable link never rests in
 * the database; without SMTP an invitation says it could not be sent, and the administrator sends it again later.
 */
@Injectable()
export class AccountLinksService {
  private readonly logger = new Logger('AccountLinks');
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly tx: Transactions,
    private readonly users: UsersService,
    private readonly memberships: MembershipsService,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MAILER) private readonly mailer: Mailer | null,
  ) {}

  /** Creates an account without a password and e-mails its invitation (administrator). */
  async invite(
    ctx: RequestContext,
    dto: { email: string; displayName: string },
  ): Promise<UserView & { invitation: { expiresAt: Date; emailSent: boolean } }> {
    if (!canSomewhere(ctx, 'create', 'User')) throw new ForbiddenActionException();
    const { user, token, expiresAt } = await this.tx.run(async (manager) => {
      const created = await this.users.insert(manager, ctx, { ...dto, passwordHash: NO_PASSWORD_YET });
      const issued = await issueAccountToken(manager, created.id, 'invitation');
      await this.auditLink(manager, ctx, created.id, 'invitation', issued.expiresAt);
      return { user: created, ...issued };
    });
    const emailSent = await this.send(this.invitationMail(user.email, token));
    return { ...user, invitation: { expiresAt, emailSent } };
  }

  /**
   * Invites a new contact of a vendor (the security officer, who runs the vendor relationship; the
   * administrator too): an account without a password, its `vendor-contact` membership in the vendor
   * organisation, and the invitation e-mail. Only a new address: an existing account may hold other roles,
   * and giving it a vendor's role stays the administrator's (memberships), so it answers 409.
   */
  async inviteVendorContact(
    ctx: RequestContext,
    vendorId: string,
    dto: { email: string; displayName: string },
  ): Promise<VendorContactInvitation> {
    const record = { organisationId: vendorId, role: 'vendor-contact' };
    if (!mayOnContacts(ctx, 'read', record)) throw new NotFoundException('Vendor');
    const { view, vendorName, token, expiresAt } = await this.tx.run(async (manager) => {
      const vendor = await scoped(manager, ctx).findOneBy('Organisation', Organisation, {
        id: vendorId,
        kind: 'vendor',
      });
      if (!vendor) throw new NotFoundException('Vendor');
      assertCan(ctx, 'create', 'VendorContact', record);
      const existing = await unscoped(
        manager,
        'whether the invited address is already an account’s: the unique address across every account, which the security officer inviting reads none of',
      )
        .createQueryBuilder(User, 'u')
        .select('u.id')
        .where('u.email = :email', { email: dto.email.trim().toLowerCase() })
        .getOne();
      if (existing)
        throw new ConflictException(
          'Cette adresse est déjà celle d’un compte Vigie : l’administrateur lui donne le rôle de contact du fournisseur',
          'duplicate',
        );
      const created = await this.users.insert(manager, ctx, { ...dto, passwordHash: NO_PASSWORD_YET });
      const membership = await this.memberships.insert(manager, ctx, {
        organisationId: vendorId,
        user: created,
        role: 'vendor-contact',
      });
      const issued = await issueAccountToken(manager, created.id, 'invitation');
      await this.auditLink(manager, ctx, created.id, 'invitation', issued.expiresAt);
      return {
        view: {
          membershipId: membership.id,
          userId: created.id,
          email: created.email,
          displayName: created.displayName,
          disabled: false,
          since: membership.createdAt,
        },
        vendorName: vendor.name,
        ...issued,
      };
    });
    const emailSent = await this.send(this.vendorInvitationMail(view.email, vendorName, token));
    return { ...view, invitation: { expiresAt, emailSent } };
  }

  /** A new invitation link for a user who has not chosen a password yet (the earlier link stops working). */
  async reinvite(ctx: RequestContext, userId: string): Promise<{ expiresAt: Date; emailSent: boolean }> {
    const { email, token, expiresAt } = await this.tx.run(async (manager) => {
      const visible = await findVisibleOrFail(manager, ctx, 'User', User, userId, {
        lock: true,
        label: 'User',
      });
      assertCan(ctx, 'update', 'User', visible);
      const user = await scoped(manager, ctx)
        .query('User', User, 'u', 'update')
        .addSelect('u.passwordHash')
        .andWhere('u.id = :userId', { userId })
        .getOneOrFail();
      if (user.passwordHash !== NO_PASSWORD_YET)
        throw new ValidationException('Cet utilisateur a déjà choisi son mot de passe', [
          { field: 'id', message: 'l’invitation a déjà été acceptée' },
        ]);
      const issued = await issueAccountToken(manager, user.id, 'invitation');
      await this.auditLink(manager, ctx, user.id, 'invitation', issued.expiresAt);
      return { email: user.email, ...issued };
    });
    return { expiresAt, emailSent: await this.send(this.invitationMail(email, token)) };
  }

  /** The invited user chooses their password; the link works once. */
  async acceptInvitation(token: string, newPassword: string): Promise<void> {
    await this.setPasswordWithToken(token, newPassword, 'invitation', 'user.invitation-accept');
  }

  /**
   * « Mot de passe oublié »: e-mails a 30-minute link to an active account (an invited user who lost the
   * invitation may use it too: both prove the address); the same answer for any address.
   */
  async requestPasswordReset(email: string): Promise<typeof LINK_REQUESTED> {
    this.limit('password-reset', email);
    const user = await this.activeUser(email);
    // The link is made and sent after the answer: a known address answers as fast as an unknown one.
    if (user)
      this.later(
        this.emailLink(user, 'password-reset', WEB_PATHS.resetPassword, {
          subject: 'Réinitialisation de votre mot de passe',
          intro: 'Vous avez demandé à choisir un nouveau mot de passe pour votre compte Vigie.',
          action: 'Choisir un nouveau mot de passe',
        }),
      );
    return LINK_REQUESTED;
  }

  async confirmPasswordReset(token: string, newPassword: string): Promise<void> {
    await this.setPasswordWithToken(token, newPassword, 'password-reset', 'user.password-reset');
  }

  /** A vendor contact asks for a 15-minute sign-in link instead of a password; the same answer for any address. */
  async requestSignInLink(email: string): Promise<typeof LINK_REQUESTED> {
    this.limit('sign-in-link', email);
    const user = await this.activeUser(email);
    if (user)
      this.later(
        (async () => {
          if (!(await this.isVendorContact(user.id))) return;
          await this.emailLink(user, 'sign-in-link', WEB_PATHS.signInLink, {
            subject: 'Votre lien de connexion',
            intro: 'Vous avez demandé à vous connecter à Vigie sans mot de passe.',
            action: 'Se connecter à Vigie',
          });
        })(),
      );
    return LINK_REQUESTED;
  }

  /** Issues a link for a user (audited) and e-mails it. */
  private async emailLink(
    user: User,
    purpose: 'password-reset' | 'sign-in-link',
    path: (token: string) => string,
    text: { subject: string; intro: string; action: string },
  ): Promise<void> {
    const { token } = await this.tx.run(async (manager) => {
      const issued = await issueAccountToken(manager, user.id, purpose);
      await this.auditLink(manager, RequestContext.system(purpose), user.id, purpose, issued.expiresAt);
      return issued;
    });
    await this.send(
      accountMail(
        user.email,
        text.subject,
        text.intro,
        text.action,
        absoluteLink(this.config.publicUrl, path(token)),
        TOKEN_VALIDITY[purpose].label,
      ),
    );
  }

  /** Work finished after the answer; a failure is logged (without the link), never thrown at the caller. */
  private later(work: Promise<void>): void {
    work.catch((error: unknown) =>
      this.logger.warn(`account link not sent: ${(error as Error)?.message ?? error}`),
    );
  }

  /** Uses a sign-in link once and answers the user it signs in (401 for a used, expired or unknown link). */
  async consumeSignInLink(token: string): Promise<User> {
    return this.tx.run(async (manager) => {
      const userId = await consumeAccountToken(manager, token, 'sign-in-link');
      const user = userId
        ? await accountsBeforeAnyCaller(manager).findOne(User, {
            where: { id: userId },
          })
        : null;
      if (!user || user.disabled) throw new UnauthenticatedException('Invalid or expired sign-in link');
      await recordAudit(manager, actingAs(user, 'sign-in-link'), {
        action: 'user.sign-in-link',
        entity: 'user',
        entityId: user.id,
        organisationId: null,
        changes: { signedIn: { before: null, after: 'sign-in link' } },
      });
      return user;
    });
  }

  async signInWithLink(token: string): Promise<SignInResult> {
    return issueSignIn(this.tokens, await this.consumeSignInLink(token));
  }

  private async setPasswordWithToken(
    token: string,
    newPassword: string,
    purpose: AccountTokenPurpose,
    action: string,
  ): Promise<void> {
    const passwordHash = await PasswordHasher.hash(newPassword);
    await this.tx.run(async (manager) => {
      const userId = await consumeAccountToken(manager, token, purpose);
      const user = userId
        ? await accountsBeforeAnyCaller(manager).findOne(User, { where: { id: userId } })
        : null;
      if (!user || user.disabled)
        throw new ValidationException('Ce lien n’est plus valable', [
          { field: 'token', message: 'lien inconnu, déjà utilisé ou expiré : demandez-en un nouveau' },
        ]);
      // A new password ends every token and session issued before it.
      await manager.update(
        User,
        { id: user.id },
        { passwordHash, version: user.version + 1, sessionVersion: user.sessionVersion + 1 },
      );
      await recordAudit(
        manager,
        actingAs(user, purpose),
        auditedByHand('a user reached through an e-mailed token, before any caller exists to scope a read', {
          action,
          entity: 'user',
          entityId: user.id,
          organisationId: null,
          changes: { password: { before: '(hidden)', after: '(changed)' } },
        }),
      );
    });
  }

  private invitationMail(email: string, token: string): MailMessage {
    return accountMail(
      email,
      'Invitation à rejoindre Vigie',
      'Un compte Vigie vient d’être créé pour vous par l’administrateur du SIIM94.',
      'Choisir mon mot de passe',
      absoluteLink(this.config.publicUrl, WEB_PATHS.acceptInvitation(token)),
      TOKEN_VALIDITY.invitation.label,
    );
  }

  private vendorInvitationMail(email: string, vendorName: string, token: string): MailMessage {
    return accountMail(
      email,
      'Invitation à répondre aux questionnaires de sécurité du SIIM94',
      `Le responsable de la sécurité du SIIM94 vous a désigné comme contact de ${vendorName} : un compte Vigie ` +
        'vient d’être créé pour vous, pour répondre aux questionnaires de sécurité adressés à votre société.',
      'Choisir mon mot de passe',
      absoluteLink(this.config.publicUrl, WEB_PATHS.acceptInvitation(token)),
      TOKEN_VALIDITY.invitation.label,
    );
  }

  private async auditLink(
    manager: EntityManager,
    ctx: RequestContext,
    userId: string,
    purpose: AccountTokenPurpose,
    expiresAt: Date,
  ): Promise<void> {
    await recordAudit(manager, ctx, {
      action: `user.${purpose}-link`,
      entity: 'user',
      entityId: userId,
      organisationId: null,
      changes: { link: { before: null, after: `valid until ${expiresAt.toISOString()}` } },
    });
  }

  private async activeUser(email: string): Promise<User | null> {
    const user = await accountsBeforeAnyCaller(this.tx.reader)
      .createQueryBuilder(User, 'u')
      .where('u.email = :email', { email: email.trim().toLowerCase() })
      .getOne();
    return user && !user.disabled ? user : null;
  }

  private async isVendorContact(userId: string): Promise<boolean> {
    const rows: unknown[] = await accountsBeforeAnyCaller(this.tx.reader).query(
      `SELECT 1 FROM "membership" WHERE "user_id" = $1 AND "role" = 'vendor-contact' LIMIT 1`,
      [userId],
    );
    return rows.length > 0;
  }

  /** Refuses more than a few links of one kind to one address in a window, known address or not. */
  private limit(purpose: AccountTokenPurpose, email: string): void {
    const key = `${purpose}:${email.trim().toLowerCase()}`;
    const now = Date.now();
    const times = (this.recent.get(key) ?? []).filter((t) => now - t < LINK_WINDOW_MS);
    if (times.length >= LINKS_PER_ADDRESS) throw new TooManyRequestsException();
    times.push(now);
    if (this.recent.size > 10_000) this.recent.clear();
    this.recent.set(key, times);
  }

  /** Sends an account e-mail now; answers whether the SMTP server accepted it (never its link in a log). */
  private async send(message: MailMessage): Promise<boolean> {
    if (!this.mailer) return false;
    try {
      await this.mailer.send(message);
      return true;
    } catch (error) {
      this.logger.warn(`account e-mail not sent: ${(error as Error)?.message ?? error}`);
      return false;
    }
  }
}

/** A vendor contact just invited (as `GET /vendors/:id/contacts` lists them) and its invitation. */
export interface VendorContactInvitation {
  membershipId: string;
  userId: string;
  email: string;
  displayName: string;
  disabled: boolean;
  since: Date;
  invitation: { expiresAt: Date; emailSent: boolean };
}

/** Both filters of the role table (tenant scope, CASL rules) on a vendor-contact membership of a vendor. */
function mayOnContacts(
  ctx: RequestContext,
  action: 'read' | 'create',
  record: { organisationId: string; role: string },
): boolean {
  const scope = tenantScope(ctx, action, 'VendorContact');
  if (scope !== ANY_ORGANISATION && !scope.includes(record.organisationId)) return false;
  return abilityFor(ctx).can(action, subject('VendorContact', { ...record }));
}
