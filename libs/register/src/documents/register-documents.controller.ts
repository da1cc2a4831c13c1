import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, RequestContext } from '@vigie/core';
import { asDownload } from '@vigie/documents';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { RegisterDocumentsService } from './register-documents.service';

/** `?drafts=include`: the working copy (drafts as well) instead of the official register (validated only). */
export class RegisterEditionQuery {
  @ApiPropertyOptional({
    enum: ['include'],
    description: 'include: the working copy, drafts included, each draft sheet marked « Brouillon »',
  })
  @IsOptional()
  @IsIn(['include'])
  drafts?: 'include';
}

const PDF = { produces: 'application/pdf' };

@ApiTags('Register of processing activities')
@ApiBearerAuth()
@Controller()
export class RegisterDocumentsController {
  constructor(private readonly documents: RegisterDocumentsService) {}

  @Get('organisations/:orgId/register.pdf')
  @Expensive()
  @Endpoint(
    "A member's register as a PDF (cover, list, one sheet per activity), stored as a record: the official register holds the validated entries only; ?drafts=include gives the working copy",
    { action: 'read', subject: 'ProcessingActivity' },
    200,
    PDF,
  )
  async register(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: RegisterEditionQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const edition = { workingCopy: query.drafts === 'include' };
    return asDownload(await this.documents.registerPdf(ctx, organisationId, edition), response);
  }

  @Get('processing-activities/:id/sheet.pdf')
  @Expensive()
  @Endpoint(
    "One entry's sheet as a PDF, stored as a record",
    { action: 'read', subject: 'ProcessingActivity' },
    200,
    PDF,
  )
  async sheet(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.documents.sheetPdf(ctx, id), response);
  }

  @Get('processor-register.pdf')
  @Expensive()
  @Endpoint(
    "The operator's Art. 30.2 register as a PDF (operator roles), stored as a record",
    { action: 'read', subject: 'ProcessorRegister' },
    200,
    PDF,
  )
  async processorRegister(
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.documents.processorRegisterPdf(ctx), response);
  }
}
