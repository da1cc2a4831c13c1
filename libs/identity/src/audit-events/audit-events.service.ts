import { Injectable } from '@nestjs/common';
import { assertCan, findVisibleOrFail, scopedQuery } from '@vigie/authz';
import { AuditEvent, Page, PageQuery, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { In } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import { renderAuditTrailPdf } from './audit-trail.pdf';

/** Most events one audit-trail PDF shows (the newest ones); beyond, the API list is the way. */
export const AUDIT_PDF_MAX_EVENTS = 5000;

export interface AuditEventFilter {
  organisationId?: string;
  entityId?: string;
}

export interface AuditEventView {
  id: string;
  at: Date;
  actorId: string | null;
  organisationId: string | null;
  action: string;
  entity: string;
  entityId: string;
  changes: AuditEvent['changes'];
  requestId: string;
}

/** Reads the audit trail, newest first, restricted in SQL to the organisations the caller may audit. */
@Injectable()
export class AuditEventsService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
  ) {}

  async list(ctx: RequestContext, filter: AuditEventFilter, query: PageQuery): Promise<Page<AuditEventView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'AuditEvent', AuditEvent, 'e').orderBy(
      'e.seq',
      'DESC',
    );
    if (filter.organisationId)
      qb.andWhere('e.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.entityId) qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    const { items: events, total } = await findPage(qb, query);
    return toPage(events.map(toView), total, query);
  }

  /** The organisation's audit trail as a PDF record (newest {@link AUDIT_PDF_MAX_EVENTS} events, oldest first). */
  async trailPdf(ctx: RequestContext, organisationId: string): Promise<StoredFile> {
    const organisation = await findVisibleOrFail(
      this.tx.reader,
      ctx,
      'Organisation',
      Organisation,
      organisationId,
      {
        label: 'Organisation',
      },
    );
    assertCan(ctx, 'read', 'AuditEvent', { organisationId });
    const events = (
      await scopedQuery(this.tx.reader, ctx, 'read', 'AuditEvent', AuditEvent, 'e')
        .andWhere('e.organisationId = :organisationId', { organisationId })
        .orderBy('e.seq', 'DESC')
        .take(AUDIT_PDF_MAX_EVENTS)
        .getMany()
    )
      .reverse()
      .map(toView);
    const actorIds = [...new Set(events.map((e) => e.actorId).filter((id): id is string => id !== null))];
    const users = actorIds.length ? await this.tx.reader.findBy(User, { id: In(actorIds) }) : [];
    const actors = new Map(users.map((u) => [u.id, u.displayName]));
    const bytes = await renderAuditTrailPdf(organisation.name, events, actors, new Date());
    return this.documents.store(ctx, {
      organisationId,
      kind: 'audit-trail',
      title: `Journal d'audit — ${organisation.name}`,
      fileName: `journal-audit-${slug(organisation.shortName)}.pdf`,
      bytes,
    });
  }
}

function toView({
  id,
  at,
  actorId,
  organisationId,
  action,
  entity,
  entityId,
  changes,
  requestId,
}: AuditEvent): AuditEventView {
  return { id, at, actorId, organisationId, action, entity, entityId, changes, requestId };
}
