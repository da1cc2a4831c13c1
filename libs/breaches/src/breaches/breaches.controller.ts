import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, IfMatchVersion, Page, RequestContext, sentVersion } from '@vigie/core';
import { asDownload, attachmentDisposition } from '@vigie/documents';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { OverdueListQuery } from '../common/list-query';
import { BreachRecordService } from '../documents/breach-record.service';
import { BreachRegisterService } from '../documents/breach-register.service';
import { CreateBreachDto, UpdateBreachDto } from './breach.dto';
import { BREACH_STATUSES } from './breach-rules';
import { BreachView } from './breach-view';
import { BreachesService } from './breaches.service';

class BreachListQuery extends OverdueListQuery {
  @ApiPropertyOptional({ enum: BREACH_STATUSES })
  @IsOptional()
  @IsIn(BREACH_STATUSES)
  status?: string;
}

@ApiTags('Breaches')
@ApiBearerAuth()
@Controller()
export class BreachesController {
  constructor(
    private readonly breaches: BreachesService,
    private readonly records: BreachRecordService,
    private readonly register: BreachRegisterService,
  ) {}

  @Post('organisations/:orgId/breaches')
  @Endpoint(
    "Record a breach in a member's register (DPO or editor); answers its 72-hour deadline",
    { action: 'create', subject: 'Breach' },
    201,
  )
  create(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Body() dto: CreateBreachDto,
  ): Promise<BreachView> {
    return this.breaches.create(ctx, organisationId, dto);
  }

  @Get('organisations/:orgId/breaches')
  @Endpoint("A member's breach register, latest awareness first (?status=, ?overdue=true)", {
    action: 'read',
    subject: 'Breach',
  })
  list(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: BreachListQuery,
  ): Promise<Page<BreachView>> {
    return this.breaches.list(ctx, organisationId, query);
  }

  @Get('organisations/:orgId/breaches.pdf')
  @Expensive()
  @Endpoint(
    "A member's whole breach register (Art. 33.5) as a PDF in French, stored as a record of the member",
    { action: 'read', subject: 'Breach' },
    200,
    { produces: 'application/pdf' },
  )
  async registerPdf(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.register.pdf(ctx, organisationId), response);
  }

  @Get('organisations/:orgId/breaches.xlsx')
  @Expensive()
  @Endpoint(
    "A member's whole breach register (Art. 33.5) as an Excel workbook, one row per breach",
    { action: 'read', subject: 'Breach' },
    200,
    {
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  )
  async registerXlsx(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const file = await this.register.xlsx(ctx, organisationId);
    response.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(file.bytes, {
      type: file.contentType,
      length: file.bytes.length,
      disposition: attachmentDisposition(file.fileName),
    });
  }

  @Get('breaches/:id')
  @Endpoint('Read a breach (its member only)', { action: 'read', subject: 'Breach' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<BreachView> {
    return this.breaches.get(ctx, id);
  }

  @Patch('breaches/:id')
  @Endpoint('Change a breach (with the version last read); status, risk and notification are the DPO’s', {
    action: 'update',
    subject: 'Breach',
  })
  update(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateBreachDto,
    @IfMatchVersion() ifMatch?: number,
  ): Promise<BreachView> {
    return this.breaches.update(ctx, id, { ...dto, version: sentVersion(dto, ifMatch) });
  }

  @Get('breaches/:id/record.pdf')
  @Expensive()
  @Endpoint(
    'The breach record (fiche de violation) as a PDF, stored as a record of the member',
    { action: 'read', subject: 'Breach' },
    200,
    {
      produces: 'application/pdf',
    },
  )
  async record(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.records.render(ctx, id), response);
  }
}
