import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, RequestContext } from '@vigie/core';
import { RemediationListQuery, TaskDoneDto } from './remediation.dto';
import { RemediationService, RemediationTaskView } from './remediation.service';

@ApiTags('Access reviews')
@ApiBearerAuth()
@Controller('remediation-tasks')
export class RemediationController {
  constructor(private readonly remediation: RemediationService) {}

  @Get()
  @Endpoint('Remediation tasks of closed campaigns, by due date (`overdue=true`: the late ones)', {
    action: 'read',
    subject: 'RemediationTask',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: RemediationListQuery): Promise<Page<RemediationTaskView>> {
    return this.remediation.list(ctx, query);
  }

  @Post(':id/done')
  @Endpoint(
    'Mark a task done (security officer); the campaign is remediated with its last task',
    { action: 'update', subject: 'RemediationTask' },
    200,
  )
  done(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TaskDoneDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<RemediationTaskView> {
    return this.remediation.done(ctx, id, dto.note, dto.version ?? ifMatch);
  }
}
