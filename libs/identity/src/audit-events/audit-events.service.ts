import { Injectable } from '@nestjs/common';
import { assertCan, findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import { AuditEvent, Page, PageQuery, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { In } from 'typeorm';
import { Organisation } from '../organisations/organisation.entity';
import { User } from '../users/user.entity';
import { AuditRecordNames } from './audit-record-names';
import { idsOf, RecordNames, renderAuditTrailPdf } from './audit-trail.pdf';

/**
 * How each kind of record is named in the audit trail, read in SQL: `$1` the ids, `$2` the organisation whose
 * trail it is (records of another member are never named). Catalog records (applications, frameworks,
 * templates) are shared by every member and named whatever the organisation. The libs identity cannot import
 * name their own records through {@link AuditRecordNames} (e.g. the catalog its deployments).
 */
const RECORD_NAMES_SQL = [
  `SELECT id, name FROM processing_activity WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, title AS name FROM breach WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, title AS name FROM incident WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, 'Demande de ' || requester_name AS name FROM rights_request WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, title AS name FROM generated_document WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, 'Contrat ' || reference AS name FROM contract WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT q.id, t.name AS name FROM questionnaire q JOIN questionnaire_template t ON t.id = q.template_id
     WHERE q.id = ANY($1) AND q.organisation_id = $2`,
  `SELECT id, name FROM access_review WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, 'Compte ' || username AS name FROM access_review_item WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT r.id, 'Remédiation du compte ' || i.username AS name FROM remediation_task r
     JOIN access_review_item i ON i.id = r.item_id WHERE r.id = ANY($1) AND r.organisation_id = $2`,
  `SELECT id, name FROM assessment WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT ra.id, fr.ref || ' ' || fr.title AS name FROM requirement_assessment ra
     JOIN framework_requirement fr ON fr.id = ra.requirement_id WHERE ra.id = ANY($1) AND ra.organisation_id = $2`,
  `SELECT id, file_name AS name FROM evidence WHERE id = ANY($1) AND organisation_id = $2`,
  `SELECT id, name FROM application WHERE id = ANY($1)`,
  `SELECT id, name FROM framework WHERE id = ANY($1)`,
  `SELECT id, name FROM register_template WHERE id = ANY($1)`,
  `SELECT id, name FROM questionnaire_template WHERE id = ANY($1)`,
];

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
    private readonly recordNameSources: AuditRecordNames,
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

  /**
   * The names of the records, users and organisations the events mention, read in SQL: organisations through
   * the caller's scope, the member's own records only within that organisation (see {@link RECORD_NAMES_SQL}).
   */
  private async recordNames(
    ctx: RequestContext,
    organisationId: string,
    events: AuditEventView[],
  ): Promise<RecordNames> {
    const ids = [...new Set(events.flatMap(idsOf))];
    const names: RecordNames = new Map();
    if (ids.length === 0) return names;
    const reader = this.tx.reader;
    const organisations = await scopedQuery(reader, ctx, 'read', 'Organisation', Organisation, 'o')
      .andWhere('o.id IN (:...ids)', { ids })
      .getMany();
    for (const o of organisations) names.set(o.id, o.name);
    // Names only (never the records), of the ids audit events the caller reads name.
    const named = unscoped(
      reader,
      'display names of the users and records named by audit events the caller reads',
    );
    for (const u of await named.findBy(User, { id: In(ids) })) names.set(u.id, u.displayName);
    const memberships: { id: string; name: string; role: string }[] = await named.query(
      `SELECT m.id, u.display_name AS name, m.role FROM membership m JOIN app_user u ON u.id = m.user_id
        WHERE m.id = ANY($1) AND m.organisation_id = $2`,
      [ids, organisationId],
    );
    for (const m of memberships) names.set(m.id, `${m.name} — ${roleFr(m.role)}`);
    for (const sql of [...RECORD_NAMES_SQL, ...this.recordNameSources.all()]) {
      const rows: { id: string; name: string }[] = await named.query(
        sql,
        sql.includes('$2') ? [ids, organisationId] : [ids],
      );
      for (const row of rows) if (!names.has(row.id)) names.set(row.id, row.name);
    }
    return names;
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
    const names = await this.recordNames(ctx, organisationId, events);
    const bytes = await renderAuditTrailPdf(organisation.name, events, names, new Date());
    return this.documents.store(ctx, {
      organisationId,
      kind: 'audit-trail',
      title: `Journal d'audit — ${organisation.name}`,
      fileName: `journal-audit-${slug(organisation.shortName)}.pdf`,
      bytes,
    });
  }
}

function roleFr(role: string): string {
  return ROLE_FR[role] ?? role;
}

const ROLE_FR: Record<string, string> = {
  admin: 'administrateur de l’opérateur',
  'security-officer': 'RSSI de l’opérateur',
  auditor: 'auditeur de certification',
  dpo: 'délégué à la protection des données',
  editor: 'rédacteur',
  reader: 'lecteur',
  'vendor-contact': 'contact fournisseur',
};

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
