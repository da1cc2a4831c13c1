import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, PageQuery, RequestContext } from '@vigie/core';
import type { Request } from 'express';
import { AgentDirectoryImport, AgentDirectoryService, AgentDirectoryView } from './agent-directory.service';

@ApiTags('Access reviews')
@ApiBearerAuth()
@Controller('organisations/:orgId/agent-directory')
export class AgentDirectoryController {
  constructor(private readonly directory: AgentDirectoryService) {}

  @Post()
  @Expensive()
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'UTF-8 CSV (BOM allowed, `,` or `;`), header email,displayName,status; status active, left or suspended ' +
      '(or actif, parti, suspendu). All or nothing: one bad line refuses the file, every bad line listed.',
    schema: { type: 'string' },
  })
  @Endpoint(
    "Replace the member's directory of agents from a CSV body (the member's DPO, security officer); tells orphan accounts",
    { action: 'create', subject: 'AgentDirectory' },
    200,
  )
  import(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Req() request: Request,
  ): Promise<AgentDirectoryImport> {
    return this.directory.import(ctx, orgId, request.headers['content-type'], request);
  }

  @Get()
  @Endpoint("The member's directory of agents: when it was imported, its counts and its agents (paged)", {
    action: 'read',
    subject: 'AgentDirectory',
  })
  get(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) orgId: string,
    @Query() query: PageQuery,
  ): Promise<AgentDirectoryView> {
    return this.directory.get(ctx, orgId, query);
  }
}
