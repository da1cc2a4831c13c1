import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import { assertCan, auditedChange, findVisibleOrFail, scoped, scopedQuery } from '@vigie/authz';
import {
  ConflictException,
  NotFoundException,
  Page,
  PageQuery,
  recordAudit,
  RequestContext,
  toPage,
  UnsupportedMediaTypeException,
  ValidationException,
  pageOffset,
} from '@vigie/core';
import { Transactions, uniqueViolation } from '@vigie/db';
import type { DownloadableFile } from '@vigie/documents';
import { EntityManager } from 'typeorm';
import { loadAssessment } from '../assessments/assessment-access';
import { Assessment } from '../assessments/assessment.entity';
import { RequirementAssessment } from '../assessments/requirement-assessment.entity';
import { todayInParis } from '../dates';
import { Framework } from '../frameworks/framework.entity';
import { FrameworkRequirement } from '../frameworks/framework-requirement.entity';
import { EvidenceLink } from './evidence-link.entity';
import { Evidence } from './evidence.entity';
import { UploadedEvidenceFile, UploadEvidenceDto } from './evidence.dto';
import { EvidenceLinkView, EvidenceView, toEvidenceView } from './evidence.view';
import { sniffEvidence } from '@vigie/documents';

/** A file to keep as evidence, whatever route it came by (upload, another capability). */
export interface NewEvidence {
  fileName: string;
  bytes: Buffer;
  effectiveDate: string;
  expiresAt?: string | null;
  description?: string | null;
}

@Injectable()
export class EvidenceService {
  constructor(private readonly tx: Transactions) {}

  /** Uploads a file as evidence of one requirement assessment (security officer). */
  async upload(
    ctx: RequestContext,
    assessmentId: string,
    raId: string,
    file: UploadedEvidenceFile | undefined,
    dto: UploadEvidenceDto,
  ): Promise<EvidenceView & { links: EvidenceLinkView[] }> {
    return this.tx.run(async (manager) => {
      const { assessment } = await loadAssessment(manager, ctx, assessmentId);
      const ra = await this.requirementOf(manager, ctx, assessmentId, raId);
      assertCan(ctx, 'create', 'Evidence', { organisationId: ra.organisationId });
      assertWritable(assessment);
      if (!file) throw ValidationException.field('file', 'un fichier est attendu (champ multipart « file »)');
      const evidence = await this.insert(manager, ctx, ra.organisationId, {
        fileName: file.originalname,
        bytes: file.buffer,
        effectiveDate: dto.effectiveDate,
        expiresAt: dto.expiresAt,
        description: dto.description,
      });
      await this.insertLink(manager, ctx, evidence, ra);
      return { ...toEvidenceView(evidence), links: await this.links(manager, ctx, evidence.id) };
    });
  }

  /**
   * Stores a file as evidence of the organisation and audits it, without permission checks: the caller has
   * made them (upload route, or a capability acting through {@link CertificationEvidence}).
   */
  async insert(
    manager: EntityManager,
    ctx: RequestContext,
    organisationId: string,
    input: NewEvidence,
  ): Promise<Evidence> {
    if (input.bytes.length === 0) throw ValidationException.field('file', 'le fichier est vide');
    if (input.expiresAt && input.expiresAt < input.effectiveDate) {
      throw ValidationException.field(
        'expiresAt',
        'la date d’expiration ne doit pas précéder la date d’effet',
      );
    }
    const sniffed = await sniffEvidence(input.bytes);
    if ('refused' in sniffed) throw new UnsupportedMediaTypeException(`fichier refusé : ${sniffed.reason}`);
    const evidence = manager.create(Evidence, {
      organisationId,
      fileName: cleanFileName(input.fileName),
      contentType: sniffed.contentType,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      content: input.bytes,
      description: input.description?.trim() || null,
      effectiveDate: input.effectiveDate,
      expiresAt: input.expiresAt ?? null,
      uploadedAt: new Date(),
      uploadedBy: ctx.userId,
    });
    await manager.insert(Evidence, evidence);
    await recordAudit(manager, ctx, {
      action: 'evidence.upload',
      entity: 'evidence',
      entityId: evidence.id,
      organisationId,
      before: null,
      after: {
        fileName: evidence.fileName,
        contentType: evidence.contentType,
        size: evidence.size,
        sha256: evidence.sha256,
        effectiveDate: evidence.effectiveDate,
        expiresAt: evidence.expiresAt,
      },
    });
    return evidence;
  }

