import { Injectable } from '@nestjs/common';
import { assertCan, scoped } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { DocumentsService, StoredFile, slug } from '@vigie/documents';
import { Transactions } from '@vigie/db';
import { ContractViews } from '../contracts/contract-views';
import { ContractsService } from '../contracts/contracts.service';
import { detail, visibleQuestionnaire } from '../questionnaires/questionnaire-views';
import { operatorOf } from '../vendor-support';
import { renderContractClauses } from './contract-clauses.pdf';
import {
  INTERNAL_MARK,
  renderQuestionnaireReport,
  ReportAudience,
  VENDOR_MARK,
} from './questionnaire-report.pdf';

/** The vendors' PDFs, each stored as a generated record of the operator before it is served. */
@Injectable()
export class VendorReportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
    private readonly contracts: ContractsService,
    private readonly contractViews: ContractViews,
  ) {}

  /**
   * The internal report, marked « Document interne » (score, internal comments): operator roles only, 403 for
   * a vendor contact.
   */
  async questionnaireReport(ctx: RequestContext, id: string): Promise<StoredFile> {
    return this.renderQuestionnaire(ctx, id, 'internal');
  }

  /**
   * The version a vendor may receive (no score, weight or internal comment, whoever downloads it): the vendor's
   * contacts and the security officer.
   */
  async vendorQuestionnaireReport(ctx: RequestContext, id: string): Promise<StoredFile> {
    return this.renderQuestionnaire(ctx, id, 'vendor');
  }

  private async renderQuestionnaire(
    ctx: RequestContext,
    id: string,
    audience: ReportAudience,
  ): Promise<StoredFile> {
    return this.tx.run(async (manager) => {
      const questionnaire = await visibleQuestionnaire(manager, ctx, id);
      assertCan(
        ctx,
        'read',
        audience === 'internal' ? 'QuestionnaireReport' : 'QuestionnaireVendorReport',
        questionnaire,
      );
      const view = await detail(manager, ctx, questionnaire);
      const operator = await operatorOf(manager);
      const generatedAt = new Date();
      const bytes = await renderQuestionnaireReport(view, operator.name, generatedAt, audience);
      const day = view.sentAt.toISOString().slice(0, 10);
      const title =
        audience === 'internal'
          ? `Questionnaire sécurité — ${view.vendorName} — ${day} — ${INTERNAL_MARK}`
          : `Questionnaire sécurité — ${view.vendorName} — ${day} — ${VENDOR_MARK}`;
      return this.documents.store(
        ctx,
        {
          organisationId: operator.id,
          kind: audience === 'internal' ? 'questionnaire-report' : 'questionnaire-vendor-report',
          title,
          fileName: `${slug(title)}.pdf`,
          bytes,
        },
        manager,
      );
    });
  }

  async contractClauses(ctx: RequestContext, id: string): Promise<StoredFile> {
    return this.tx.run(async (manager) => {
      const contract = await this.contracts.visible(manager, ctx, id);
      const db = scoped(manager, ctx);
      const [view] = await this.contractViews.views(db, [contract]);
      const clauses = await this.contractViews.clauseViews(db, contract.id);
      const operator = await operatorOf(manager);
      const bytes = await renderContractClauses({ ...view, clauses }, operator.name, new Date());
      const title = `Clauses du contrat ${contract.reference} — ${view.vendorName}`;
      return this.documents.store(
        ctx,
        {
          organisationId: operator.id,
          kind: 'contract-clauses',
          title,
          fileName: `${slug(title)}.pdf`,
          bytes,
        },
        manager,
      );
    });
  }
}
