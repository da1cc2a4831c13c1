import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { IsOptional, IsUUID } from 'class-validator';
import { AuditEventsService, AuditEventView } from './audit-events.service';

class AuditEventQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  entityId?: string;
}

@ApiTags('Audit trail')
@ApiBearerAuth()
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly auditEvents: AuditEventsService) {}

  @Get()
  @Endpoint('List audit events of the organisations the caller may audit (newest first)', {
    action: 'read',
    subject: 'AuditEvent',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: AuditEventQuery): Promise<Page<AuditEventView>> {
    return this.auditEvents.list(ctx, query, query);
  }
}
