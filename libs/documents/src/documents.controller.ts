import { Controller, Get, Param, ParseUUIDPipe, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Ctx } from '@vigie/authz';
import { Endpoint, Page, PageQuery, RequestContext } from '@vigie/core';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import type { Response } from 'express';
import { DocumentsService } from './documents.service';
import { asDownload } from './download';
import { GeneratedDocumentView } from './generated-document.entity';

class DocumentQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  organisationId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  kind?: string;
}

@ApiTags('Generated PDF records')
@ApiBearerAuth()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @Endpoint('List the generated PDF records of the organisations the caller may see', {
    action: 'read',
    subject: 'Document',
  })
  list(@Ctx() ctx: RequestContext, @Query() query: DocumentQuery): Promise<Page<GeneratedDocumentView>> {
    return this.documents.list(ctx, query, query);
  }

  @Get(':id')
  @Endpoint('Read one generated PDF record', { action: 'read', subject: 'Document' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<GeneratedDocumentView> {
    return this.documents.get(ctx, id);
  }

  @Get(':id/content')
  @Endpoint('Download the exact bytes first served', { action: 'read', subject: 'Document' }, 200, {
    produces: 'application/pdf',
  })
  async content(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    return asDownload(await this.documents.content(ctx, id), response);
  }
}