  /**
   * Links an existing evidence to another requirement assessment (any assessment, any framework): a change of
   * the evidence, with the version last read.
   */
  async link(
    ctx: RequestContext,
    evidenceId: string,
    raId: string,
    version: number | undefined,
  ): Promise<EvidenceView & { links: EvidenceLinkView[] }> {
    return this.tx.run(async (manager) => {
      const evidence = await auditedChange(manager, ctx, {
        ...evidenceChange(evidenceId, version),
        audit: {
          action: 'evidence.link',
          entity: 'evidence',
          changes: () => ({ requirementAssessmentId: { before: null, after: raId } }),
        },
        apply: async (row) => {
          const ra = await this.linkableRequirement(manager, ctx, row, raId);
          await this.insertLinkRow(manager, ctx, row, ra);
        },
        save: bumpVersion,
      });
      return { ...toEvidenceView(evidence), links: await this.links(manager, ctx, evidence.id) };
    });
  }

  /**
   * Removes the link between an evidence and a requirement assessment (the file stays): a change of the
   * evidence, with the version last read.
   */
  async unlink(
    ctx: RequestContext,
    evidenceId: string,
    raId: string,
    version: number | undefined,
  ): Promise<void> {
    await this.tx.run(async (manager) => {
      await auditedChange(manager, ctx, {
        ...evidenceChange(evidenceId, version),
        audit: {
          action: 'evidence.unlink',
          entity: 'evidence',
          changes: () => ({ requirementAssessmentId: { before: raId, after: null } }),
        },
        apply: async () => {
          const { affected } = await manager.delete(EvidenceLink, {
            evidenceId,
            requirementAssessmentId: raId,
          });
          if (!affected) throw new NotFoundException('Evidence link');
          const assessment = await scoped(manager, ctx)
            .query('Assessment', Assessment, 'a')
            .innerJoin(RequirementAssessment, 'ra', 'ra.assessmentId = a.id')
            .andWhere('ra.id = :raId', { raId })
            .getOne();
          if (!assessment) throw new NotFoundException('Requirement assessment');
          assertWritable(assessment);
        },
        save: bumpVersion,
      });
    });
  }

  async get(ctx: RequestContext, id: string): Promise<EvidenceView & { links: EvidenceLinkView[] }> {
    const evidence = await findVisibleOrFail(this.tx.reader, ctx, 'Evidence', Evidence, id, {
      label: 'Evidence',
    });
    return { ...toEvidenceView(evidence), links: await this.links(this.tx.reader, ctx, id) };
  }

