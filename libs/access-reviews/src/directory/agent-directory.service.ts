import { Inject, Injectable } from '@nestjs/common';
import { auditedByHand, canInOrganisation, scoped, unscoped } from '@vigie/authz';
import {
  APP_CONFIG,
  AppConfig,
  ForbiddenActionException,
  NotFoundException,
  Page,
  PageQuery,
  pageOffset,
  PayloadTooLargeException,
  recordAudit,
  RequestContext,
  toPage,
  UnsupportedMediaTypeException,
} from '@vigie/core';
import { Transactions } from '@vigie/db';
import { Organisation } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { AccessReview } from '../campaigns/access-review.entity';
import { AgentLine, readAgentDirectory } from './agent-csv';
import { AgentDirectoryEntry, AgentStatus } from './agent.entity';
import { refreshOrphans } from './orphans';

export interface AgentView {
  line: number;
  email: string;
  displayName: string | null;
  status: AgentStatus;
}

export interface AgentDirectoryView extends Page<AgentView> {
  organisationId: string;
  /** When the current directory was imported; null when none was. */
  importedAt: Date | null;
  importedBy: string | null;
  counts: Record<AgentStatus, number> & { agents: number };
}

export interface AgentDirectoryImport {
  imported: number;
  counts: Record<AgentStatus, number>;
  importedAt: Date;
  /** Draft campaigns of the member whose orphan flags were computed again. */
  campaignsRefreshed: number;
}

const CSV_TYPES = ['text/csv', 'application/csv'];

/**
 * A member's directory of agents: imported whole from a CSV (the human-resources export), all or nothing, it
 * replaces the previous one and tells which accounts under review are orphans. The member's DPO and the
 * security officer import and read it.
 */
