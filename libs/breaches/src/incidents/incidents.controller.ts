import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { CreateIncidentDto } from './incident.dto';
import { IncidentView } from './incident-view';
import { IncidentsService } from './incidents.service';

@ApiTags('Breaches')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Post()
  @Endpoint(
    'Declare an incident on one or more applications (security officer): every member deploying them receives a breach to assess',
    { action: 'create', subject: 'Incident' },
    201,
  )
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateIncidentDto): Promise<IncidentView> {
    return this.incidents.create(ctx, dto);
  }

  @Get()
  @Endpoint('Incidents the caller may see, latest first, with the status of each member’s breach', {
    action: 'read',
    subject: 'Incident',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: PageQuery): Promise<Page<IncidentView>> {
    return this.incidents.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('An incident and, per member notified, only the status of its breach', {
    action: 'read',
    subject: 'Incident',
  })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<IncidentView> {
    return this.incidents.get(ctx, id);
  }
}
