import {
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Expensive, RequestContext } from '@vigie/core';
import type { Response } from 'express';
import { RegisterEditionQuery } from '../documents/register-documents.controller';
import { ImportOutcome, RegisterSpreadsheetsService, SpreadsheetFile } from './register-spreadsheets.service';

/** Largest register file accepted for import. */
const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;

function send(file: SpreadsheetFile, response: Response): StreamableFile {
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.bytes, {
    type: file.contentType,
    length: file.bytes.length,
    disposition: `attachment; filename="${file.fileName}"`,
  });
}

@ApiTags('Register of processing activities')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class RegisterSpreadsheetsController {
  constructor(private readonly spreadsheets: RegisterSpreadsheetsService) {}

  @Get('register.xlsx')
  @Expensive()
  @Endpoint(
    "A member's register as an Excel workbook (one row per activity, CNIL model columns): validated entries; ?drafts=include adds the drafts",
    { action: 'read', subject: 'ProcessingActivity' },
    200,
    {
      produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  )
  async xlsx(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: RegisterEditionQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const drafts = query.drafts === 'include';
    return send(await this.spreadsheets.exportXlsx(ctx, organisationId, drafts), response);
  }

  @Get('register.csv')
  @Expensive()
  @Endpoint(
    "A member's register as CSV for French Excel (semicolons, UTF-8 with BOM): validated entries; ?drafts=include adds the drafts",
    { action: 'read', subject: 'ProcessingActivity' },
    200,
    { produces: 'text/csv' },
  )
  async csv(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @Query() query: RegisterEditionQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const drafts = query.drafts === 'include';
    return send(await this.spreadsheets.exportCsv(ctx, organisationId, drafts), response);
  }

  @Post('register/import')
  @Expensive()
  @Endpoint(
    'Import an XLSX or CSV file laid out like the export (new lines create drafts, lines with Identifiant and Version update): all or nothing',
    { action: 'create', subject: 'ProcessingActivity' },
    201,
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_LIMIT_BYTES, files: 1 } }))
  import(
    @Ctx() ctx: RequestContext,
    @Param('orgId', ParseUUIDPipe) organisationId: string,
    @UploadedFile() file: { buffer: Buffer; originalname?: string } | undefined,
  ): Promise<ImportOutcome> {
    return this.spreadsheets.import(ctx, organisationId, file);
  }
}
