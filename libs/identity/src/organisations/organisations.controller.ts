import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext } from '@vigie/core';
import { IsIn, IsOptional } from 'class-validator';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { Organisation } from './organisation.entity';
import { OrganisationsService } from './organisations.service';

class OrganisationListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['operator', 'member', 'vendor'] })
  @IsOptional()
  @IsIn(['operator', 'member', 'vendor'])
  kind?: string;
}

@ApiTags('Organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Endpoint('Create a member or vendor organisation (operator administrator)', 201)
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganisationDto): Promise<Organisation> {
    return this.organisations.create(ctx, dto);
  }

  @Get()
  @Endpoint('List the organisations the caller may see')
  list(@Ctx() ctx: RequestContext, @Query() query: OrganisationListQuery): Promise<Page<Organisation>> {
    return this.organisations.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('Read one organisation')
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<Organisation> {
    return this.organisations.get(ctx, id);
  }

  @Patch(':id')
  @Endpoint('Update an organisation (with the version last read)')
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<Organisation> {
    return this.organisations.update(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }
}
