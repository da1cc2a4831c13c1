import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, RequestContext } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Response } from 'express';
import { AuditEventsService } from './audit-events.service';

@ApiTags('Audit trail')
@ApiBearerAuth()
@Controller('organisations/:id/audit-trail.pdf')
export class AuditTrailPdfController {
  constructor(private readonly auditEvents: AuditEventsService) {}

  @Get()
  @Expensive()
  @Endpoint(
    "The organisation's audit trail as a PDF, stored as a generated record",
    { action: 'read', subject: 'AuditEvent' },
    200,
    {
      produces: 'application/pdf',
    },
  )
  async pdf(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) organisationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.auditEvents.trailPdf(ctx, organisationId), response);
  }
}
