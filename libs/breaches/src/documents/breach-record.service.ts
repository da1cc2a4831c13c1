import { Injectable } from '@nestjs/common';
import { findVisibleOrFail, scoped, unscoped } from '@vigie/authz';
import { Application } from '@vigie/catalog';
import { RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { controllerInfo, ProcessingActivityLinks } from '@vigie/register';
import { In } from 'typeorm';
import { Breach } from '../breaches/breach.entity';
import { Incident } from '../incidents/incident.entity';
import { renderBreachRecordPdf } from './breach-record.pdf';

/** The breach record PDF, stored as a generated record of the member before being served. */
@Injectable()
export class BreachRecordService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
    private readonly processingActivities: ProcessingActivityLinks,
  ) {}

  async render(ctx: RequestContext, id: string): Promise<StoredFile> {
    const manager = this.tx.reader;
    const breach = await findVisibleOrFail(manager, ctx, 'Breach', Breach, id, { label: 'Breach' });
    const controller = await controllerInfo(manager, breach.organisationId);
    // The breach the caller may read names these: showing their names is part of showing the breach.
    const activities = await this.processingActivities.named(manager, ctx, breach.processingActivityIds);
    const applications =
      breach.applicationIds.length > 0
        ? await unscoped(
            manager,
            'the names of the applications a visible breach refers to are part of that breach',
          ).find(Application, {
            select: { id: true, name: true },
            where: { id: In(breach.applicationIds) },
            order: { name: 'ASC' },
          })
        : [];
    const incident = breach.incidentId
      ? await scoped(manager, ctx).findOne('Incident', Incident, {
          select: { title: true, awareAt: true },
          where: { id: breach.incidentId },
        })
      : null;
    const bytes = await renderBreachRecordPdf(breach, {
      controllerName: controller.name,
      dpoNames: controller.dpoNames,
      activities,
      applications,
      incident,
      generatedAt: new Date(),
    });
    return this.documents.store(ctx, {
      organisationId: breach.organisationId,
      kind: 'breach-record',
      title: `Fiche de violation de données — ${breach.title}`,
      fileName: `violation-${slug(breach.title)}.pdf`,
      bytes,
    });
  }
}
