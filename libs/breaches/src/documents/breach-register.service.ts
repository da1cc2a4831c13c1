import { Injectable } from '@nestjs/common';
import { scopedQuery } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { Transactions } from '@vigie/db';
import { DocumentsService, slug, StoredFile } from '@vigie/documents';
import { controllerInfo } from '@vigie/register';
import { Breach } from '../breaches/breach.entity';
import { BreachesService } from '../breaches/breaches.service';
import { breachRegisterTitle, renderBreachRegisterPdf } from './breach-register.pdf';
import { renderBreachRegisterXlsx, XLSX_TYPE } from './breach-register.xlsx';

/** A spreadsheet ready to send. */
export interface BreachSpreadsheet {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A member's whole breach register (Art. 33.5) as a PDF (stored as a generated record) or a workbook. */
@Injectable()
export class BreachRegisterService {
  constructor(
    private readonly tx: Transactions,
    private readonly breaches: BreachesService,
    private readonly documents: DocumentsService,
  ) {}

  /** Every breach of the member, in order of awareness (404 when the caller may not read the register). */
  private async load(ctx: RequestContext, organisationId: string): Promise<Breach[]> {
    this.breaches.assertRegister(ctx, organisationId, 'read');
    return scopedQuery(this.tx.reader, ctx, 'read', 'Breach', Breach, 'b')
      .andWhere('b.organisationId = :organisationId', { organisationId })
      .orderBy('b.awareAt', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .getMany();
  }

  async pdf(ctx: RequestContext, organisationId: string): Promise<StoredFile> {
    const breaches = await this.load(ctx, organisationId);
    const controller = await controllerInfo(this.tx.reader, organisationId);
    const bytes = await renderBreachRegisterPdf(breaches, {
      controllerName: controller.name,
      dpoNames: controller.dpoNames,
      generatedAt: new Date(),
    });
    return this.documents.store(ctx, {
      organisationId,
      kind: 'breach-register',
      title: breachRegisterTitle(controller.name),
      fileName: `registre-violations-${slug(controller.shortName)}.pdf`,
      bytes,
    });
  }

  async xlsx(ctx: RequestContext, organisationId: string): Promise<BreachSpreadsheet> {
    const breaches = await this.load(ctx, organisationId);
    const { shortName } = await controllerInfo(this.tx.reader, organisationId);
    return {
      fileName: `registre-violations-${slug(shortName)}.xlsx`,
      contentType: XLSX_TYPE,
      bytes: await renderBreachRegisterXlsx(breaches),
    };
  }
}
