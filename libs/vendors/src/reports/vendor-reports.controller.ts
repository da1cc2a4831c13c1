import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, RequestContext } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Response } from 'express';
import { VendorReportsService } from './vendor-reports.service';

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller()
export class VendorReportsController {
  constructor(private readonly reports: VendorReportsService) {}

  @Get('questionnaires/:id/report.pdf')
  @Expensive()
  @Endpoint(
    'Internal questionnaire report, marked « Document interne » (PDF, French; score and internal comments; operator roles; stored as a generated record)',
    { action: 'read', subject: 'QuestionnaireReport' },
    200,
    { produces: 'application/pdf' },
  )
  async questionnaireReport(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.questionnaireReport(ctx, id), response);
  }

  @Get('questionnaires/:id/vendor-report.pdf')
  @Expensive()
  @Endpoint(
    'Questionnaire report for the vendor (PDF, French; answers and shared comments, no score, weight or internal comment; the vendor contact and the security officer; stored as a generated record)',
    { action: 'read', subject: 'QuestionnaireVendorReport' },
    200,
    { produces: 'application/pdf' },
  )
  async vendorQuestionnaireReport(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.vendorQuestionnaireReport(ctx, id), response);
  }

  @Get('contracts/:id/clauses.pdf')
  @Expensive()
  @Endpoint(
    'Clause checklist of a contract (PDF, French; stored as a generated record)',
    { action: 'read', subject: 'Contract' },
    200,
    {
      produces: 'application/pdf',
    },
  )
  async contractClauses(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.contractClauses(ctx, id), response);
  }
}