  /** The evidence of one requirement assessment, newest first. */
  async listForRequirement(
    ctx: RequestContext,
    assessmentId: string,
    raId: string,
    query: PageQuery,
  ): Promise<Page<EvidenceView>> {
    await loadAssessment(this.tx.reader, ctx, assessmentId);
    await this.requirementOf(this.tx.reader, ctx, assessmentId, raId);
    const [rows, total] = await scopedQuery(this.tx.reader, ctx, 'read', 'Evidence', Evidence, 'e')
      .innerJoin(EvidenceLink, 'l', 'l.evidenceId = e.id')
      .andWhere('l.requirementAssessmentId = :raId', { raId })
      .orderBy('e.uploadedAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
    const today = todayInParis();
    return toPage(
      rows.map((row) => toEvidenceView(row, today)),
      total,
      query,
    );
  }

  /** The exact bytes uploaded, with the content type detected at upload. */
  async content(ctx: RequestContext, id: string): Promise<DownloadableFile> {
    const evidence = await scopedQuery(this.tx.reader, ctx, 'read', 'Evidence', Evidence, 'e')
      .addSelect('e.content')
      .andWhere('e.id = :id', { id })
      .getOne();
    if (!evidence) throw new NotFoundException('Evidence');
    return {
      document: { id: evidence.id, sha256: evidence.sha256 },
      fileName: evidence.fileName,
      contentType: evidence.contentType,
      bytes: evidence.content,
    };
  }

  /** Links a new evidence to a requirement assessment and audits the link (upload, another capability). */
  async insertLink(
    manager: EntityManager,
    ctx: RequestContext,
    evidence: Evidence,
    ra: RequirementAssessment,
  ): Promise<void> {
    await this.insertLinkRow(manager, ctx, evidence, ra);
    await recordAudit(manager, ctx, {
      action: 'evidence.link',
      entity: 'evidence',
      entityId: evidence.id,
      organisationId: evidence.organisationId,
      changes: { requirementAssessmentId: { before: null, after: ra.id } },
    });
  }

  private async insertLinkRow(
    manager: EntityManager,
    ctx: RequestContext,
    evidence: Evidence,
    ra: RequirementAssessment,
  ): Promise<void> {
    try {
      await manager.insert(EvidenceLink, {
        organisationId: ra.organisationId,
        evidenceId: evidence.id,
        requirementAssessmentId: ra.id,
        createdBy: ctx.userId,
      });
    } catch (error) {
      if (uniqueViolation(error))
        throw new ConflictException('Cette preuve étaye déjà cette exigence', 'duplicate');
      throw error;
    }
  }

  /**
   * A requirement assessment the evidence may be linked to: visible, of the evidence's organisation (400
   * otherwise), one the caller may update (403), of an assessment not archived (409).
   */
  private async linkableRequirement(
    manager: EntityManager,
    ctx: RequestContext,
    evidence: Evidence,
    raId: string,
  ): Promise<RequirementAssessment> {
    const db = scoped(manager, ctx);
    const ra = await db.findOneBy('Assessment', RequirementAssessment, { id: raId });
    if (!ra || ra.organisationId !== evidence.organisationId) {
      throw ValidationException.field('requirementAssessmentId', 'évaluation d’exigence inconnue');
    }
    assertCan(ctx, 'update', 'Assessment', ra);
    assertWritable(
      await db
        .query('Assessment', Assessment, 'a')
        .andWhere('a.id = :id', { id: ra.assessmentId })
        .getOneOrFail(),
    );
    return ra;
  }

  private async requirementOf(
    manager: EntityManager,
    ctx: RequestContext,
    assessmentId: string,
    raId: string,
  ): Promise<RequirementAssessment> {
    const ra = await scopedQuery(manager, ctx, 'read', 'Assessment', RequirementAssessment, 'ra')
      .andWhere('ra.id = :raId AND ra.assessmentId = :assessmentId', { raId, assessmentId })
      .getOne();
    if (!ra) throw new NotFoundException('Requirement assessment');
    return ra;
  }

  /** Where an evidence is used, in every assessment the caller reads (one query). */
  private async links(
    manager: EntityManager,
    ctx: RequestContext,
    evidenceId: string,
  ): Promise<EvidenceLinkView[]> {
    return scoped(manager, ctx)
      .query('Assessment', RequirementAssessment, 'ra')
      .innerJoin(EvidenceLink, 'l', 'l.requirementAssessmentId = ra.id')
      .innerJoin(Assessment, 'a', 'a.id = ra.assessmentId')
      .innerJoin(Framework, 'f', 'f.id = a.frameworkId')
      .innerJoin(FrameworkRequirement, 'fr', 'fr.id = ra.requirementId')
      .select([
        'l.requirement_assessment_id AS "requirementAssessmentId"',
        'a.id AS "assessmentId"',
        'a.name AS "assessmentName"',
        'f.code AS "frameworkCode"',
        'fr.ref AS ref',
        'fr.title AS title',
        'l.created_at AS "linkedAt"',
      ])
      .andWhere('l.evidenceId = :evidenceId', { evidenceId })
      .orderBy('a.createdAt')
      .addOrderBy('fr.position')
      .getRawMany<EvidenceLinkView>();
  }
}

/** A change of an evidence (its links): the visible evidence, locked, that the caller may update. */
function evidenceChange(id: string, version: number | undefined) {
  return {
    subject: 'Evidence' as const,
    entity: Evidence,
    id,
    label: 'Evidence',
    action: 'update' as const,
    version,
  };
}

/** Saves a change of an evidence's links: only its version moves (the file itself is immutable). */
async function bumpVersion(manager: EntityManager, evidence: Evidence): Promise<void> {
  await manager.increment(Evidence, { id: evidence.id }, 'version', 1);
  evidence.version += 1;
}

/** An archived assessment is read-only (409). */
function assertWritable(assessment: Assessment): void {
  if (assessment.archived)
    throw new ConflictException('Cette évaluation est archivée et en lecture seule', 'state');
}

/** The name part of a client's file name, without control characters, at most 255 characters. */
function cleanFileName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
  return (cleaned || 'preuve').slice(-255);
}
