import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, RequestContext, sentVersion } from '@vigie/core';
import { ProcessingActivityView } from '../activities/activity-view';
import {
  ApplyTemplateDto,
  FromTemplateDto,
  RegisterTemplateContentDto,
  UpdateRegisterTemplateDto,
} from '../activities/processing-activity.dto';
import { RegisterTemplate } from './register-template.entity';
import { RegisterTemplatesService } from './register-templates.service';
import { RegisterTemplateVersionsView } from './template-versions';

@ApiTags('Register templates')
@ApiBearerAuth()
@Controller()
export class RegisterTemplatesController {
  constructor(private readonly templates: RegisterTemplatesService) {}

  @Post('applications/:id/register-templates')
  @Endpoint(
    'Publish a model register entry for an application (operator administrator or security officer)',
    { action: 'create', subject: 'RegisterTemplate' },
    201,
  )
  create(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) applicationId: string,
    @Body() dto: RegisterTemplateContentDto,
  ): Promise<RegisterTemplate> {
    return this.templates.create(ctx, applicationId, dto);
  }

  @Get('applications/:id/register-templates')
  @Endpoint("List an application's register templates", { action: 'read', subject: 'RegisterTemplate' })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) applicationId: string,
  ): Promise<{ items: RegisterTemplate[] }> {
    return this.templates.list(ctx, applicationId);
  }

  @Get('register-templates/:id')
  @Endpoint('Read a register template', { action: 'read', subject: 'RegisterTemplate' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RegisterTemplate> {
    return this.templates.get(ctx, id);
  }

  @Get('register-templates/:id/versions')
  @Endpoint('The published versions of a template, newest first, each with the fields it changed', {
    action: 'read',
    subject: 'RegisterTemplate',
  })
  versions(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RegisterTemplateVersionsView> {
    return this.templates.versions(ctx, id);
  }

  @Patch('register-templates/:id')
  @Endpoint('Publish a new version of a template (with the version last read)', {
    action: 'update',
    subject: 'RegisterTemplate',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRegisterTemplateDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<RegisterTemplate> {
    return this.templates.update(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }

  @Post('organisations/:orgId/processing-activities/from-template/:templateId')
  @Endpoint(
    "Create a member's entry from a template; the entry remembers the template version",
    { action: 'create', subject: 'ProcessingActivity' },
    201,
  )
  createEntry(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Param('templateId', ParseUUIDPipe) templateId: string,
    @Body() dto: FromTemplateDto,
  ): Promise<ProcessingActivityView> {
    return this.templates.createEntry(ctx, organisationId, templateId, dto);
  }

  @Post('processing-activities/:id/apply-template')
  @Endpoint("Take over chosen fields of the template's latest version (with the entry's version)", {
    action: 'update',
    subject: 'ProcessingActivity',
  })
  apply(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ApplyTemplateDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ProcessingActivityView> {
    return this.templates.applyToEntry(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }
}
