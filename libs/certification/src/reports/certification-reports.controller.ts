import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, RequestContext } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Response } from 'express';
import { CertificationReportsService } from './certification-reports.service';

@ApiTags('Certification')
@ApiBearerAuth()
@Controller('assessments/:id')
export class CertificationReportsController {
  constructor(private readonly reports: CertificationReportsService) {}

  @Get('soa.pdf')
  @Expensive()
  @Endpoint(
    "Statement of Applicability (Déclaration d'applicabilité), stored as a generated record",
    { action: 'read', subject: 'Assessment' },
    200,
    {
      produces: 'application/pdf',
    },
  )
  async soa(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.soa(ctx, id), response);
  }

  @Get('report.pdf')
  @Expensive()
  @Endpoint(
    'Conformity report (HDS or any framework), stored as a generated record',
    { action: 'read', subject: 'Assessment' },
    200,
    {
      produces: 'application/pdf',
    },
  )
  async report(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.report(ctx, id), response);
  }
}
