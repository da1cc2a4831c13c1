import { Injectable } from '@nestjs/common';
import { findVisibleOrFail, scoped, scopedQuery, unscoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { Membership, Organisation, User } from '@vigie/identity';
import { EntityManager } from 'typeorm';
import { loadApplications } from '../activities/activity-view';
import { ActivityChanges } from '../activities/activity-changes.service';
import { ProcessingActivity } from '../activities/processing-activity.entity';
import { ProcessorRegisterService } from '../processor/processor-register.service';
import { ControllerInfo } from './activity-sheet.pdf';
import { renderProcessorRegisterPdf } from './processor-register.pdf';
import {
  ActivitySummaryRow,
  RegisterEdition,
  registerTitle,
  renderActivitySheetPdf,
  renderRegisterPdf,
} from './register.pdf';

/** Entries loaded per query while rendering a register: bounds the memory a 300-entry register takes. */
export const SHEET_BATCH_SIZE = 50;

/**
 * The controller as the register names it: its name, contact details, legal representative and designated
 * DPO (the organisation's record), and the Vigie accounts holding the DPO role in it.
 */
export async function controllerInfo(
  manager: EntityManager,
  organisationId: string,
): Promise<ControllerInfo & { shortName: string }> {
  const controller = unscoped(
    manager,
    'the controller of a register whose access the caller checked, and the names of its DPOs',
  );
  const organisation = await controller.findOneByOrFail(Organisation, { id: organisationId });
  const dpos = await controller
    .createQueryBuilder(Membership, 'm')
    .innerJoin(User, 'u', 'u.id = m.userId')
    .select('u.display_name', 'name')
    .where('m.organisationId = :organisationId', { organisationId })
    .andWhere("m.role = 'dpo'")
    .orderBy('u.display_name', 'ASC')
    .getRawMany<{ name: string }>();
  return {
    name: organisation.name,
    shortName: organisation.shortName,
    contact: organisation.contact,
    representative: organisation.representative,
    dpo: organisation.dpo,
    dpoNames: dpos.map((d) => d.name),
  };
}

/** The register's PDFs, each stored as a generated record before being served. */
@Injectable()
export class RegisterDocumentsService {
  constructor(
    private readonly tx: Transactions,
    private readonly changes: ActivityChanges,
    private readonly processorRegister: ProcessorRegisterService,
    private readonly documents: DocumentsService,
  ) {}

  /**
   * A member's register as a PDF: the official register holds the validated entries only; the working copy
   * (`workingCopy`) the drafts as well, each of their sheets marked « Brouillon ». Never the archived ones.
   */
  async registerPdf(
    ctx: RequestContext,
    organisationId: string,
    edition: RegisterEdition = { workingCopy: false },
  ): Promise<StoredFile> {
    this.changes.assertRegister(ctx, organisationId, 'read');
    const manager = this.tx.reader;
    const controller = await controllerInfo(manager, organisationId);
    const registerEntries = () =>
      scopedQuery(manager, ctx, 'read', 'ProcessingActivity', ProcessingActivity, 'p')
        .andWhere('p.organisationId = :organisationId', { organisationId })
        .andWhere(edition.workingCopy ? "p.status <> 'archived'" : "p.status = 'validated'");
    const summaries = (await registerEntries()
      .select([
        'p.id',
        'p.name',
        'p.status',
        'p.reviewDate',
        'p.dpiaCriteria',
        'p.cnilListItems',
        'p.art35Cases',
        'p.specialCategories',
        'p.nir',
        'p.dataSubjects',
        'p.dpiaDecision',
        'p.dpiaAssessment',
      ])
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany()) as ActivitySummaryRow[];
    const applicationIds = await registerEntries()
      .select('DISTINCT unnest(p.application_ids)', 'id')
      .getRawMany<{ id: string }>();
    const applications = await loadApplications(
      manager,
      applicationIds.map((row) => row.id),
    );
    async function* batches(): AsyncGenerator<ProcessingActivity[]> {
      let after: { name: string; id: string } | undefined;
      for (;;) {
        const qb = registerEntries()
          .orderBy('p.name', 'ASC')
          .addOrderBy('p.id', 'ASC')
          .take(SHEET_BATCH_SIZE);
        if (after)
          qb.andWhere('(p.name, p.id) > (:afterName, :afterId)', {
            afterName: after.name,
            afterId: after.id,
          });
        const batch = await qb.getMany();
        if (batch.length === 0) return;
        after = { name: batch[batch.length - 1].name, id: batch[batch.length - 1].id };
        yield batch;
        if (batch.length < SHEET_BATCH_SIZE) return;
      }
    }
    const bytes = await renderRegisterPdf(controller, summaries, batches, applications, new Date(), edition);
    const organisation = await scoped(manager, ctx).visibleOrFail(
      'Organisation',
      Organisation,
      organisationId,
    );
    return this.documents.store(ctx, {
      organisationId,
      kind: edition.workingCopy ? 'register-working-copy' : 'register',
      title: registerTitle(organisation.name, edition),
      fileName: `registre-${edition.workingCopy ? 'copie-de-travail-' : ''}${slug(organisation.shortName)}.pdf`,
      bytes,
    });
  }

  /** One entry's sheet as a PDF. */
  async sheetPdf(ctx: RequestContext, id: string): Promise<StoredFile> {
    const activity = await findVisibleOrFail(
      this.tx.reader,
      ctx,
      'ProcessingActivity',
      ProcessingActivity,
      id,
      {
        label: 'Processing activity',
      },
    );
    const controller = await controllerInfo(this.tx.reader, activity.organisationId);
    const applications = await loadApplications(this.tx.reader, activity.applicationIds);
    const bytes = await renderActivitySheetPdf(controller, activity, applications, new Date());
    return this.documents.store(ctx, {
      organisationId: activity.organisationId,
      kind: 'processing-sheet',
      title: `Fiche de traitement — ${activity.name}`,
      fileName: `fiche-${slug(activity.name)}.pdf`,
      bytes,
    });
  }

  /** The operator's Art. 30.2 register as a PDF, stored as a record of the operator. */
  async processorRegisterPdf(ctx: RequestContext): Promise<StoredFile> {
    const register = await this.processorRegister.build(ctx);
    const bytes = await renderProcessorRegisterPdf(register);
    return this.documents.store(ctx, {
      organisationId: register.processor.organisationId,
      kind: 'processor-register',
      title: `Registre des catégories d'activités de traitement — ${register.processor.name}`,
      fileName: 'registre-sous-traitant.pdf',
      bytes,
    });
  }
}
