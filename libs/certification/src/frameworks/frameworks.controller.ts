import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { FrameworkRequirementView, FrameworksService, FrameworkView } from './frameworks.service';

class FrameworkRequirementQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['clause', 'control', 'requirement'] })
  @IsOptional()
  @IsIn(['clause', 'control', 'requirement'])
  kind?: string;

  @ApiPropertyOptional({ description: 'Theme (ISO Annex A), clause group (ISO 4–10) or chapter (HDS)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  theme?: string;
}

@ApiTags('Certification')
@ApiBearerAuth()
@Controller('frameworks')
export class FrameworksController {
  constructor(private readonly frameworks: FrameworksService) {}

  @Get()
  @Endpoint('List the certification frameworks (iso27001-2022, hds-v2 and imported ones)', {
    action: 'read',
    subject: 'Framework',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQuery): Promise<Page<FrameworkView>> {
    return this.frameworks.list(ctx, query);
  }

  @Get(':code')
  @Endpoint('Read one framework', { action: 'read', subject: 'Framework' })
  get(@Ctx() ctx: RequestContext, @Param('code') code: string): Promise<FrameworkView> {
    return this.frameworks.get(ctx, code);
  }

  @Get(':code/requirements')
  @Endpoint("A framework's clauses, controls or requirements, in the framework's order", {
    action: 'read',
    subject: 'Framework',
  })
  requirements(
    @Ctx() ctx: RequestContext,
    @Param('code') code: string,
    @Query() query: FrameworkRequirementQuery,
  ): Promise<Page<FrameworkRequirementView>> {
    return this.frameworks.requirements(ctx, code, query);
  }
}
