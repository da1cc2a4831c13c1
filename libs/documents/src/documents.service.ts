import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { findVisibleOrFail, scopedQuery } from '@vigie/authz';
import { NotFoundException, Page, PageQuery, recordAudit, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { GeneratedDocument, GeneratedDocumentView, asDocumentView } from './generated-document.entity';

/** A rendered file about to be served. */
export interface RenderedFile {
  organisationId: string;
  kind: string;
  title: string;
  /** File name offered to the browser. */
  fileName: string;
  bytes: Buffer;
  contentType?: string;
}

/** A stored document with its bytes, ready to send. */
export interface StoredFile {
  document: GeneratedDocumentView;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface DocumentFilter {
  organisationId?: string;
  kind?: string;
}

/** The store of generated PDF records: every rendered PDF is kept with its hash before being served. */
@Injectable()
export class DocumentsService {
  constructor(private readonly tx: Transactions) {}

  /**
   * Stores a rendered file and its audit event. Callers check beforehand that the caller may see what the
   * file shows; the record then belongs to `organisationId`.
   */
  async store(ctx: RequestContext, file: RenderedFile, manager?: EntityManager): Promise<StoredFile> {
    const write = async (m: EntityManager) => {
      const document = m.create(GeneratedDocument, {
        organisationId: file.organisationId,
        kind: file.kind,
        title: file.title,
        sha256: createHash('sha256').update(file.bytes).digest('hex'),
        size: file.bytes.length,
        contentType: file.contentType ?? 'application/pdf',
        content: file.bytes,
        createdBy: ctx.userId,
      });
      await m.insert(GeneratedDocument, document);
      const view = asDocumentView(document);
      await recordAudit(m, ctx, {
        action: 'document.generate',
        entity: 'generated-document',
        entityId: document.id,
        organisationId: file.organisationId,
        before: null,
        after: { kind: view.kind, title: view.title, sha256: view.sha256, size: view.size },
      });
      return {
        document: view,
        fileName: file.fileName,
        contentType: document.contentType,
        bytes: file.bytes,
      };
    };
    return manager ? write(manager) : this.tx.run(write);
  }

  async list(
    ctx: RequestContext,
    filter: DocumentFilter,
    query: PageQuery,
  ): Promise<Page<GeneratedDocumentView>> {
    const qb = scopedQuery(this.tx.reader, ctx, 'read', 'Document', GeneratedDocument, 'd')
      .orderBy('d.createdAt', 'DESC')
      .addOrderBy('d.id', 'ASC');
    if (filter.organisationId)
      qb.andWhere('d.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.kind) qb.andWhere('d.kind = :kind', { kind: filter.kind });
    const { items: documents, total } = await findPage(qb, query);
    return toPage(documents.map(asDocumentView), total, query);
  }

  async get(ctx: RequestContext, id: string): Promise<GeneratedDocumentView> {
    return asDocumentView(
      await findVisibleOrFail(this.tx.reader, ctx, 'Document', GeneratedDocument, id, { label: 'Document' }),
    );
  }

  /** The exact bytes first served. */
  async content(ctx: RequestContext, id: string): Promise<StoredFile> {
    const document = await scopedQuery(this.tx.reader, ctx, 'read', 'Document', GeneratedDocument, 'd')
      .addSelect('d.content')
      .andWhere('d.id = :id', { id })
      .getOne();
    if (!document) throw new NotFoundException('Document');
    return {
      document: asDocumentView(document),
      fileName: `${slug(document.title)}.pdf`,
      contentType: document.contentType,
      bytes: document.content,
    };
  }
}

/** A file-name-safe version of a title. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 80) || 'document'
  );
}
