import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, IfMatchVersion, Page, RequestContext } from '@vigie/core';
import { ContractListQuery, CreateContractDto, UpdateClauseDto, UpdateContractDto } from './contract.dto';
import type { NonCompliance } from './coverage';
import { ClauseView, ContractsService, ContractView } from './contracts.service';

@ApiTags('Vendors')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(private readonly contracts: ContractsService) {}

  @Post()
  @Endpoint(
    'Record a contract with a vendor; its clause checklist is created (security officer)',
    { action: 'create', subject: 'Contract' },
    201,
  )
  create(
    @Ctx() ctx: RequestContext,
    @Body() dto: CreateContractDto,
  ): Promise<ContractView & { clauses: ClauseView[] }> {
    return this.contracts.create(ctx, dto);
  }

  @Get()
  @Endpoint('List contracts (filter by vendor or covered application)', {
    action: 'read',
    subject: 'Contract',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: ContractListQuery): Promise<Page<ContractView>> {
    return this.contracts.list(ctx, query);
  }

  @Get(':id')
  @Endpoint('Read a contract: applications, members concerned, clauses, coverage score and gaps', {
    action: 'read',
    subject: 'Contract',
  })
  get(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ContractView & { clauses: ClauseView[] }> {
    return this.contracts.get(ctx, id);
  }

  @Patch(':id')
  @Endpoint(
    'Change the reference, dates or covered applications (version of the contract); the HDS clauses follow the applications',
    { action: 'update', subject: 'Contract' },
  )
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateContractDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ContractView & { clauses: ClauseView[] }> {
    return this.contracts.update(ctx, id, { ...dto, version: dto.version ?? ifMatch });
  }

  @Get(':id/clauses')
  @Endpoint("The contract's clause checklist, with its Art. 28.3 non-compliances", {
    action: 'read',
    subject: 'Contract',
  })
  clauses(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<{ items: ClauseView[]; nonCompliances: NonCompliance[]; art28Compliant: boolean }> {
    return this.contracts.clauses(ctx, id);
  }

  @Patch(':id/clauses/:key')
  @Endpoint('Record whether the contract has a clause, where, with a comment (version of the clause)', {
    action: 'update',
    subject: 'Contract',
  })
  updateClause(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('key') key: string,
    @Body() dto: UpdateClauseDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<ClauseView> {
    return this.contracts.updateClause(ctx, id, key, { ...dto, version: dto.version ?? ifMatch });
  }
}
