import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { AuditCheckpoint, Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { IsString, Length } from 'class-validator';
import { AuditCheckpointsService } from './audit-checkpoints.service';

class TakeCheckpointDto {
  @ApiProperty({ example: 'Avant la sauvegarde du 1er décembre', minLength: 3, maxLength: 200 })
  @IsString()
  @Length(3, 200)
  reason: string;
}

class AuditCheckpointView implements AuditCheckpoint {
  @ApiProperty({ description: 'seq of the last event covered' })
  seq: string;
  @ApiProperty({ description: 'events up to and including seq' })
  count: number;
  @ApiProperty({ description: 'hash of that event' })
  headHash: string;
  @ApiProperty({ format: 'date-time' })
  at: string;
  @ApiProperty()
  reason: string;
  @ApiProperty({ description: 'HMAC-SHA256 of seq, count, headHash, at and reason under the audit key' })
  signature: string;
}

class AuditCheckpointPage {
  @ApiProperty({ type: [AuditCheckpointView] })
  items: AuditCheckpointView[];
  @ApiProperty()
  total: number;
  @ApiProperty()
  page: number;
  @ApiProperty()
  pageSize: number;
}

@ApiTags('Audit trail')
@ApiBearerAuth()
@Controller('audit-checkpoints')
export class AuditCheckpointsController {
  constructor(private readonly checkpoints: AuditCheckpointsService) {}

  @Get()
  @ApiOkResponse({ type: AuditCheckpointPage })
  @Endpoint('Signed checkpoints of the audit chain, kept outside the database (operator), newest first', {
    action: 'read',
    subject: 'AuditCheckpoint',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQuery): Promise<Page<AuditCheckpoint>> {
    return this.checkpoints.list(ctx, query);
  }

  @Post()
  @ApiCreatedResponse({ type: AuditCheckpointView })
  @Endpoint(
    'Sign the head of the audit chain now and append it to the checkpoint file (administrator)',
    { action: 'create', subject: 'AuditCheckpoint' },
    201,
  )
  take(@Ctx() ctx: RequestContext, @Body() body: TakeCheckpointDto): Promise<AuditCheckpoint> {
    return this.checkpoints.take(ctx, body.reason.trim());
  }
}
