import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { CreateMembershipDto, MembershipPageView, MembershipView } from './membership.dto';
import { MembershipsService } from './memberships.service';

@ApiTags('Organisations')
@ApiBearerAuth()
@Controller('organisations/:id/memberships')
export class MembershipsController {
  constructor(private readonly memberships: MembershipsService) {}

  @Post()
  @Endpoint(
    'Give a user a role in the organisation (operator administrator); an auditor’s may end on a date',
    { action: 'create', subject: 'Membership' },
    201,
  )
  @ApiCreatedResponse({ type: MembershipView })
  create(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) organisationId: string,
    @Body() dto: CreateMembershipDto,
  ): Promise<MembershipView> {
    return this.memberships.create(ctx, organisationId, dto);
  }

  @Get()
  @Endpoint("List the organisation's memberships (with their end dates, ended ones marked inactive)", {
    action: 'read',
    subject: 'Membership',
  })
  @ApiOkResponse({ type: MembershipPageView })
  list(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) organisationId: string,
    @Query() query: PageQuery,
  ): Promise<Page<MembershipView>> {
    return this.memberships.list(ctx, organisationId, query);
  }

  @Delete(':membershipId')
  @Endpoint('Remove a role (operator administrator)', { action: 'delete', subject: 'Membership' }, 204)
  remove(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) organisationId: string,
    @Param('membershipId', ParseUUIDPipe) membershipId: string,
  ): Promise<void> {
    return this.memberships.remove(ctx, organisationId, membershipId);
  }
}
