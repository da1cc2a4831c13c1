import { Injectable } from '@nestjs/common';
import {
  assertCan,
  auditedRemoval,
  findVisibleOrFail,
  roleFitsKind,
  scoped,
  scopedQuery,
} from '@vigie/authz';
import {
  ConflictException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  ValidationException,
} from '@vigie/core';
import { findPage, Transactions, uniqueViolation } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import {
  CreateMembershipDto,
  isCalendarDay,
  MembershipView,
  parisToday,
  ROLES_WITH_END,
} from './membership.dto';
import { Membership } from './membership.entity';
import { ActorLoader } from '../auth/actor.loader';
import { endSessionsOf } from '../auth/web-sessions';

@Injectable()
export class MembershipsService {
  constructor(
    private readonly tx: Transactions,
    private readonly actors: ActorLoader,
  ) {}

  async create(
    ctx: RequestContext,
    organisationId: string,
    dto: CreateMembershipDto,
  ): Promise<MembershipView> {
    const created = await this.tx.run(async (manager) => {
      const organisation = await findVisibleOrFail(
        manager,
        ctx,
        'Organisation',
        Organisation,
        organisationId,
        {
          label: 'Organisation',
        },
      );
      assertCan(ctx, 'create', 'Membership', { organisationId });
      if (!roleFitsKind(dto.role, organisation.kind)) {
        throw ValidationException.field(
          'role',
          `le rôle « ${dto.role} » ne convient pas à une organisation de type ${organisation.kind}`,
        );
      }
      const user = await scoped(manager, ctx).findOneBy('User', User, { id: dto.userId });
      if (!user) throw ValidationException.field('userId', 'utilisateur inconnu');
      return this.insert(manager, ctx, { organisationId, user, role: dto.role, endsOn: endOf(dto) });
    });
    this.actors.invalidate(created.userId);
    return created;
  }

  /** Inserts a membership and its audit event, without permission checks (bootstrap, CLI, create). */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    data: {
      organisationId: string;
      user: Pick<User, 'id' | 'email' | 'displayName'>;
      role: string;
      endsOn?: string | null;
    },
  ): Promise<MembershipView> {
    const membership = manager.create(Membership, {
      organisationId: data.organisationId,
      userId: data.user.id,
      role: data.role,
      endsOn: data.endsOn ?? null,
    });
    try {
      await manager.insert(Membership, membership);
    } catch (error) {
      if (uniqueViolation(error))
        throw new ConflictException('Cet utilisateur a déjà ce rôle dans cette organisation', 'duplicate');
      throw error;
    }
    await recordAudit(manager, ctx, {
      action: 'membership.create',
      entity: 'membership',
      entityId: membership.id,
      organisationId: data.organisationId,
      before: null,
      after: {
        userId: data.user.id,
        role: data.role,
        ...(membership.endsOn ? { endsOn: membership.endsOn } : {}),
      },
    });
    return toView(membership, data.user);
  }

  async list(ctx: RequestContext, organisationId: string, query: PageQuery): Promise<Page<MembershipView>> {
    await findVisibleOrFail(this.tx.reader, ctx, 'Organisation', Organisation, organisationId, {
      label: 'Organisation',
    });
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Membership', Membership, 'm')
      .innerJoinAndSelect('m.user', 'u')
      .andWhere('m.organisationId = :organisationId', { organisationId })
      .orderBy('u.email', 'ASC')
      .addOrderBy('m.role', 'ASC')
      .addOrderBy('m.id', 'ASC');
    // The joined user is many-to-one: it does not multiply rows, so the window count stays right.
    const { items: memberships, total } = await findPage(qb, query);
    return toPage(
      memberships.map((m) => toView(m, m.user!)),
      total,
      query,
    );
  }

  async remove(ctx: RequestContext, organisationId: string, membershipId: string): Promise<void> {
    const removed = await this.tx.run(async (manager) => {
      return auditedRemoval(manager, ctx, {
        subject: 'Membership',
        entity: Membership,
        id: membershipId,
        label: 'Membership',
        action: 'delete',
        within: { organisationId },
        precondition: async (m, membership) => {
          if (membership.role === 'admin') await this.assertAnotherAdmin(m, ctx, membership);
        },
        followUp: async (m, membership) => {
          // The person's tokens and sessions carried that role: they end with it.
          await m.increment(User, { id: membership.userId }, 'sessionVersion', 1);
          // The person signs in again and sees the roles left to them.
          await endSessionsOf(m, membership.userId);
        },
        audit: {
          action: 'membership.delete',
          entity: 'membership',
          before: (membership) => ({
            userId: membership.userId,
            role: membership.role,
            ...(membership.endsOn ? { endsOn: membership.endsOn } : {}),
          }),
        },
      });
    });
    this.actors.invalidate(removed.userId);
  }

  /** The operator must keep at least one enabled administrator, or nobody could manage accounts again. */
  private async assertAnotherAdmin(
    manager: EntityManager,
    ctx: RequestContext,
    removed: Membership,
  ): Promise<void> {
    // Only an administrator removes an administrator's membership, and reads every membership.
    const others = await scoped(manager, ctx)
      .query('Membership', Membership, 'm')
      .innerJoin('m.user', 'u')
      .andWhere("m.role = 'admin' AND m.id <> :id AND u.disabled = false", { id: removed.id })
      .getCount();
    if (others === 0)
      throw new ConflictException('Le dernier administrateur ne peut pas être retiré', 'rule');
  }
}

/** The end date asked for, checked: an auditor's only, a real day, today or later (Paris time). */
function endOf(dto: CreateMembershipDto): string | null {
  if (dto.endsOn === undefined || dto.endsOn === null) return null;
  if (!(ROLES_WITH_END as readonly string[]).includes(dto.role))
    throw ValidationException.field('endsOn', 'seul l’accès d’un auditeur peut avoir une date de fin');
  if (!isCalendarDay(dto.endsOn))
    throw ValidationException.field('endsOn', 'n’est pas une date du calendrier');
  if (dto.endsOn < parisToday())
    throw ValidationException.field('endsOn', 'doit être aujourd’hui ou plus tard');
  return dto.endsOn;
}

function toView(membership: Membership, user: Pick<User, 'email' | 'displayName'>): MembershipView {
  const endsOn = membership.endsOn ?? null;
  return {
    id: membership.id,
    organisationId: membership.organisationId,
    userId: membership.userId,
    email: user.email,
    displayName: user.displayName,
    role: membership.role,
    endsOn,
    active: endsOn === null || endsOn >= parisToday(),
    createdAt: membership.createdAt,
  };
}
