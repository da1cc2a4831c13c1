import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { findVisibleOrFail, scopedQuery, unscoped } from '@vigie/authz';
import { NotFoundException, Page, PageQuery, recordAudit, RequestContext, toPage } from '@vigie/core';
import { findPage, Transactions } from '@vigie/db';
import { EntityManager } from 'typeorm';
import { GeneratedDocument, GeneratedDocumentView, asDocumentView } from './generated-document.entity';
import { pdfContentKey } from './pdf/pdf-report';

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * What identifies a file's content: its kind, title and content type, and what it shows, that is the content
 * key of a PDF rendered by `PdfReport` (its drawing calls, without the generation time), or else its bytes.
 */
export function documentContentKey(file: RenderedFile): string {
  const shown = pdfContentKey(file.bytes) ?? sha256(file.bytes);
  return sha256(JSON.stringify([file.kind, file.title, file.contentType ?? 'application/pdf', shown]));
}

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
   * Stores a rendered file and its audit event, unless the same document (same organisation, kind and content
   * key, see {@link documentContentKey}) is stored already: then answers that record with the bytes it was first
   * served with, and stores nothing (a reader downloading the same register ten times leaves one record; a
   * change of content makes a new one). Callers check beforehand that the caller may see what the file shows;
   * the record then belongs to `organisationId`.
   */
  async store(ctx: RequestContext, file: RenderedFile, manager?: EntityManager): Promise<StoredFile> {
    const contentKey = documentContentKey(file);
    const write = async (m: EntityManager): Promise<StoredFile> => {
      const stored = await this.findByContent(m, file, contentKey);
      if (stored) return stored;
      const document = m.create(GeneratedDocument, {
        id: randomUUID(),
        organisationId: file.organisationId,
        kind: file.kind,
        title: file.title,
        sha256: sha256(file.bytes),
        size: file.bytes.length,
        contentType: file.contentType ?? 'application/pdf',
        content: file.bytes,
        contentKey,
        createdBy: ctx.userId,
      });
      // A concurrent request storing the same document first wins; this one then answers its record.
      const inserted = await unscoped(
        m,
        'an insert ON CONFLICT DO NOTHING (a write, no read) of a document the calling service already checked',
      )
        .createQueryBuilder()
        .insert()
        .into(GeneratedDocument)
        .values(document)
        .orIgnore()
        .returning(['id', 'createdAt'])
        .execute();
      if (inserted.raw.length === 0) {
        const winner = await this.findByContent(m, file, contentKey);
        if (winner) return winner;
        throw new Error('Generated document neither inserted nor found');
      }
      document.createdAt = new Date(inserted.raw[0].created_at);
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

  /** The record already stored for this content, with its bytes as first served. */
  private async findByContent(
    manager: EntityManager,
    file: RenderedFile,
    contentKey: string,
  ): Promise<StoredFile | null> {
    const document = await unscoped(
      manager,
      'the one document of this content key (the unique index just met by the insert), whoever of the organisation may read it: the caller may produce a file it does not list (an administrator’s trail of a member)',
    )
      .createQueryBuilder(GeneratedDocument, 'd')
      .addSelect('d.content')
      .where('d.organisationId = :organisationId', { organisationId: file.organisationId })
      .andWhere('d.kind = :kind', { kind: file.kind })
      .andWhere('d.contentKey = :contentKey', { contentKey })
      .getOne();
    if (!document) return null;
    return {
      document: asDocumentView(document),
      fileName: file.fileName,
      contentType: document.contentType,
      bytes: document.content,
    };
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
