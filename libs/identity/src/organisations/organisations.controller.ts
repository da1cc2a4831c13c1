import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, PageQuery, RequestContext } from '@vigie/core';
import { IsIn, IsOptional } from 'class-validator';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisation.dto';
import { Organisation } from './organisation.entity';
import { OrganisationsService } from './organisations.service';
import { organisationWarnings, OrganisationWarning } from './organisation-details';

/** An organisation as answered: its record and what it still lacks (`warnings`, e.g. no DPO designated). */
export type OrganisationView = Organisation & { warnings: OrganisationWarning[] };

function asView(organisation: Organisation): OrganisationView {
  return { ...organisation, warnings: organisationWarnings(organisation) };
}

/**
 * The same view, made of a plain record the service answered for this request alone (a read or a page): its
 * `warnings` added in place (same fields, same order), instead of copying each record.
 */
function asViewInPlace(record: Organisation): OrganisationView {
  const view = record as OrganisationView;
  view.warnings = organisationWarnings(record);
  return view;
}

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
  @Endpoint(
    'Create a member or vendor organisation (operator administrator)',
    { action: 'create', subject: 'Organisation' },
    201,
  )
  async create(@Ctx() ctx: RequestContext, @Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return asView(await this.organisations.create(ctx, dto));
  }

  @Get()
  @Endpoint('List the organisations the caller may see', { action: 'read', subject: 'Organisation' })
  // The page comes as JSON text (kept while no organisation changes), sent as is with the type `res.json` sets.
  @Header('Content-Type', 'application/json; charset=utf-8')
  async list(@Ctx() ctx: RequestContext, @Query() query: OrganisationListQuery): Promise<string> {
    return this.organisations.listAnswer(ctx, query, (page) => {
      page.items.forEach(asViewInPlace);
      return page as Page<OrganisationView>;
    });
  }

  @Get(':id')
  @Endpoint('Read one organisation', { action: 'read', subject: 'Organisation' })
  async get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<OrganisationView> {
    return asViewInPlace(await this.organisations.get(ctx, id));
  }

  @Patch(':id')
  @Endpoint(
    "Update an organisation (with the version last read); a member's DPO may update its contact, representative and DPO only",
    { action: 'update', subject: 'OrganisationDetails' },
  )
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrganisationDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<OrganisationView> {
    return asView(await this.organisations.update(ctx, id, { ...dto, version: dto.version ?? ifMatch }));
  }
}
