import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, RequestContext } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import type { Response } from 'express';
import {
  AnnualReportQuery,
  AnnualReportsDto,
  AnnualReportsView,
  currentParisYear,
} from './annual-report.dto';
import { AnnualReportService } from './annual-report.service';
import { XLSX_TYPE } from './annual-report.xlsx';

const defaultYear = (year: number | undefined) => year ?? currentParisYear() - 1;

@ApiTags('DPO annual report')
@ApiBearerAuth()
@Controller()
export class AnnualReportController {
  constructor(private readonly reports: AnnualReportService) {}

  @Get('organisations/:orgId/annual-report.pdf')
  @Expensive()
  @Endpoint(
    "The DPO's annual report on a member for a year (PDF, French), stored as a record",
    { action: 'read', subject: 'AnnualReport' },
    200,
    {
      produces: 'application/pdf',
    },
  )
  async pdf(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: AnnualReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.pdf(ctx, organisationId, defaultYear(query.year)), response);
  }

  @Get('organisations/:orgId/annual-report.xlsx')
  @Expensive()
  @Endpoint(
    "The figures of the DPO's annual report on a member (XLSX), stored as a record",
    { action: 'read', subject: 'AnnualReport' },
    200,
    {
      produces: XLSX_TYPE,
    },
  )
  async xlsx(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: AnnualReportQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.reports.xlsx(ctx, organisationId, defaultYear(query.year)), response);
  }

  @Post('annual-reports')
  @Endpoint(
    'Generate the annual report (PDF and XLSX) of every member the caller is DPO of; answers the records',
    { action: 'read', subject: 'AnnualReport' },
    201,
  )
  @ApiCreatedResponse({ type: AnnualReportsView })
  async all(@Ctx() ctx: RequestContext, @Body() dto: AnnualReportsDto): Promise<AnnualReportsView> {
    return { items: await this.reports.forAllMembers(ctx, defaultYear(dto.year)) };
  }
}
