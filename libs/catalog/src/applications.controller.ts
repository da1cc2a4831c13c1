import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext } from '@vigie/core';
import { SIIM94 } from '@vigie/reference-data';
import { IsIn, IsOptional } from 'class-validator';
import { CreateApplicationDto, UpdateApplicationDto } from './application.dto';
import { ApplicationsService, ApplicationView } from './applications.service';

class ApplicationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SIIM94.domains })
  @IsOptional()
  @IsIn(SIIM94.domains)
  domain?: string;
}

@ApiTags('Application catalog')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Endpoint(
    'Add an application to the catalog (operator administrator or security officer)',
    { action: 'create', subject: 'Application' },
    201,
  )
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.create(ctx, dto);
  }

  @Get()
  @Endpoint('List the applications the caller may see (a member: those deployed for it)', {
    action: 'read',
    subject: 'Application',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: ApplicationListQuery): Promise<Page<ApplicationView>> {
    return this.applications.list(ctx, query, query);
  }

  @Get(':id')
  @Endpoint('Read one application', { action: 'read', subject: 'Application' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationView> {
    return this.applications.get(ctx, id);
  }

  @Patch(':id')
  @Endpoint('Update an application (with the version last read)', {
    action: 'update',
    subject: 'Application',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateApplicationDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ApplicationView> {
    return this.applications.update(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }
}