@Injectable()
export class AgentDirectoryService {
  constructor(
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async import(
    ctx: RequestContext,
    organisationId: string,
    contentType: string | undefined,
    body: AsyncIterable<Buffer | string>,
  ): Promise<AgentDirectoryImport> {
    this.assertAccess(ctx, organisationId, 'create');
    assertCsv(contentType);
    const agents = readAgentDirectory(await readBody(body, this.config.uploadLimitBytes));
    return this.tx.run(async (manager) => {
      await this.memberOrFail(manager, ctx, organisationId, true);
      const db = scoped(manager, ctx);
      const previous = await this.summary(manager, ctx, organisationId);
      await manager.delete(AgentDirectoryEntry, { organisationId });
      const importedAt = new Date();
      await insertAgents(
        unscoped(manager, 'a write: the entries of a member’s directory the caller may create'),
        organisationId,
        agents,
        importedAt,
        ctx.userId,
      );
      // Locked: an import of accounts and the orphan flags computed here never interleave.
      const drafts = await db
        .query('AccessReview', AccessReview, 'r')
        .andWhere(`r.organisationId = :organisationId AND r.status = 'draft'`, { organisationId })
        .orderBy('r.id')
        .setLock('pessimistic_write')
        .getMany();
      for (const draft of drafts) await refreshOrphans(manager, { id: draft.id, organisationId });
      const counts = countByStatus(agents);
      await recordAudit(
        manager,
        ctx,
        auditedByHand('a member’s whole directory replaced by an import: many rows, no one row nor version', {
          action: 'agent-directory.import',
          entity: 'agent-directory',
          entityId: organisationId,
          organisationId,
          changes: {
            agents: { before: previous.agents, after: agents.length },
            importedAt: { before: previous.at, after: importedAt },
            ...Object.fromEntries(
              Object.entries(counts).map(([status, n]) => [status, { before: null, after: n }]),
            ),
          },
        }),
      );
      return { imported: agents.length, counts, importedAt, campaignsRefreshed: drafts.length };
    });
  }

  async get(ctx: RequestContext, organisationId: string, page: PageQuery): Promise<AgentDirectoryView> {
    this.assertAccess(ctx, organisationId, 'read');
    const manager = this.tx.reader;
    await this.memberOrFail(manager, ctx, organisationId);
    const summary = await this.summary(manager, ctx, organisationId);
    const rows = await scoped(manager, ctx).find('AgentDirectory', AgentDirectoryEntry, {
      where: { organisationId },
      order: { line: 'ASC', id: 'ASC' },
      skip: pageOffset(page),
      take: page.pageSize,
    });
    const items = rows.map(({ line, email, displayName, status }) => ({ line, email, displayName, status }));
    return {
      ...toPage(items, summary.agents, page),
      organisationId,
      importedAt: summary.at,
      importedBy: summary.by,
      counts: {
        agents: summary.agents,
        active: summary.active,
        left: summary.left,
        suspended: summary.suspended,
      },
    };
  }

  /** 404 for an organisation the caller does not see, 403 when it sees it but not its directory. */
  private assertAccess(ctx: RequestContext, organisationId: string, action: 'read' | 'create'): void {
    if (!canInOrganisation(ctx, 'read', 'Organisation', organisationId)) {
      throw new NotFoundException('Organisation');
    }
    if (!canInOrganisation(ctx, action, 'AgentDirectory', organisationId)) {
      throw new ForbiddenActionException();
    }
  }

  /** The counts of a member's directory, when it was imported and by whom (one query). */
  private async summary(manager: EntityManager, ctx: RequestContext, organisationId: string) {
    const summary = await scoped(manager, ctx)
      .query('AgentDirectory', AgentDirectoryEntry, 'a')
      .select('count(*)::int', 'agents')
      .addSelect(`count(*) FILTER (WHERE a.status = 'active')::int`, 'active')
      .addSelect(`count(*) FILTER (WHERE a.status = 'left')::int`, 'left')
      .addSelect(`count(*) FILTER (WHERE a.status = 'suspended')::int`, 'suspended')
      .addSelect('max(a.imported_at)', 'at')
      .addSelect('(array_agg(a.imported_by))[1]', 'by')
      .andWhere('a.organisationId = :organisationId', { organisationId })
      .getRawOne<{
        agents: number;
        active: number;
        left: number;
        suspended: number;
        at: Date | null;
        by: string | null;
      }>();
    return summary!;
  }

  /** Only members have a directory of agents (404 for the operator, a vendor or an unknown id). */
  private async memberOrFail(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    lock = false,
  ): Promise<void> {
    const qb = scoped(manager, ctx)
      .query('Organisation', Organisation, 'o')
      .andWhere('o.id = :organisationId AND o.kind = :kind', { organisationId, kind: 'member' });
    if (lock) qb.setLock('pessimistic_write');
    if (!(await qb.getExists())) throw new NotFoundException('Agent directory');
  }
}

function countByStatus(agents: AgentLine[]): Record<AgentStatus, number> {
  const counts: Record<AgentStatus, number> = { active: 0, left: 0, suspended: 0 };
  for (const agent of agents) counts[agent.status] += 1;
  return counts;
}

/** 415 unless the body is declared as CSV in UTF-8 (or with no charset). */
function assertCsv(contentType: string | undefined): void {
  const [type, ...params] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (!CSV_TYPES.includes(type)) {
    throw new UnsupportedMediaTypeException('L’annuaire des agents doit être envoyé en text/csv');
  }
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException('L’annuaire des agents doit être un texte UTF-8 (charset=utf-8)');
  }
}

/** The whole body, refused beyond the upload limit (413) before it is all read. */
async function readBody(body: AsyncIterable<Buffer | string>, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > limitBytes) {
      throw new PayloadTooLargeException(
        `Le fichier dépasse la taille maximale des envois (${limitBytes} octets, VIGIE_UPLOAD_LIMIT_BYTES)`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Inserts the agents in statements of 1,000 rows, one array parameter per column; `directory` is the import's
 * manager for this write (the permission was checked before).
 */
async function insertAgents(
  directory: EntityManager,
  organisationId: string,
  agents: AgentLine[],
  importedAt: Date,
  importedBy: string | null,
): Promise<void> {
  for (let start = 0; start < agents.length; start += 1000) {
    const batch = agents.slice(start, start + 1000);
    await directory.query(
      `INSERT INTO agent_directory_entry (organisation_id, line, email, display_name, status, imported_at, imported_by)
       SELECT $1, l, e, d, s, $2, $3
       FROM unnest($4::int[], $5::text[], $6::text[], $7::text[]) AS t(l, e, d, s)`,
      [
        organisationId,
        importedAt,
        importedBy,
        batch.map((a) => a.line),
        batch.map((a) => a.email),
        batch.map((a) => a.displayName),
        batch.map((a) => a.status),
      ],
    );
  }
}
