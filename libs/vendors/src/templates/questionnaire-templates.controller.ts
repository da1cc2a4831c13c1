import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { CreateQuestionnaireTemplateDto } from './questionnaire-template.dto';
import { QuestionnaireTemplatesService, TemplateView } from './questionnaire-templates.service';

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller('questionnaire-templates')
export class QuestionnaireTemplatesController {
  constructor(private readonly templates: QuestionnaireTemplatesService) {}

  @Get()
  @Endpoint('List questionnaire templates (the built-in "Questionnaire sécurité éditeur" first)', {
    action: 'read',
    subject: 'QuestionnaireTemplate',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQuery): Promise<Page<TemplateView>> {
    return this.templates.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('Read a questionnaire template', { action: 'read', subject: 'QuestionnaireTemplate' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<TemplateView> {
    return this.templates.get(ctx, id);
  }

  @Post()
  @Endpoint(
    'Create a questionnaire template (security officer; structure validated)',
    { action: 'create', subject: 'QuestionnaireTemplate' },
    201,
  )
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateQuestionnaireTemplateDto): Promise<TemplateView> {
    return this.templates.create(ctx, dto);
  }
}
