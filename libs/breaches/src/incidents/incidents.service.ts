import { Injectable } from '@nestjs/common';
import { canInOrganisation, canSomewhere, findVisibleOrFail, scopedQuery } from '@vigie/authz';
import { Application, DeploymentsService } from '@vigie/catalog';
import { ForbiddenActionException, Page, PageQuery, recordAudit, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { invalid } from '../common/links';
import { Breach } from '../breaches/breach.entity';
import { BreachesService } from '../breaches/breaches.service';
import { CreateIncidentDto } from './incident.dto';
import { Incident } from './incident.entity';
import { IncidentView, MemberBreachStatus } from './incident-view';

/** The incident's facts, normalised. */
export interface IncidentFacts {
  title: string;
  description: string;
  awareAt: Date;
  occurredAt: Date | null;
  applicationIds: string[];
}

/**
 * Incidents the operator declares as processor, and their fan-out: every member deploying one of the
 * applications receives a breach `to-assess` (Art. 33.2), all in the incident's transaction.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly breaches: BreachesService,
    private readonly deployments: DeploymentsService,
  ) {}

  async create(ctx: RequestContext, dto: CreateIncidentDto): Promise<IncidentView> {
    if (!canSomewhere(ctx, 'create', 'Incident')) throw new ForbiddenActionException();
    const operator = ctx.actor?.memberships.find((m) => m.kind === 'operator');
    if (!operator) throw new ForbiddenActionException();
    const facts: IncidentFacts = {
      title: dto.title,
      description: dto.description,
      awareAt: new Date(dto.awareAt),
      occurredAt: dto.occurredAt ? new Date(dto.occurredAt) : null,
      applicationIds: [
        ...new Set([...(dto.applicationId ? [dto.applicationId] : []), ...(dto.applicationIds ?? [])]),
      ],
    };
    return this.tx.run(async (manager) => {
      const incident = await this.declare(manager, ctx, operator.organisationId, facts);
      return (await this.views(manager, ctx, [incident]))[0];
    });
  }

  /**
   * Inserts an incident and a breach for every member deploying one of its applications, with their audit
   * events (the caller's scope reads the applications and deployments: `RequestContext.system()` for demo data).
   */
  async declare(
    manager: EntityManager,
    ctx: RequestContext,
    operatorId: string,
    facts: IncidentFacts,
    options: { now?: Date } = {},
  ): Promise<Incident> {
    const known = await scopedQuery(manager, ctx, 'read', 'Application', Application, 'a')
      .select(['a.id'])
      .andWhere('a.id IN (:...ids)', { ids: facts.applicationIds })
      .getMany();
    const missing = facts.applicationIds.filter((id) => !known.some((a) => a.id === id));
    const errors =
      missing.length > 0
        ? [{ field: 'applicationIds', message: `applications inconnues : ${missing.join(', ')}` }]
        : [];
    if (facts.occurredAt && facts.occurredAt > facts.awareAt)
      errors.push({ field: 'occurredAt', message: 'ne doit pas suivre awareAt' });
    if (errors.length > 0) invalid(errors);

    const incident = manager.create(Incident, {
      ...facts,
      organisationId: operatorId,
      declaredBy: ctx.userId,
    });
    await manager.save(incident);
    await recordAudit(manager, ctx, {
      action: 'incident.create',
      entity: 'incident',
      entityId: incident.id,
      organisationId: operatorId,
      before: null,
      after: incident,
    });

    const members = await this.deployments.membersDeploying(manager, ctx, facts.applicationIds);
    // The member becomes aware when its processor tells it (EDPB Guidelines 9/2022): its 72 hours start now.
    const notifiedAt = options.now ?? new Date();
    for (const member of members) {
      await this.breaches.insert(
        manager,
        ctx,
        member.organisationId,
        {
          title: facts.title,
          description: facts.description,
          awareAt: notifiedAt,
          occurredAt: facts.occurredAt,
          natures: [],
          dataCategories: [],
          subjectCategories: [],
          approxSubjects: null,
          approxRecords: null,
          likelyConsequences: null,
          measuresTaken: null,
          measuresPlanned: null,
          processingActivityIds: [],
          applicationIds: member.applicationIds,
          riskAssessment: null,
          notes: null,
        },
        {
          incidentId: incident.id,
          processorAwareAt: incident.awareAt,
          processorNotifiedAt: notifiedAt,
        },
      );
    }
    return incident;
  }

  async list(ctx: RequestContext, query: PageQuery): Promise<Page<IncidentView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Incident', Incident, 'i')
      .orderBy('i.awareAt', 'DESC')
      .addOrderBy('i.id', 'ASC');
    const { items, total } = await findPage(qb, query);
    return toPage(await this.views(this.tx.reader, ctx, items), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<IncidentView> {
    const incident = await findVisibleOrFail(this.tx.reader, ctx, 'Incident', Incident, id, {
      label: 'Incident',
    });
    return (await this.views(this.tx.reader, ctx, [incident]))[0];
  }

  /**
   * The incidents with the applications the caller may see and, per member, the status of its breach: the
   * `BreachStatus` scope gives the operator every member and a member's roles only their own, in SQL, and only
   * the status columns are selected.
   */
  private async views(
    manager: EntityManager,
    ctx: RequestContext,
    incidents: Incident[],
  ): Promise<IncidentView[]> {
    if (incidents.length === 0) return [];
    const ids = incidents.map((i) => i.id);
    const applicationIds = [...new Set(incidents.flatMap((i) => i.applicationIds))];
    const applications = await scopedQuery(manager, ctx, 'read', 'Application', Application, 'a')
      .select(['a.id', 'a.name'])
      .andWhere('a.id IN (:...applicationIds)', { applicationIds })
      .getMany();
    const statuses = await scopedQuery(manager, ctx, 'read', 'BreachStatus', Breach, 'b')
      .innerJoin(Organisation, 'o', 'o.id = b.organisationId')
      .select('b.incidentId', 'incidentId')
      .addSelect('b.id', 'breachId')
      .addSelect('b.organisationId', 'organisationId')
      .addSelect('o.name', 'organisationName')
      .addSelect('b.status', 'breachStatus')
      .addSelect('b.processorNotifiedAt', 'processorNotifiedAt')
      .addSelect('b.assessedAt', 'assessedAt')
      .addSelect('b.cnilNotifiedAt', 'cnilNotifiedAt')
      .addSelect('b.closedAt', 'closedAt')
      .andWhere('b.incidentId IN (:...ids)', { ids })
      .orderBy('o.name', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .getRawMany<MemberBreachStatus & { incidentId: string; breachId: string }>();
    return incidents.map((incident) => {
      const visible = applications.filter((a) => incident.applicationIds.includes(a.id));
      return {
        ...incident,
        applicationIds: visible.map((a) => a.id),
        applications: visible.map((a) => ({ id: a.id, name: a.name })),
        members: statuses
          .filter((s) => s.incidentId === incident.id)
          .map(({ incidentId: _incidentId, breachId, ...status }) => ({
            ...status,
            processorNotifiedAt: toDateOrNull(status.processorNotifiedAt),
            assessedAt: toDateOrNull(status.assessedAt),
            cnilNotifiedAt: toDateOrNull(status.cnilNotifiedAt),
            closedAt: toDateOrNull(status.closedAt),
            ...(canInOrganisation(ctx, 'read', 'Breach', status.organisationId) ? { breachId } : {}),
          })),
      };
    });
  }
}

function toDateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
