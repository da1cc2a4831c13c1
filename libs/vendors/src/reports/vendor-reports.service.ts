import { Injectable } from '@nestjs/common';
import { assertCan } from '@vigie/authz';
import { RequestContext } from '@vigie/core';
import { DocumentsService, StoredFile, slug } from '@vigie/documents';
import { Transactions } from '@vigie/db';
import { ContractsService } from '../contracts/contracts.service';
import { detail, visibleQuestionnaire } from '../questionnaires/questionnaire-views';
import { operatorOf } from '../vendor-support';
import { renderContractClauses } from './contract-clauses.pdf';
import { renderQuestionnaireReport } from './questionnaire-report.pdf';

/** The vendors' PDFs, each stored as a generated record of the operator before it is served. */
@Injectable()
export class VendorReportsService {
  constructor(
    private readonly tx: Transactions,
    private readonly documents: DocumentsService,
    private readonly contracts: ContractsService,
  ) {}

  /** Operator document (it shows internal comments): operator roles only, 403 for a vendor contact. */
  async questionnaireReport(ctx: RequestContext, id: string): Promise<StoredFile> {
    return this.tx.run(async (manager) => {
      const questionnaire = await visibleQuestionnaire(manager, ctx, id);
      assertCan(ctx, 'read', 'QuestionnaireReport', questionnaire);
      const view = await detail(manager, ctx, questionnaire);
      const operator = await operatorOf(manager);
      const generatedAt = new Date();
      const bytes = await renderQuestionnaireReport(view, operator.name, generatedAt);
      const title = `Questionnaire sécurité — ${view.vendorName} — ${view.sentAt.toISOString().slice(0, 10)}`;
      return this.documents.store(
        ctx,
        {
          organisationId: operator.id,
          kind: 'questionnaire-report',
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
      const [view] = await this.contracts.views(manager, [contract]);
      const clauses = await this.contracts.clauseViews(manager, contract.id);
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
