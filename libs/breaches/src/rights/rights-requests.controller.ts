import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, RequestContext, sentVersion } from '@vigie/core';
import { IsIn, IsOptional } from 'class-validator';
import { OverdueListQuery } from '../common/list-query';
import { CreateRightsRequestDto, UpdateRightsRequestDto } from './rights-request.dto';
import { RightsRequestsService, RightsRequestView } from './rights-requests.service';
import { RIGHTS_REQUEST_STATUSES } from './rights-rules';

class RightsRequestListQuery extends OverdueListQuery {
  @ApiPropertyOptional({ enum: RIGHTS_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(RIGHTS_REQUEST_STATUSES)
  status?: string;
}

@ApiTags('Rights requests')
@ApiBearerAuth()
@Controller()
export class RightsRequestsController {
  constructor(private readonly requests: RightsRequestsService) {}

  @Post('organisations/:orgId/rights-requests')
  @Endpoint(
    'Record a request by a person exercising a right (DPO or editor); answers its due date',
    { action: 'create', subject: 'RightsRequest' },
    201,
  )
  create(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Body() dto: CreateRightsRequestDto,
  ): Promise<RightsRequestView> {
    return this.requests.create(ctx, organisationId, dto);
  }

  @Get('organisations/:orgId/rights-requests')
  @Endpoint("A member's rights requests, earliest due first (?status=, ?overdue=true)", {
    action: 'read',
    subject: 'RightsRequest',
  })
  list(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: RightsRequestListQuery,
  ): Promise<Page<RightsRequestView>> {
    return this.requests.list(ctx, organisationId, query);
  }

  @Get('rights-requests/:id')
  @Endpoint('Read a rights request (its member only)', { action: 'read', subject: 'RightsRequest' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RightsRequestView> {
    return this.requests.get(ctx, id);
  }

  @Patch('rights-requests/:id')
  @Endpoint('Change a rights request (with the version last read); extending or refusing is the DPO’s', {
    action: 'update',
    subject: 'RightsRequest',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateRightsRequestDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<RightsRequestView> {
    return this.requests.update(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }
}
