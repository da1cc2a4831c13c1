import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext, sentVersion } from '@vigie/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { STATUSES } from '../data/register-labels';
import { ActivityHistoryService, HistoryEntry } from './activity-history.service';
import { ProcessingActivityView } from './activity-view';
import { ActivityDpia } from './activity-dpia.service';
import {
  ACTIVITY_DPIA_FILTERS,
  ACTIVITY_SORTS,
  ActivityDpiaFilter,
  ActivitySort,
  ProcessingActivityQueries,
} from './activity-queries.service';
import { ActivityWorkflow } from './activity-workflow.service';
import { ProcessingActivitiesService } from './processing-activities.service';
import {
  HistoryResponse,
  ProcessingActivityPageResponse,
  ProcessingActivityResponse,
} from './processing-activity.response';
import {
  CreateProcessingActivityDto,
  DpiaAssessmentDto,
  DpiaDecisionDto,
  TransitionDto,
  UpdateProcessingActivityDto,
} from './processing-activity.dto';

class ActivityListQuery extends PageQuery {
  @ApiPropertyOptional({ maxLength: 200, description: 'Entries whose name contains this text (any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'Default: every entry but the archived ones' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only validated entries whose review date has passed' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({
    enum: ACTIVITY_SORTS,
    default: 'name',
    description:
      'Order of the list: name, status, review date (entries without one last) or last update; a leading `-` for descending',
  })
  @IsOptional()
  @IsIn(ACTIVITY_SORTS)
  sort?: ActivitySort;

  @ApiPropertyOptional({
    enum: ACTIVITY_DPIA_FILTERS,
    description:
      'Entries whose screening requires a DPIA, does not, or whose DPIA is recorded as done (`dpiaAssessment.status`)',
  })
  @IsOptional()
  @IsIn(ACTIVITY_DPIA_FILTERS)
  dpia?: ActivityDpiaFilter;

  @ApiPropertyOptional({ format: 'uuid', description: 'Entries using this catalog application' })
  @IsOptional()
  @IsUUID()
  applicationId?: string;
}

@ApiTags('Register of processing activities')
@ApiBearerAuth()
@Controller()
export class ProcessingActivitiesController {
  constructor(
    private readonly activities: ProcessingActivitiesService,
    private readonly queries: ProcessingActivityQueries,
    private readonly workflow: ActivityWorkflow,
    private readonly dpia: ActivityDpia,
    private readonly history: ActivityHistoryService,
  ) {}

  @Post('organisations/:orgId/processing-activities')
  @Endpoint(
    "Add a draft entry to a member's register (DPO or editor); a draft may hold only its name",
    { action: 'create', subject: 'ProcessingActivity' },
    201,
  )
  @ApiCreatedResponse({ type: ProcessingActivityResponse })
  create(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Body() dto: CreateProcessingActivityDto,
  ): Promise<ProcessingActivityView> {
    return this.activities.create(ctx, organisationId, dto);
  }

  @Get('organisations/:orgId/processing-activities')
  @Endpoint("List a member's register (archived entries with ?status=archived)", {
    action: 'read',
    subject: 'ProcessingActivity',
  })
  @ApiOkResponse({ type: ProcessingActivityPageResponse })
  list(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: ActivityListQuery,
  ): Promise<Page<ProcessingActivityView>> {
    return this.queries.list(ctx, organisationId, query);
  }

  @Get('processing-activities/:id')
  @Endpoint('Read an entry with its DPIA screening, inherited security measures and template update', {
    action: 'read',
    subject: 'ProcessingActivity',
  })
  @ApiOkResponse({ type: ProcessingActivityResponse })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ProcessingActivityView> {
    return this.queries.get(ctx, id);
  }

  @Patch('processing-activities/:id')
  @Endpoint('Update an entry (with the version last read); a validated entry goes back to draft', {
    action: 'update',
    subject: 'ProcessingActivity',
  })
  @ApiOkResponse({ type: ProcessingActivityResponse })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProcessingActivityDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProcessingActivityView> {
    return this.activities.update(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }

  @Delete('processing-activities/:id')
  @Endpoint('Archive an entry (DPO)', { action: 'delete', subject: 'ProcessingActivity' })
  @ApiOkResponse({ type: ProcessingActivityResponse })
  archive(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProcessingActivityView> {
    return this.workflow.archive(ctx, id, ifMatch);
  }

  @Post('processing-activities/:id/validate')
  @Endpoint(
    'Validate a draft entry (DPO only); 409 with `errors` listing what Art. 30.1 still needs, or the DPIA the screening requires; the review date defaults to a year later',
    { action: 'validate', subject: 'ProcessingActivity' },
  )
  @ApiOkResponse({ type: ProcessingActivityResponse })
  validate(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TransitionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProcessingActivityView> {
    return this.workflow.validate(ctx, id, sentVersion(dto, ifMatch));
  }

  @Post('processing-activities/:id/dpia-decision')
  @Endpoint('Record the DPO’s reasoned decision not to carry out a required DPIA (DPO only)', {
    action: 'validate',
    subject: 'ProcessingActivity',
  })
  @ApiOkResponse({ type: ProcessingActivityResponse })
  dpiaDecision(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DpiaDecisionDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProcessingActivityView> {
    return this.dpia.recordDecision(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }

  @Put('processing-activities/:id/dpia-assessment')
  @Endpoint(
    'Record the DPIA carried out, in progress or done (DPO only, with the version last read); a DPIA done lets a draft whose screening requires one be validated',
    { action: 'validate', subject: 'ProcessingActivity' },
  )
  dpiaAssessment(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DpiaAssessmentDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProcessingActivityView> {
    return this.dpia.recordAssessment(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }

  @Get('processing-activities/:id/history')
  @Endpoint('Every version of an entry: who, when, which fields changed', {
    action: 'read',
    subject: 'ProcessingActivity',
  })
  @ApiOkResponse({ type: HistoryResponse })
  listHistory(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ items: HistoryEntry[] }> {
    return this.history.list(ctx, id);
  }

  @Get('processing-activities/:id/history/:version')
  @Endpoint('One version of an entry, with the entry as it was', {
    action: 'read',
    subject: 'ProcessingActivity',
  })
  getVersion(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<HistoryEntry & { snapshot: Record<string, unknown> }> {
    return this.history.get(ctx, id, version);
  }
}
