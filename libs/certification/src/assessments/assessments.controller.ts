import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext, toPage } from '@vigie/core';
import {
  AssessmentListQuery,
  CreateAssessmentDto,
  RequirementListQuery,
  UpdateAssessmentDto,
  UpdateRequirementAssessmentDto,
} from './assessment.dto';
import { AssessmentView, RequirementAssessmentView } from './assessment.view';
import { AssessmentsService } from './assessments.service';
import { ProgressHistoryView } from './progress-history';
import { AssessmentSummaryView, ProgressService, ProgressView } from './progress.service';

@ApiTags('Certification')
@ApiBearerAuth()
@Controller()
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly progress: ProgressService,
  ) {}

  @Post('assessments')
  @Endpoint(
    'Open an assessment of a framework (security officer), one requirement assessment per requirement',
    { action: 'create', subject: 'Assessment' },
    201,
  )
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateAssessmentDto): Promise<AssessmentView> {
    return this.assessments.create(ctx, dto);
  }

  @Get('assessments')
  @Endpoint('List the assessments (operator roles), newest first', { action: 'read', subject: 'Assessment' })
  list(@Ctx() ctx: RequestContext, @Query() query: AssessmentListQuery): Promise<Page<AssessmentView>> {
    return this.assessments.list(ctx, query);
  }

  @Get('assessment-summaries')
  @Endpoint('Summaries of the assessments (progress only: members rely on the hosting certification)', {
    action: 'read',
    subject: 'AssessmentSummary',
  })
  async summaries(
    @Ctx() ctx: RequestContext,
    @Query() query: PageQuery,
  ): Promise<Page<AssessmentSummaryView>> {
    const { items, total } = await this.progress.summaries(ctx, query);
    return toPage(items, total, query);
  }

  @Get('assessments/:id')
  @Endpoint('Read one assessment', { action: 'read', subject: 'Assessment' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<AssessmentView> {
    return this.assessments.get(ctx, id);
  }

  @Patch('assessments/:id')
  @Endpoint('Rename, rescope or archive an assessment (with the version last read)', {
    action: 'update',
    subject: 'Assessment',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateAssessmentDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<AssessmentView> {
    return this.assessments.update(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }

  @Get('assessments/:id/summary')
  @Endpoint('Summary of one assessment: progress counts, no evidence, no notes', {
    action: 'read',
    subject: 'AssessmentSummary',
  })
  summary(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AssessmentSummaryView> {
    return this.progress.summary(ctx, id);
  }

  @Get('assessments/:id/progress')
  @Endpoint('Progress by status and theme, overdue requirements, evidence expiring within 30 days', {
    action: 'read',
    subject: 'Assessment',
  })
  progressOf(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ProgressView> {
    return this.progress.progress(ctx, id);
  }

  @Get('assessments/:id/progress-history')
  @Endpoint(
    'Progress at the end of each day a status changed (from the audit trail), from the opening day to today',
    { action: 'read', subject: 'Assessment' },
  )
  progressHistory(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ProgressHistoryView> {
    return this.progress.history(ctx, id);
  }

  @Get('assessments/:id/requirements')
  @Endpoint('The requirement assessments, in the framework order (filters: status, theme, kind)', {
    action: 'read',
    subject: 'Assessment',
  })
  requirements(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: RequirementListQuery,
  ): Promise<Page<RequirementAssessmentView>> {
    return this.assessments.requirements(ctx, id, query);
  }

  @Get('assessments/:id/requirements/:requirementAssessmentId')
  @Endpoint('Read one requirement assessment', { action: 'read', subject: 'Assessment' })
  requirement(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requirementAssessmentId', ParseUUIDPipe) raId: string,
  ): Promise<RequirementAssessmentView> {
    return this.assessments.requirement(ctx, id, raId);
  }

  @Patch('assessments/:id/requirements/:requirementAssessmentId')
  @Endpoint(
    'Update applicability, justification, status, owner, due date or notes (with the version last read)',
    { action: 'update', subject: 'Assessment' },
  )
  updateRequirement(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('requirementAssessmentId', ParseUUIDPipe) raId: string,
    @Body() dto: UpdateRequirementAssessmentDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<RequirementAssessmentView> {
    return this.assessments.updateRequirement(ctx, id, raId, { ...dto, version: dto.version ?? ifMatch });
  }
}
